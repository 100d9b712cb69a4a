// MERGE: when a case's kin groups are the same size, the head's group is
// the case's own family, and the head is the member whose relation is the
// code `head`, however the roll wrote it (户主, 本人, 01, 02 …).
#include <gtest/gtest.h>

#include "engine/linkage/family_graph.h"
#include "engine/linkage/household_ties.h"
#include "hedui/matcher.h"

namespace hedui {
namespace {

constexpr uint64_t kBase = 41030319700101000ULL;

FamilyPerson Person(int n, std::string hukou) {
  FamilyPerson p;
  p.id_body = kBase + n;
  p.hukou_id = std::move(hukou);
  p.dwelling = n == 1 ? "d1" : "d5";  // two homes: no link by dwelling
  p.township = "鸣皋镇";
  p.record.kind = FeedKind::kPopulation;
  p.record.key.id_body = p.id_body;
  p.record.key.line = static_cast<uint32_t>(n);
  p.record.fields.resize(GetFeedSpec(FeedKind::kPopulation).fields.size());
  p.record.fields[field::kPopHukouId] = p.hukou_id;
  return p;
}

// Case case-A: person 1 (hukou H1, the smaller ID) and person 5 (hukou H2, no
// kin), person 5 the head written as `head_relation`. Returns the flagged
// members' ID offsets.
std::vector<int> MergeFlags(const std::string& head_relation) {
  std::vector<Household> households(1);
  Household& h = households[0];
  h.case_id = "case-A";
  h.enrolled_on = Date::FromYmd(2020, 3, 1);
  h.has_enrolled_on = true;
  h.monthly_fen = 120000;
  h.township = "鸣皋镇";
  for (int n : {1, 5}) {
    Member m;
    m.id_body = kBase + n;
    m.roll.kind = FeedKind::kRoll;
    m.roll.fields.resize(GetFeedSpec(FeedKind::kRoll).fields.size());
    m.roll.fields[field::kRollCaseId] = h.case_id;
    m.roll.fields[field::kRollRelation] = n == 5 ? head_relation : "other_kin";
    h.members.push_back(std::move(m));
  }
  FamilyGraph graph = FamilyGraph::FromPeople(
      {Person(1, "H1"), Person(5, "H2")}, households, FamilyGraphOptions());
  std::vector<std::string> notes;
  TieHouseholds(graph, ResolveCadreRecords({}, graph, &notes), &households,
                &notes);
  static const Rules rules;
  RunContext context{Date::FromYmd(2026, 10, 31), &rules};
  std::vector<Flag> flags;
  for (const auto& m : AllMatchers())
    if (m->Name() == "MERGE") m->Check(households[0], context, &flags);
  std::vector<int> out;
  for (const Flag& f : flags)
    out.push_back(
        static_cast<int>(households[0].members[f.member].id_body - kBase));
  return out;
}

TEST(MergeHeadTest, TheHeadsGroupIsTheFamilyWhateverTheSpelling) {
  // The roll's relation is stored as its code: 户主, 本人, 01 and 02 are
  // all `head` after ingest. The outsider is the other member.
  EXPECT_EQ(MergeFlags("head"), std::vector<int>{1});
  // A record stored before relation was a code still says 户主.
  EXPECT_EQ(MergeFlags("户主"), std::vector<int>{1});
  // No head in either group: the group of the smaller ID is the family.
  EXPECT_EQ(MergeFlags("child"), std::vector<int>{5});
}

}  // namespace
}  // namespace hedui
