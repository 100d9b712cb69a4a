// The demo county's exports ingested, then a department's next export
// broken the two ways the field sees: a file in the wrong encoding and one
// cut short. Each is held back with the live snapshot kept, and goes in
// only when accepted (hedui ingest --accept-shrink).
#include <gtest/gtest.h>

#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"
#include "hedui/data_directory.h"
#include "hedui/feed_schema.h"
#include "hedui/ingest.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

const std::string kConfigs = std::string(HEDUI_SOURCE_DIR) + "/configs";

class BrokenSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    demo::GeneratorOptions options;
    options.out_dir = dir_.path() + "/feeds";
    options.residents = 20000;
    options.as_of = Date::FromYmd(2026, 10, 31);
    demo::GeneratorReport report;
    ASSERT_TRUE(demo::GenerateCounty(options, &report).ok());
    auto data = DataDirectory::Open(dir_.path() + "/data",
                                    DataDirectory::Mode::kReadWrite);
    ASSERT_TRUE(data.ok()) << data.status().message();
    data_ = std::move(data.value());
    ASSERT_TRUE(demo::IngestDemoFeeds(data_.get(), kConfigs,
                                      dir_.path() + "/feeds",
                                      [](const BatchInfo&, bool) {})
                    .ok());
  }
  // The live batch of `kind`: number and accepted records.
  std::pair<uint32_t, uint64_t> Live(FeedKind kind) {
    for (const BatchInfo& b : data_->ListBatches())
      if (b.kind == kind && b.superseded_by == 0) return {b.number, b.accepted};
    return {0, 0};
  }
  StatusOr<std::vector<IngestResult>> Ingest(const std::string& mapping,
                                             const std::string& file,
                                             bool accept_shrink) {
    IngestOptions options;
    options.accept_shrink = accept_shrink;
    return IngestFeeds(data_.get(),
                       {FeedFile{kConfigs + "/feeds/demo/" + mapping, file}},
                       options);
  }

  testing::TempDir dir_;
  std::unique_ptr<DataDirectory> data_;
};

TEST_F(BrokenSnapshotTest, DeathsInTheWrongEncodingAreHeldBackThenAccepted) {
  auto before = Live(FeedKind::kDeath);
  ASSERT_GT(before.second, 100u);
  size_t batches = data_->ListBatches().size();
  // The 殡葬 office saved its export in GB18030; the mapping says UTF-8.
  std::string file =
      dir_.Write("death-gb.ndjson", testing::ToGb18030(testing::ReadFile(
                                        dir_.path() + "/feeds/death.ndjson")));
  auto refused = Ingest("death.toml", file, false);
  ASSERT_FALSE(refused.ok());
  std::string message(refused.status().message());
  EXPECT_NE(message.find("death-gb.ndjson"), std::string::npos) << message;
  EXPECT_NE(message.find(std::to_string(before.second)), std::string::npos)
      << message;
  EXPECT_NE(message.find("--accept-shrink"), std::string::npos) << message;
  EXPECT_EQ(Live(FeedKind::kDeath), before);
  EXPECT_EQ(data_->ListBatches().size(), batches);

  auto accepted = Ingest("death.toml", file, true);
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  EXPECT_EQ(Live(FeedKind::kDeath).first, accepted->front().batch.number);
  EXPECT_LT(Live(FeedKind::kDeath).second, before.second / 10);
}

TEST_F(BrokenSnapshotTest, ARegisterCutShortIsHeldBackThenAccepted) {
  auto before = Live(FeedKind::kPopulation);
  std::string whole = testing::ReadFile(dir_.path() + "/feeds/population.csv");
  // The transfer stopped at 60%, in the middle of a row.
  std::string file =
      dir_.Write("population-cut.csv", whole.substr(0, whole.size() * 6 / 10));
  auto refused = Ingest("population.toml", file, false);
  ASSERT_FALSE(refused.ok());
  std::string message(refused.status().message());
  EXPECT_NE(message.find("population-cut.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("feed.max_shrink"), std::string::npos) << message;
  EXPECT_EQ(Live(FeedKind::kPopulation), before);

  auto accepted = Ingest("population.toml", file, true);
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  EXPECT_NE(Live(FeedKind::kPopulation).first, before.first);
}

}  // namespace
}  // namespace hedui
