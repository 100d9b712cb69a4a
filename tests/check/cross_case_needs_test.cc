// What the run builds across cases, and the notes it writes, follow the enabled
// grounds.
#include <gtest/gtest.h>

#include "engine/check/cross_check.h"
#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

// The driver builds what the enabled grounds ask for, and nothing for a
// ground that is switched off.
TEST(CrossCaseNeedsTest, TheEnabledGroundsDecide) {
  Rules rules = UrbanRules();
  CrossCaseNeeds all = EnabledCrossCaseNeeds(rules);
  EXPECT_TRUE(all.person_other_cases);
  EXPECT_TRUE(all.account_other_cases);
  EXPECT_TRUE(all.account_holders);
  EXPECT_TRUE(all.family_ties);
  EXPECT_TRUE(all.cadre_ties);
  EXPECT_EQ(all.generic_max_cases, 3);

  auto r = ParseRules(
      "[split]\ngeneric_max_cases = 7\n[cadre_kin]\nenabled = false\n"
      "[payment]\nenabled = false\n",
      "r.toml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  CrossCaseNeeds some = EnabledCrossCaseNeeds(*r);
  EXPECT_TRUE(some.person_other_cases);
  EXPECT_FALSE(some.account_other_cases);
  EXPECT_FALSE(some.account_holders);
  EXPECT_TRUE(some.family_ties);
  EXPECT_FALSE(some.cadre_ties);
  EXPECT_EQ(some.generic_max_cases, 7);

  for (auto& [section, values] : rules.grounds) values.Set("enabled", false);
  CrossCaseNeeds none = EnabledCrossCaseNeeds(rules);
  EXPECT_FALSE(none.person_other_cases || none.account_other_cases ||
               none.account_holders || none.family_ties || none.cadre_ties);
}

// Notes about the cases come from the enabled grounds: UNDERPAID's about a
// roll without declared incomes, and the zones without a standard name the
// grounds that use standards.
TEST(CrossCaseNeedsTest, CaseNotesComeFromTheEnabledGrounds) {
  Rules rules = UrbanRules();
  std::vector<Household> cases(2, MakeUrbanCase(1));
  cases[0].has_declared_income = false;
  cases[1].zone = "mountain";
  std::vector<std::string> notes;
  CaseNotes(cases, rules, kUrbanAsOf, &notes);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0],
            "UNDERPAID not computed for 1 of 2 cases: the roll carries no "
            "declared_income (家庭月人均收入)");
  EXPECT_EQ(notes[1],
            "1 case(s) of zone 'mountain' have no standard in t.toml: INCOME, "
            "ASSETS and UNDERPAID skip them");
  rules.grounds["underpaid"].Set("enabled", false);
  rules.grounds["assets"].Set("enabled", false);
  notes.clear();
  CaseNotes(cases, rules, kUrbanAsOf, &notes);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0],
            "1 case(s) of zone 'mountain' have no standard in t.toml: INCOME "
            "skips them");
}

}  // namespace
}  // namespace hedui
