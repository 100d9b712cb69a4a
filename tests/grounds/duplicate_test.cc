// DUPLICATE: one person in two cases.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(DuplicateTest, TheLaterCaseIsFlagged) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(2);
  h.members[1].other_cases.push_back(Rec(
      FeedKind::kRoll,
      {"C0", "id", "n", "", "", "", "", "urban", "", "", "", "2024-05-01"}));
  auto flags = Check("DUPLICATE", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].member, 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 1, 10));
  EXPECT_EQ(flags[0].amount_fen, 12 * 52000);  // January..December, the share
  h.members[1].other_cases[0].fields[field::kRollEnrolledOn] = "2025-01-10";
  h.members[1].other_cases[0].fields[field::kRollCaseId] =
      "C2";  // same day, larger case_id: C1 is first, flagged but not counted
  flags = Check("DUPLICATE", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_FALSE(flags[0].counts_in_total);
}

}  // namespace
}  // namespace hedui
