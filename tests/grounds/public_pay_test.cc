// PUBLIC_PAY: public payroll, a public welfare job, a pension above the line.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(PublicPayTest, PensionLineWelfareJobAndPayroll) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(1);
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "社保", "pension", "1000.00", "2025-02"});
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "县财政", "public_payroll", "4000.00", "2026-01"});  // after as-of
  EXPECT_TRUE(Check("PUBLIC_PAY", h, rules).empty());
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "社保", "pension", "1000.01", "2025-10"});
  ASSERT_EQ(Check("PUBLIC_PAY", h, rules).size(), 1u);
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "城管局", "public_welfare_job", "1800.00", "2025-08"});
  auto flags = Check("PUBLIC_PAY", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 8, 1));
  EXPECT_EQ(flags[0].amount_fen, 4 * 52000);  // September..December
  rules.grounds["public_pay"].Set("welfare_job_counts", false);
  EXPECT_EQ(Check("PUBLIC_PAY", h, rules)[0].since, Date::FromYmd(2025, 10, 1));
}

}  // namespace
}  // namespace hedui
