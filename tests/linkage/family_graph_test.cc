// The family graph and the three grounds on it: SPLIT, MERGE, CADRE_KIN,
// with the decoys the grounds must not flag.
#include "engine/linkage/family_graph.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include "engine/linkage/household_ties.h"
#include "hedui/matcher.h"

namespace hedui {
namespace {

constexpr uint64_t kBase = 41030319700101000ULL;

FamilyPerson Person(int n, std::string hukou, std::string dwelling,
                    int father = 0, int mother = 0, int spouse = 0) {
  FamilyPerson p;
  p.id_body = kBase + n;
  p.father = father ? kBase + father : 0;
  p.mother = mother ? kBase + mother : 0;
  p.spouse = spouse ? kBase + spouse : 0;
  p.hukou_id = std::move(hukou);
  p.dwelling = std::move(dwelling);
  p.township = "鸣皋镇";
  p.record.kind = FeedKind::kPopulation;
  p.record.key.id_body = p.id_body;
  p.record.key.line = static_cast<uint32_t>(n);
  p.record.fields.resize(GetFeedSpec(FeedKind::kPopulation).fields.size());
  p.record.fields[field::kPopHukouId] = p.hukou_id;
  return p;
}

// A case of the given people (numbers as in Person), enrolled on `enrolled`.
Household Case(std::string id, std::vector<int> people, Date enrolled,
               std::string phone = "") {
  Household h;
  h.case_id = id;
  h.enrolled_on = enrolled;
  h.has_enrolled_on = true;
  h.monthly_fen = 60000 * static_cast<int64_t>(people.size());
  h.township = "鸣皋镇";
  h.bank_account = "acct-" + id;
  for (size_t i = 0; i < people.size(); ++i) {
    Member m;
    m.id_body = kBase + people[i];
    m.roll.kind = FeedKind::kRoll;
    m.roll.fields.resize(GetFeedSpec(FeedKind::kRoll).fields.size());
    m.roll.fields[field::kRollCaseId] = id;
    m.roll.fields[field::kRollRelation] = i == 0 ? "户主" : "子";
    m.roll.fields[field::kRollPhone] = phone;
    h.members.push_back(std::move(m));
  }
  return h;
}

struct Outcome {
  std::vector<Household> households;
  std::vector<std::vector<Flag>> flags;
  std::vector<std::string> notes;
};

Outcome Check(std::vector<FamilyPerson> people,
              std::vector<Household> households,
              std::vector<SourceRecord> cadres = {}) {
  Outcome run;
  run.households = std::move(households);
  std::sort(run.households.begin(), run.households.end(),
            [](const Household& a, const Household& b) {
              return a.case_id < b.case_id;
            });
  FamilyGraph graph = FamilyGraph::FromPeople(std::move(people), run.households,
                                              FamilyGraphOptions());
  std::vector<CadreMatch> matches =
      ResolveCadreRecords(std::move(cadres), graph, &run.notes);
  TieHouseholds(graph, matches, &run.households, &run.notes);
  static const Rules rules;
  RunContext context{Date::FromYmd(2026, 10, 31), &rules};
  run.flags.resize(run.households.size());
  for (size_t h = 0; h < run.households.size(); ++h) {
    for (const auto& m : AllMatchers()) {
      if (m->Name() == "SPLIT" || m->Name() == "MERGE" ||
          m->Name() == "CADRE_KIN") {
        m->Check(run.households[h], context, &run.flags[h]);
      }
    }
  }
  return run;
}

std::vector<std::string> Flags(const Outcome& run, std::string_view rule) {
  std::vector<std::string> out;
  for (size_t h = 0; h < run.households.size(); ++h) {
    for (const Flag& f : run.flags[h]) {
      if (f.rule == rule)
        out.push_back(run.households[h].case_id + ":" +
                      std::to_string(f.member));
    }
  }
  return out;
}

const Date kEarly = Date::FromYmd(2020, 3, 1),
           kLate = Date::FromYmd(2023, 5, 1);

TEST(FamilyGraphTest, OneHukouInTwoCasesIsSplitOnTheLaterCase) {
  Outcome run = Check({Person(1, "H1", "d1"), Person(2, "H1", "d1"),
                       Person(3, "H1", "d1", 1, 2)},
                      {Case("A", {1, 2}, kEarly), Case("B", {3}, kLate)});
  // Both cases of the family are flagged; the first one's money is not
  // counted (configs/rules/README.md "Groups of cases").
  EXPECT_EQ(Flags(run, "SPLIT"), (std::vector<std::string>{"A:0", "B:0"}));
  EXPECT_FALSE(run.flags[0][0].counts_in_total);
  EXPECT_EQ(run.flags[0][0].since, kLate);
  EXPECT_EQ(run.flags[0][0].group_id, run.flags[1][0].group_id);
  const Flag& f = run.flags[1][0];
  EXPECT_TRUE(f.counts_in_total);
  EXPECT_EQ(f.since, kLate);
  EXPECT_EQ(f.scope, FlagScope::kCase);
  EXPECT_NE(f.params.find("\"other_case\":\"A\""), std::string::npos)
      << f.params;
  EXPECT_TRUE(Flags(run, "MERGE").empty());
}

TEST(FamilyGraphTest, GrownChildLivingWithParentsIsSplitButNotWhenLivingApart) {
  // 1 and 2 are parents (hukou P); 3 is their son with his own hukou.
  std::vector<FamilyPerson> together = {Person(1, "P", "home", 0, 0, 2),
                                        Person(2, "P", "home", 0, 0, 1),
                                        Person(3, "C", "home", 1, 2)};
  Outcome run =
      Check(together, {Case("A", {1, 2}, kEarly), Case("B", {3}, kLate)});
  ASSERT_EQ(Flags(run, "SPLIT"), (std::vector<std::string>{"A:0", "B:0"}));
  EXPECT_NE(run.flags[1][0].params.find("parent(together)"), std::string::npos)
      << run.flags[1][0].params;
  // Elderly parents with their own hukou and their own home; or two flats
  // of one building (different dwelling keys): not one family.
  std::vector<FamilyPerson> apart = {Person(1, "P", "home", 0, 0, 2),
                                     Person(2, "P", "home", 0, 0, 1),
                                     Person(3, "C", "room|b3|u2|302", 1, 2)};
  run = Check(apart, {Case("A", {1, 2}, kEarly), Case("B", {3}, kLate)});
  EXPECT_TRUE(Flags(run, "SPLIT").empty());
}

TEST(FamilyGraphTest, SpousesInTwoHukouAreOneFamilyWherever) {
  Outcome run = Check({Person(1, "H1", "a", 0, 0, 2), Person(2, "H2", "b")},
                      {Case("B", {2}, kEarly), Case("A", {1}, kLate)});
  EXPECT_EQ(Flags(run, "SPLIT"), (std::vector<std::string>{"A:0", "B:0"}));
}

TEST(FamilyGraphTest, SharedPhoneAtOneDwellingLinksUnlessGeneric) {
  std::vector<FamilyPerson> people = {
      Person(1, "H1", "same"), Person(2, "H2", "same"), Person(3, "H3", "x"),
      Person(4, "H4", "y"), Person(5, "H5", "z")};
  Outcome run = Check(
      people, {Case("A", {1}, kEarly, "139"), Case("B", {2}, kLate, "139")});
  EXPECT_EQ(Flags(run, "SPLIT"), (std::vector<std::string>{"A:0", "B:0"}));
  // The same phone on four cases: generic, noted, and no link.
  run = Check(people,
              {Case("A", {1}, kEarly, "139"), Case("B", {2}, kLate, "139"),
               Case("C", {3}, kLate, "139"), Case("D", {4}, kLate, "139")});
  EXPECT_TRUE(Flags(run, "SPLIT").empty());
  bool noted = false;
  for (const std::string& n : run.notes)
    noted = noted || n.find("phone 139: 4 cases") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(FamilyGraphTest, UnrelatedHouseholdsInOneCaseAreMerge) {
  // Case A: 1, 2 of hukou H1; 5 of H2 (no kin link); 7 of H3, the son of 1
  // with his own hukou (kin: not flagged).
  Outcome run =
      Check({Person(1, "H1", "a", 0, 0, 2), Person(2, "H1", "a", 0, 0, 1),
             Person(5, "H2", "b"), Person(7, "H3", "c", 1, 2)},
            {Case("A", {1, 2, 5, 7}, kEarly)});
  EXPECT_EQ(Flags(run, "MERGE"), std::vector<std::string>{"A:2"});
  const Flag& f = run.flags[0][0];
  EXPECT_EQ(f.scope, FlagScope::kMember);
  EXPECT_EQ(f.amount_fen, 60000 * (Date::FromYmd(2026, 10, 31).month_index() -
                                   kEarly.month_index() + 1));
  EXPECT_TRUE(Flags(run, "SPLIT").empty());
}

TEST(FamilyGraphTest, PersonInTwoCasesIsLeftToDuplicate) {
  Outcome run =
      Check({Person(1, "H1", "a"), Person(2, "H1", "a"), Person(3, "H9", "q")},
            {Case("A", {1, 2}, kEarly), Case("B", {2, 3}, kLate)});
  EXPECT_TRUE(Flags(run, "SPLIT").empty());
  EXPECT_TRUE(Flags(run, "MERGE").empty());
}

SourceRecord Cadre(std::string id, std::string name, std::string birth,
                   std::string township) {
  SourceRecord r;
  r.kind = FeedKind::kCadre;
  r.fields.resize(GetFeedSpec(FeedKind::kCadre).fields.size());
  r.fields[field::kCadreIdAsWritten] = std::move(id);
  r.fields[field::kCadreName] = std::move(name);
  r.fields[field::kCadreBirthDate] = std::move(birth);
  r.fields[field::kCadreTownship] = std::move(township);
  r.fields[field::kCadrePost] = "村委会主任";
  return r;
}

TEST(FamilyGraphTest, CadreKinByIdAndByNameWhenTheIdFails) {
  std::vector<FamilyPerson> people = {
      Person(1, "H1", "a"), Person(3, "H3", "c", 1), Person(4, "H4", "d", 1),
      Person(6, "H6", "e")};
  people[1].record.fields[field::kPopName] = "张建国";
  people[1].record.fields[field::kPopBirthDate] = "1975-04-02";
  // Roster: person 4 (sibling of 3, both children of 1) with a failing ID.
  people[2].record.fields[field::kPopName] = "张建军";
  people[2].record.fields[field::kPopBirthDate] = "1978-09-12";
  std::vector<SourceRecord> roster = {
      Cadre("4103031978091200", "张建军", "1978-09-12", "鸣皋镇")};
  Outcome run = Check(
      people,
      {Case("A", {3}, kEarly), Case("B", {1}, kEarly), Case("C", {6}, kEarly)},
      roster);
  EXPECT_EQ(Flags(run, "CADRE_KIN"), (std::vector<std::string>{"A:0", "B:0"}));
  EXPECT_NE(run.flags[0][0].params.find("\"relation\":\"sibling\""),
            std::string::npos)
      << run.flags[0][0].params;
  EXPECT_NE(run.flags[0][0].params.find("\"confidence\":\"high\""),
            std::string::npos)
      << run.flags[0][0].params;
  // The same roster row in another township flags nothing.
  roster = {Cadre("", "张建军", "1978-09-12", "白沙镇")};
  run = Check(people, {Case("A", {3}, kEarly), Case("B", {1}, kEarly)}, roster);
  EXPECT_TRUE(Flags(run, "CADRE_KIN").empty());
}

TEST(FamilyGraphTest, RosterRowWithATypoInNameOrDateStillFindsItsPerson) {
  std::vector<FamilyPerson> people = {
      Person(1, "H1", "a"), Person(4, "H4", "d"), Person(6, "H6", "e")};
  people[1].record.fields[field::kPopName] = "张建军";
  people[1].record.fields[field::kPopBirthDate] = "1978-09-12";
  // Born the same day, no character of the name in common.
  people[2].record.fields[field::kPopName] = "李明";
  people[2].record.fields[field::kPopBirthDate] = "1978-09-12";
  FamilyGraph graph =
      FamilyGraph::FromPeople(std::move(people), {}, FamilyGraphOptions());
  int64_t four = graph.Find(kBase + 4);
  std::vector<std::string> notes;
  // Each on its own: the match is one to one.
  for (const SourceRecord& row :
       {Cadre("", "张建君", "1978-09-12", "鸣皋镇"),     // one character off
        Cadre("", "张建军", "1978-09-21", "鸣皋镇")}) {  // the date off
    std::vector<CadreMatch> matches = ResolveCadreRecords({row}, graph, &notes);
    ASSERT_EQ(matches.size(), 1u);
    EXPECT_EQ(matches[0].person, four) << row.fields[field::kCadreName];
  }
}

// Birth date and township are shared by a few people of every county: with
// the name disagreeing they must not make a roster row someone's. The
// 2-million county of `hedui gen` flagged the father of 尹峰 for the
// roster's 尹雪敏 (no ID, the same birth date and township).
TEST(FamilyGraphTest, RosterRowIsNotAPersonWithAnotherName) {
  std::vector<FamilyPerson> people = {Person(1, "H1", "a"),
                                      Person(4, "H4", "d")};
  people[1].record.fields[field::kPopName] = "尹峰";
  people[1].record.fields[field::kPopBirthDate] = "1980-03-11";
  FamilyGraph graph =
      FamilyGraph::FromPeople(std::move(people), {}, FamilyGraphOptions());
  std::vector<std::string> notes;
  std::vector<CadreMatch> matches = ResolveCadreRecords(
      {Cadre("", "尹雪敏", "1980-03-11", "鸣皋镇")}, graph, &notes);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_TRUE(matches[0].person < 0 ||
              matches[0].confidence == LinkConfidence::kPossible)
      << "matched " << matches[0].person << " with confidence "
      << static_cast<int>(matches[0].confidence);
  // The run's note counts it as what it is.
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes.back().find("0 high"), std::string::npos) << notes.back();
}

TEST(FamilyGraphTest, FindsEveryPersonAcrossSampleBlocks) {
  // 300 people, every third ID: blocks of the sample index, their edges,
  // and IDs between, below and above them all.
  std::vector<FamilyPerson> people;
  for (int k = 299; k >= 0; --k) {
    std::string hukou = "H";
    hukou += std::to_string(k);
    people.push_back(Person(3 * k + 10, hukou, ""));
  }
  FamilyGraph graph =
      FamilyGraph::FromPeople(std::move(people), {}, FamilyGraphOptions());
  ASSERT_EQ(graph.size(), 300u);
  for (int k = 0; k < 300; ++k) {
    int64_t at = graph.Find(kBase + 3 * k + 10);
    ASSERT_EQ(at, k);
    EXPECT_EQ(graph.Find(kBase + 3 * k + 11), -1);
  }
  EXPECT_EQ(graph.Find(kBase + 9), -1);
  EXPECT_EQ(graph.Find(kBase + 3 * 299 + 13), -1);
  EXPECT_EQ(graph.Find(0), -1);
  EXPECT_EQ(graph.Find(UINT64_MAX), -1);
}

TEST(FamilyGraphTest, PeopleAreSortedByIdAndTheLastRowOfAnIdCounts) {
  // Out of order, and person 2 twice: the later row (hukou H9) counts.
  std::vector<FamilyPerson> people = {
      Person(5, "H5", "d5"), Person(2, "H2", "d2"),  Person(9, "H9x", "d9"),
      Person(1, "H1", "d1"), Person(2, "H9", "d2b"), Person(7, "H7", "d7")};
  FamilyGraph graph =
      FamilyGraph::FromPeople(std::move(people), {}, FamilyGraphOptions());
  ASSERT_EQ(graph.size(), 5u);
  std::vector<uint64_t> ids;
  for (uint32_t i = 0; i < graph.size(); ++i)
    ids.push_back(graph.person(i).id_body);
  EXPECT_EQ(ids, (std::vector<uint64_t>{kBase + 1, kBase + 2, kBase + 5,
                                        kBase + 7, kBase + 9}));
  int64_t two = graph.Find(kBase + 2);
  ASSERT_GE(two, 0);
  EXPECT_EQ(graph.HukouId(static_cast<uint32_t>(two)), "H9");
  EXPECT_EQ(graph.person(static_cast<uint32_t>(two)).dwelling_hash,
            XXH3_64bits("d2b", 3));
  EXPECT_EQ(graph.Find(kBase + 3), -1);
}

}  // namespace
}  // namespace hedui
