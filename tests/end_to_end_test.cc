// The whole spine on the demo county: generate, ingest, cross-check, and
// score against the generator's ground truth; then the same with one thread.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <tbb/global_control.h>

#include "engine/case_output.h"
#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"
#include "engine/demo/score.h"
#include "engine/run.h"
#include "matchers/rules.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

const std::string kConfigs = std::string(HEDUI_SOURCE_DIR) + "/configs";
const Date kAsOf = Date::FromYmd(2026, 10, 31);

// Generates the demo county once for every test here.
class EndToEndTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    demo::GeneratorOptions options;
    options.out_dir = dir_->path() + "/feeds";
    options.as_of = kAsOf;
    demo::GeneratorReport report;
    Status s = demo::GenerateCounty(options, &report);
    ASSERT_TRUE(s.ok()) << s.message();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // Ingests the demo feeds into `data` and runs the cross-check into `out`.
  static void IngestAndRun(const std::string& data, const std::string& out, std::vector<BatchInfo>* batches) {
    {
      auto index = Index::Open(data, Index::Mode::kReadWrite);
      ASSERT_TRUE(index.ok()) << index.status().message();
      Status s = demo::IngestDemoFeeds(index->get(), kConfigs, dir_->path() + "/feeds",
                                       [&](const BatchInfo& b, bool) { batches->push_back(b); });
      ASSERT_TRUE(s.ok()) << s.message();
    }
    auto rules = LoadRules(kConfigs + "/rules/demo.toml");
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    auto index = Index::Open(data, Index::Mode::kReadOnly);
    ASSERT_TRUE(index.ok()) << index.status().message();
    RunOptions options;
    options.as_of = kAsOf;
    options.rules = &*rules;
    auto result = RunCrossCheck(**index, options);
    ASSERT_TRUE(result.ok()) << result.status().message();
    ASSERT_TRUE(WriteCaseFiles(*result, out).ok());
  }

  static testing::TempDir* dir_;
};

testing::TempDir* EndToEndTest::dir_ = nullptr;

TEST_F(EndToEndTest, ScoresPerfectlyAgainstGroundTruthWithExactCounts) {
  std::vector<BatchInfo> batches;
  IngestAndRun(dir_->path() + "/data", dir_->path() + "/out", &batches);
  auto score = demo::ScoreCases(dir_->path() + "/out/cases.ndjson", dir_->path() + "/feeds/truth.ndjson");
  ASSERT_TRUE(score.ok()) << score.status().message();
  for (const char* rule : {"DECEASED", "VEHICLE", "PROPERTY", "MOVED", "INCOME", "ASSETS", "BUSINESS", "PUBLIC_PAY",
                           "DUPLICATE", "PAYMENT", "UNDERPAID"}) {
    SCOPED_TRACE(rule);
    const demo::RuleScore& r = score->by_rule[rule];
    EXPECT_GE(r.expected, 4u);
    EXPECT_EQ(r.precision(), 1.0);
    EXPECT_EQ(r.recall(), 1.0);
    EXPECT_EQ(r.since_mismatches, 0u);
    EXPECT_EQ(r.amount_mismatches, 0u);
  }
  for (const std::string& d : score->differences) ADD_FAILURE() << d;

  // read = accepted + quarantined, and exactly the rows the generator broke.
  simdjson::dom::parser parser;
  simdjson::dom::element counts;
  ASSERT_EQ(parser.load(dir_->path() + "/feeds/truth_counts.json").get(counts), simdjson::SUCCESS);
  ASSERT_EQ(batches.size(), std::size(demo::kDemoFeeds));
  for (const BatchInfo& b : batches) {
    SCOPED_TRACE(b.file);
    simdjson::dom::element expected = counts["feeds"][std::string(GetFeedSpec(b.kind).name)];
    EXPECT_EQ(b.read, b.accepted + b.quarantined);
    EXPECT_EQ(int64_t(b.read), int64_t(expected["rows"]));
    EXPECT_EQ(int64_t(b.quarantined), int64_t(expected["quarantined"]));
    EXPECT_EQ(testing::Lines(testing::ReadFile(b.quarantine_file)).size(), b.quarantined + 1);
  }

  // Every flag carries evidence that names its file and line.
  for (const std::string& line : testing::Lines(testing::ReadFile(dir_->path() + "/out/cases.ndjson"))) {
    simdjson::dom::element flag;
    ASSERT_EQ(parser.parse(line).get(flag), simdjson::SUCCESS);
    simdjson::dom::array evidence = flag["evidence"];
    ASSERT_GT(evidence.size(), 0u) << line;
    for (simdjson::dom::element e : evidence) {
      EXPECT_GE(uint64_t(e["line"]), 1u);
      EXPECT_FALSE(std::string_view(e["file"]).empty());
    }
  }
}

TEST_F(EndToEndTest, OneThreadGivesByteIdenticalOutput) {
  std::vector<BatchInfo> many, one;
  IngestAndRun(dir_->path() + "/data-many", dir_->path() + "/out-many", &many);
  {
    tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
    IngestAndRun(dir_->path() + "/data-one", dir_->path() + "/out-one", &one);
  }
  for (const char* file : {"cases.ndjson", "cases.csv", "summary.tsv", "summary.json", "reviews.tsv"}) {
    std::string a = testing::ReadFile(dir_->path() + "/out-many/" + file);
    std::string b = testing::ReadFile(dir_->path() + "/out-one/" + file);
    // The evidence names the data directory's files, which are the same.
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, b) << file;
  }
  for (size_t i = 0; i < many.size(); ++i) {
    std::string qa = testing::ReadFile(many[i].quarantine_file);
    std::string qb = testing::ReadFile(one[i].quarantine_file);
    EXPECT_EQ(qa, qb);
  }
}

}  // namespace
}  // namespace hedui
