// BUSINESS: a member running a company above the capital threshold.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(BusinessTest, CapitalAboveTheThresholdInAnActiveCompany) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(1);
  Add(&h, 0, FeedKind::kBusiness,
      {"id", "甲公司", "50000.00", "legal_rep", "active", "2025-05-05"});
  Add(&h, 0, FeedKind::kBusiness,
      {"id", "乙公司", "900000.00", "legal_rep", "deregistered", "2020-01-01"});
  Add(&h, 0, FeedKind::kBusiness,
      {"id", "丙公司", "900000.00", "other", "active", "2020-01-01"});
  EXPECT_TRUE(Check("BUSINESS", h, rules).empty());
  Add(&h, 0, FeedKind::kBusiness,
      {"id", "丁公司", "50000.01", "shareholder", "active", "2025-05-05"});
  auto flags = Check("BUSINESS", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 7 * 52000);  // June..December
}

}  // namespace
}  // namespace hedui
