// The person linker on the FEBRL data sets (tests/data/febrl/): real
// record-linkage benchmarks with known duplicates.
#include "engine/demo/febrl.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "engine/linkage/person_linker.h"

namespace hedui {
namespace {

std::string FebrlPath(const std::string& name) {
  return std::string(HEDUI_SOURCE_DIR) + "/tests/data/febrl/" + name;
}

std::vector<PersonRecord> Load(const std::string& name) {
  StatusOr<std::vector<PersonRecord>> r = ReadFebrlCsv(FebrlPath(name));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : std::vector<PersonRecord>{};
}

void Report(const char* what, const LinkageQuality& q, const LinkStats& s) {
  std::printf(
      "FEBRL %s: precision %.4f recall %.4f F1 %.4f (true %zu, found %zu, "
      "correct %zu; "
      "%zu candidate pairs, prior %.4f, %d EM iterations)\n",
      what, q.precision, q.recall, q.f1, q.true_pairs, q.found_pairs,
      q.correct_pairs, s.candidate_pairs, s.prior, s.em_iterations_run);
}

TEST(FebrlTest, EntityFromRecordId) {
  EXPECT_EQ(FebrlEntity("rec-1070-org"), 1070);
  EXPECT_EQ(FebrlEntity("rec-561-dup-0"), 561);
  EXPECT_EQ(FebrlEntity("rec-x-org"), -1);
  EXPECT_EQ(FebrlEntity("561"), -1);
}

TEST(FebrlTest, Dataset4LinkageF1AtLeast098) {
  std::vector<PersonRecord> a = Load("dataset4a.csv");
  std::vector<PersonRecord> b = Load("dataset4b.csv");
  ASSERT_EQ(a.size(), 5000u);
  ASSERT_EQ(b.size(), 5000u);
  PersonModel model = FebrlModel();
  model.one_to_one = true;
  StatusOr<LinkResult> r = LinkPersons(model, a, b);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  LinkageQuality q = ScoreFebrl(r->matches, a, b, /*dedupe=*/false);
  Report("4 (A against B)", q, r->stats);
  EXPECT_EQ(q.true_pairs, 5000u);
  EXPECT_GE(q.f1, 0.98);
  // Blocking keeps the work far from all pairs (25 million).
  EXPECT_LT(r->stats.candidate_pairs, 500000u);
  // Every fuzzy match says what agreed and how sure it is.
  for (const PersonLink& m : r->matches) {
    ASSERT_NE(m.confidence, LinkConfidence::kExactId);
    ASSERT_FALSE(m.agreed.empty());
    ASSERT_GE(m.probability, model.possible_probability);
  }
}

TEST(FebrlTest, DedupeDatasets123) {
  for (const char* name : {"dataset1.csv", "dataset2.csv", "dataset3.csv"}) {
    std::vector<PersonRecord> records = Load(name);
    ASSERT_FALSE(records.empty());
    StatusOr<LinkResult> r = DedupePersons(FebrlModel(), records);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    LinkageQuality q =
        ScoreFebrl(r->matches, records, records, /*dedupe=*/true);
    Report(name, q, r->stats);
    // Pairs inside clusters of several duplicates (dataset 3) differ by two
    // sets of corruptions, yet the same bar holds.
    EXPECT_GE(q.f1, 0.98) << name;
  }
}

}  // namespace
}  // namespace hedui
