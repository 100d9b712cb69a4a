// MOVED: a member who moved out of the county.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(MovedTest, MovingOutMidMonthCostsTheShareFromTheNextMonth) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(2);
  Add(&h, 1, FeedKind::kMigration,
      {"id", "married", "2025-03-01", ""});  // married, stayed
  Add(&h, 1, FeedKind::kMigration, {"id", "moved_in", "2025-03-01", ""});
  EXPECT_TRUE(Check("MOVED", h, rules).empty());
  Add(&h, 1, FeedKind::kMigration, {"id", "married_out", "2025-09-15", "郑州"});
  auto flags = Check("MOVED", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].reason, "2025-09-15 婚迁至 郑州");
  EXPECT_EQ(flags[0].amount_fen, 3 * 52000);  // October..December, share 520.00
  EXPECT_EQ(flags[0].scope, FlagScope::kMember);
  // The other member goes to prison in November: nobody left from December.
  Add(&h, 0, FeedKind::kPopulation,
      {"id", "", "", "", "", "", "", "", "", "", "imprisoned", "2025-11-20"});
  flags = Check("MOVED", h, rules);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].amount_fen,
            1 * 104000);  // December, whole case: the last to leave
  EXPECT_EQ(flags[1].amount_fen, 2 * 52000);  // October, November: share
  rules.grounds["moved"].Set("imprisoned_counts", false);
  EXPECT_EQ(Check("MOVED", h, rules).size(), 1u);
}

}  // namespace
}  // namespace hedui
