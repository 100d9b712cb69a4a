// DUPLICATE across counties: a member of the county's case is also paid in a
// neighbouring county's roll (Member::other_case_counties names it).
#include <gtest/gtest.h>

#include <algorithm>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

SourceRecord ForeignCase(const char* case_id, const char* enrolled) {
  return Rec(FeedKind::kRoll, {case_id, "id", "n", "", "", "", "", "urban", "",
                               "", "", enrolled});
}

TEST(DuplicateAcrossCountiesTest, ForeignCaseEarlierHomeCaseCarriesTheMoney) {
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(2);
  h.members[1].other_cases.push_back(ForeignCase("R7", "2024-05-01"));
  h.members[1].other_case_counties.push_back("汝阳县");
  auto flags = Check("DUPLICATE", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].member, 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 1, 10));
  EXPECT_EQ(flags[0].amount_fen, 12 * 52000);
  EXPECT_TRUE(flags[0].counts_in_total);
  EXPECT_NE(flags[0].reason.find("汝阳县低保案件 R7"), std::string::npos)
      << flags[0].reason;
  EXPECT_EQ(flags[0].group_cases,
            (std::vector<std::string>{"C1", "汝阳县:R7"}));
}

TEST(DuplicateAcrossCountiesTest, ForeignCaseLaterHomeCaseStillCounts) {
  // The county can only stop its own payment: from the day the neighbour
  // enrolled the person, the county's share is at stake and counted.
  Rules rules = UrbanRules();
  Household h = MakeUrbanCase(2);
  h.members[0].other_cases.push_back(ForeignCase("R9", "2025-06-03"));
  h.members[0].other_case_counties.push_back("汝阳县");
  auto flags = Check("DUPLICATE", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 6, 3));
  EXPECT_EQ(flags[0].amount_fen, 7 * 52000);  // June..December
  EXPECT_TRUE(flags[0].counts_in_total);
  EXPECT_NE(flags[0].reason.find("汝阳县低保案件 R9"), std::string::npos)
      << flags[0].reason;
  EXPECT_EQ(flags[0].group_cases,
            (std::vector<std::string>{"C1", "汝阳县:R9"}));
}

}  // namespace
}  // namespace hedui
