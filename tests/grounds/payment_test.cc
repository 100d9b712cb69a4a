// PAYMENT: paid into someone else's account, or one shared with another case.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(PaymentTest, SomeoneElsesAccountOrSharedWithAnEarlierCase) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(2);
  h.bank_account = "622800";
  EXPECT_TRUE(
      Check("PAYMENT", h, rules).empty());  // the bank feed does not know it
  h.account_holders.push_back(Rec(
      FeedKind::kBank, {"id", "农行", "622800", "10.00"}, 1001));  // a member's
  EXPECT_TRUE(Check("PAYMENT", h, rules).empty());
  h.account_holders[0].key.id_body = 5555;  // someone else's
  auto flags = Check("PAYMENT", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 12 * 104000);  // from the enrolment month
  h.account_holders.clear();
  h.account_other_cases.push_back(Rec(
      FeedKind::kRoll,
      {"C9", "id", "n", "", "", "", "", "urban", "", "", "", "2026-01-01"}));
  flags = Check("PAYMENT", h, rules);  // the other case came later: C1 is
  ASSERT_EQ(flags.size(), 1u);         // the first, its money not counted
  EXPECT_FALSE(flags[0].counts_in_total);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2026, 1, 1));
  h.account_other_cases[0].fields[field::kRollEnrolledOn] = "2020-01-01";
  flags = Check("PAYMENT", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_TRUE(flags[0].counts_in_total);
}

}  // namespace
}  // namespace hedui
