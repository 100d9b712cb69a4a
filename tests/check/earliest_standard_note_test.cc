// A run whose cases reach back before the earliest standard of their zone
// says so once: UNDERPAID, INCOME and ASSETS skip those months.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/check/cross_check.h"
#include "hedui/rules.h"

namespace hedui {
namespace {

Household Case(const std::string& id, const std::string& zone, Date enrolled) {
  Household h;
  h.case_id = id;
  h.zone = zone;
  h.enrolled_on = enrolled;
  h.has_enrolled_on = true;
  h.members.resize(1);
  return h;
}

Rules TwoZones() {
  Rules rules;
  rules.path = "county.toml";
  rules.standards["urban"].push_back(
      Standard{"urban", Date::FromYmd(2020, 1, 1), 80000, 0, 3});
  rules.standards["urban"].push_back(
      Standard{"urban", Date::FromYmd(2024, 7, 1), 85000, 0, 8});
  rules.standards["rural"].push_back(
      Standard{"rural", Date::FromYmd(2021, 7, 1), 60000, 0, 13});
  return rules;
}

size_t Mentioning(const std::vector<std::string>& notes,
                  std::string_view text) {
  return std::count_if(notes.begin(), notes.end(), [&](const std::string& n) {
    return n.find(text) != std::string::npos;
  });
}

TEST(EarliestStandardNoteTest, SaidOnceWhenCasesReachBeforeIt) {
  std::vector<Household> households = {
      Case("C1", "urban", Date::FromYmd(2019, 5, 10)),  // before 2020-01
      Case("C2", "urban", Date::FromYmd(2019, 12, 31)),
      Case("C3", "rural", Date::FromYmd(2021, 6, 1)),  // before 2021-07
      Case("C4", "urban", Date::FromYmd(2020, 1, 1)),  // not before
  };
  std::vector<std::string> notes;
  CaseNotes(households, TwoZones(), Date::FromYmd(2024, 12, 31), &notes);
  ASSERT_EQ(Mentioning(notes, "earliest standard"), 1u);
  const std::string& note =
      notes[std::find_if(notes.begin(), notes.end(),
                         [](const std::string& n) {
                           return n.find(
                                      "earliest "
                                      "standard") != std::string::npos;
                         }) -
            notes.begin()];
  EXPECT_NE(note.find("3 case(s)"), std::string::npos) << note;
  EXPECT_NE(note.find("county.toml"), std::string::npos) << note;
  EXPECT_NE(note.find("urban from 2020-01-01"), std::string::npos) << note;
  EXPECT_NE(note.find("rural from 2021-07-01"), std::string::npos) << note;
  EXPECT_NE(note.find("UNDERPAID"), std::string::npos) << note;
  EXPECT_NE(note.find("INCOME"), std::string::npos) << note;
  EXPECT_NE(note.find("ASSETS"), std::string::npos) << note;
}

TEST(EarliestStandardNoteTest, AnAsOfDateBeforeEveryStandardIsSaidToo) {
  // A case without an enrolment date is evaluated in the as-of month only.
  Household h = Case("C1", "urban", Date());
  h.has_enrolled_on = false;
  std::vector<std::string> notes;
  CaseNotes({h}, TwoZones(), Date::FromYmd(2019, 3, 1), &notes);
  EXPECT_EQ(Mentioning(notes, "earliest standard"), 1u);
}

TEST(EarliestStandardNoteTest, SilentWhenEveryMonthHasAStandard) {
  std::vector<Household> households = {
      Case("C1", "urban", Date::FromYmd(2020, 1, 1)),
      Case("C2", "rural", Date::FromYmd(2022, 1, 1)),
      Case("C3", "nowhere", Date::FromYmd(2000, 1, 1)),  // said otherwise
  };
  std::vector<std::string> notes;
  CaseNotes(households, TwoZones(), Date::FromYmd(2024, 12, 31), &notes);
  EXPECT_EQ(Mentioning(notes, "earliest standard"), 0u);
  EXPECT_EQ(Mentioning(notes, "have no standard"), 1u);
}

TEST(EarliestStandardNoteTest, SilentWhenNoGroundUsesStandards) {
  Rules rules = TwoZones();
  for (const char* section : {"underpaid", "income", "assets"})
    rules.grounds[section].Set("enabled", false);
  std::vector<std::string> notes;
  CaseNotes({Case("C1", "urban", Date::FromYmd(2010, 1, 1))}, rules,
            Date::FromYmd(2024, 12, 31), &notes);
  EXPECT_EQ(Mentioning(notes, "earliest standard"), 0u);
}

}  // namespace
}  // namespace hedui
