// DECEASED: a member who has died, from the death feed or the register's
// status.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(DeceasedTest, MemberShareWhileOthersRemain) {
  Household h = MakeCase(3);
  AddDeath(&h, 1, "2024-06-30");  // affects July..December: 6 months
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].member, 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2024, 6, 30));
  EXPECT_EQ(flags[0].amount_fen, 6 * 30000);
  EXPECT_EQ(flags[0].scope, FlagScope::kMember);
}

// The reason is read by officers on the list, the case page and `cases
// show`: Chinese, with the record's source.
TEST(DeceasedTest, ReasonIsChinese) {
  Household h = MakeCase(2);
  AddDeath(&h, 0, "2024-03-10");
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].reason, "2024-03-10 死亡（殡葬记录）");
  AddDeath(&h, 1, "2024-08-02");
  flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[1].reason, "2024-08-02 死亡（殡葬记录）；全户已无在世成员");
}

TEST(DeceasedTest, DeathOnTheLastDayOfTheAsOfMonthCostsNothingYet) {
  Household h = MakeCase(2);
  AddDeath(&h, 0, "2024-12-01");
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 0);
}

TEST(DeceasedTest, DeathAfterAsOfIsNotFlagged) {
  Household h = MakeCase(2);
  AddDeath(&h, 0, "2025-01-01");
  EXPECT_TRUE(Check("DECEASED", h, kAsOf).empty());
}

TEST(DeceasedTest, WholeCaseGoesToTheLastToDie) {
  Household h = MakeCase(2);
  AddDeath(&h, 0, "2024-03-10");  // April onward: share while member 1 lives
  AddDeath(&h, 1, "2024-08-02");  // September onward: nobody left
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 2u);
  // Member 0: April..August share (5 × 450), nothing after member 1 died.
  EXPECT_EQ(flags[0].amount_fen, 5 * 45000);
  // Member 1: September..December whole case (4 × 900).
  EXPECT_EQ(flags[1].amount_fen, 4 * 90000);
}

TEST(DeceasedTest, DeathBeforeEnrolmentCountsFromEnrolment) {
  Household h = MakeCase(1);
  AddDeath(&h, 0, "2023-05-01");
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 12 * 90000);  // January..December 2024
}

TEST(DeceasedTest, PopulationStatusWithDateCounts) {
  Household h = MakeCase(1);
  auto& pop = h.members[0].feeds[static_cast<size_t>(FeedKind::kPopulation)];
  pop.push_back(Rec(FeedKind::kPopulation, {"id", "n", "", "", "", "", "", "",
                                            "", "", "dead", "2024-10-15"}));
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2024, 10, 15));
  EXPECT_EQ(flags[0].amount_fen, 2 * 90000);
  pop[0].fields[field::kPopStatus] = "normal";
  EXPECT_TRUE(Check("DECEASED", h, kAsOf).empty());
}

TEST(DeceasedMidMonthTest, DyingOnTheFifteenthStopsTheShareFromTheNextMonth) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(2);
  Add(&h, 0, FeedKind::kDeath, {"id", "name", "2025-06-15", "殡葬"});
  auto flags = Check("DECEASED", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 6 * 52000);  // July..December
  EXPECT_EQ(flags[0].months.front().month,
            Date::FromYmd(2025, 7, 1).month_index());
}

}  // namespace
}  // namespace hedui
