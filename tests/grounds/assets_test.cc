// ASSETS: deposits above the months of the standard allowed.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(AssetsTest, ExactlyAtTheThresholdIsAllowed) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(2);
  // 24 × 720.00 × 2 = 34560.00 in March 2025.
  Add(&h, 0, FeedKind::kBank, {"id", "农行", "A1", "20000.00", "2025-03-10"});
  Add(&h, 1, FeedKind::kBank, {"id", "邮储", "B1", "14560.00", "2025-03-10"});
  EXPECT_TRUE(Check("ASSETS", h, rules).empty());
  Add(&h, 1, FeedKind::kBank,
      {"id", "邮储", "B1", "14560.01",
       "2025-04-02"});  // the same account, later
  auto flags = Check("ASSETS", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 4, 2));
  EXPECT_EQ(flags[0].member, 0u);
  EXPECT_EQ(flags[0].amount_fen, 8 * 104000);  // May..December
}

TEST(AssetsTest, ThresholdFollowsTheStandardOfTheBalanceDate) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(1);
  // 18720.00 = 24 × 780.00: at the line from July, over it in June.
  Add(&h, 0, FeedKind::kBank, {"id", "农行", "A1", "18720.00", "2025-07-20"});
  EXPECT_TRUE(Check("ASSETS", h, rules).empty());
  Add(&h, 0, FeedKind::kBank, {"id", "农行", "A2", "18720.00", "2025-06-30"});
  ASSERT_EQ(Check("ASSETS", h, rules).size(), 1u);
  EXPECT_EQ(Check("ASSETS", h, rules)[0].since, Date::FromYmd(2025, 6, 30));
}

}  // namespace
}  // namespace hedui
