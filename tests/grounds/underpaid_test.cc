// UNDERPAID: a case paid less than the top-up rule gives.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(UnderpaidTest, StandardRaisedMidPeriodAndNeverAdjusted) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(
      2);  // paid 1040.00; due from July (780 − 200) × 2 = 1160.00
  auto flags = Check("UNDERPAID", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 7, 1));
  EXPECT_EQ(flags[0].amount_fen, 6 * 12000);  // July..December
  EXPECT_EQ(flags[0].months.size(), 6u);
  EXPECT_EQ(flags[0].scope, FlagScope::kCase);
  h.monthly_fen = 116000;  // adjusted correctly after the raise
  EXPECT_TRUE(Check("UNDERPAID", h, rules).empty());
  h.monthly_fen = 116000 - 1;  // one fen short
  flags = Check("UNDERPAID", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 6);
  h.has_declared_income = false;  // not computed
  EXPECT_TRUE(Check("UNDERPAID", h, rules).empty());
}

}  // namespace
}  // namespace hedui
