// INCOME: per-capita income above the standard.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(IncomeTest, PerCapitaIncomeAtTheStandardIsNotOverOneFenMoreIs) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(2);
  AddTax(&h, 0, "2025-03", "1000.00");
  AddTax(&h, 1, "2025-03", "440.00");  // 1440.00 = 720.00 × 2: at the line
  EXPECT_TRUE(Check("INCOME", h, rules).empty());
  AddTax(&h, 1, "2025-03", "0.01");
  auto flags = Check("INCOME", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].member, 0u);  // the higher earner that month
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 3, 1));
  EXPECT_EQ(flags[0].amount_fen, 9 * 104000);  // April..December, whole case
}

TEST(IncomeTest, StandardChangingMidPeriod) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(1);
  // 750.00 a month: over 720 in June, under 780 from July.
  AddTax(&h, 0, "2025-07", "750.00");
  AddTax(&h, 0, "2025-08", "750.00");
  EXPECT_TRUE(Check("INCOME", h, rules).empty());
  AddTax(&h, 0, "2025-06", "750.00");
  auto flags = Check("INCOME", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 6, 1));
  EXPECT_NE(flags[0].reason.find("有 1 个月高于低保标准：2025-06 人均 750.00 "
                                 "元，高于标准 720.00 元（超出 30.00 元）"),
            std::string::npos);
  // Before enrolment and after the as-of month nothing counts.
  Household g = MakeUrbanCase(1);
  AddTax(&g, 0, "2024-12", "9000.00");
  AddTax(&g, 0, "2026-01", "9000.00");
  EXPECT_TRUE(Check("INCOME", g, rules).empty());
}

TEST(IncomeTest, PayrollKindsAndWelfareJobDisregard) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(1);
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "城管局", "public_welfare_job", "800.00", "2025-09"});
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "公积金", "housing_fund", "900.00", "2025-09"});
  ASSERT_EQ(Check("INCOME", h, rules).size(), 1u);  // 800 > 780
  // 780.00 counted: at the line.
  rules.grounds["income"].Set("welfare_job_disregard", int64_t{2000});
  EXPECT_TRUE(Check("INCOME", h, rules).empty());
}

}  // namespace
}  // namespace hedui
