// Re-review cadence: which cases are due in the as-of month.
#include <gtest/gtest.h>

#include "engine/check/cross_check.h"
#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(ReviewTest, DueOnMultiplesOfTheCadenceSinceEnrolment) {
  Rules rules = UrbanRules();
  std::vector<Household> cases(4, MakeUrbanCase(1));
  cases[0].category =
      "一类";  // enrolled 2025-01: due every 6 months, July, January
  cases[1].category = "二类";  // every 3 months: April, July, October
  cases[2].category = "三类";  // every month
  cases[3].category = "五保";  // no cadence
  std::vector<std::string> notes;
  auto due = ReviewsDue(cases, rules, Date::FromYmd(2025, 7, 31), &notes);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].every_months, 6);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("1 case(s) of category '五保'"), std::string::npos);
  notes.clear();
  due = ReviewsDue(cases, rules, Date::FromYmd(2025, 8, 31), &notes);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].household, 2u);
  due = ReviewsDue(cases, rules, Date::FromYmd(2025, 1, 31),
                   &notes);  // the enrolment month itself
  EXPECT_TRUE(due.empty());
}

}  // namespace
}  // namespace hedui
