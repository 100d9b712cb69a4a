// The public API (engine/include/hedui/) as a program that links
// hedui::hedui uses it: only hedui/ headers (and the demo generator for
// data), no engine-internal type.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"
#include "hedui/compaction.h"
#include "hedui/cross_check.h"
#include "hedui/data_directory.h"
#include "hedui/incremental.h"
#include "hedui/ingest.h"
#include "hedui/point_check.h"
#include "hedui/rules.h"
#include "hedui/run_log.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

const std::string kConfigs = std::string(HEDUI_SOURCE_DIR) + "/configs";

TEST(PublicApiTest, OpenIngestCompactCheckThroughTheFacade) {
  testing::TempDir dir;
  demo::GeneratorOptions generator;
  generator.out_dir = dir.path() + "/feeds";
  generator.residents = 3000;
  demo::GeneratorReport report;
  ASSERT_TRUE(demo::GenerateCounty(generator, &report).ok());
  std::string data_dir = dir.path() + "/data";

  // Nothing to read yet.
  EXPECT_FALSE(
      DataDirectory::Open(data_dir, DataDirectory::Mode::kReadOnly).ok());

  std::vector<FeedFile> feeds;
  for (const demo::DemoFeed& feed : demo::kDemoFeeds) {
    feeds.push_back(FeedFile{kConfigs + "/feeds/demo/" + feed.kind + ".toml",
                             generator.out_dir + "/" + feed.file});
  }
  {
    auto data = DataDirectory::Open(data_dir, DataDirectory::Mode::kReadWrite);
    ASSERT_TRUE(data.ok()) << data.status().message();
    EXPECT_EQ((*data)->dir(), data_dir);
    // One writer at a time.
    EXPECT_FALSE(
        DataDirectory::Open(data_dir, DataDirectory::Mode::kReadWrite).ok());

    // A mapping that is not there stops the call before anything is written.
    std::vector<FeedFile> bad = feeds;
    bad.push_back(FeedFile{kConfigs + "/feeds/demo/no-such.toml", "x.csv"});
    EXPECT_FALSE(IngestFeeds(data->get(), bad, IngestOptions()).ok());
    EXPECT_TRUE((*data)->ListBatches().empty());

    auto results = IngestFeeds(data->get(), feeds, IngestOptions());
    ASSERT_TRUE(results.ok()) << results.status().message();
    ASSERT_EQ(results->size(), feeds.size());
    for (size_t i = 0; i < feeds.size(); ++i) {
      EXPECT_FALSE((*results)[i].duplicate);
      EXPECT_EQ((*results)[i].batch.number, i + 1);
      EXPECT_EQ((*results)[i].batch.file, feeds[i].file);
    }
    ASSERT_EQ((*data)->ListBatches().size(), feeds.size());
    ASSERT_TRUE((*data)->GetBatch(1).has_value());
    EXPECT_EQ((*data)->GetBatch(1)->kind, FeedKind::kRoll);

    // The same content again is a no-op that names the earlier batch.
    auto again = IngestFeeds(data->get(), {feeds[0]}, IngestOptions());
    ASSERT_TRUE(again.ok()) << again.status().message();
    EXPECT_TRUE((*again)[0].duplicate);
    EXPECT_EQ((*again)[0].batch.number, 1u);

    CompactOptions compact;
    compact.force = true;
    auto compacted = CompactIfWorthwhile(data->get(), compact);
    ASSERT_TRUE(compacted.ok()) << compacted.status().message();
    EXPECT_FALSE(compacted->empty());
  }

  auto data = DataDirectory::Open(data_dir, DataDirectory::Mode::kReadOnly);
  ASSERT_TRUE(data.ok()) << data.status().message();
  auto rules = LoadRules(kConfigs + "/rules/demo.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  RunOptions options;
  options.as_of = generator.as_of;
  options.rules = &*rules;
  auto full = RunCrossCheck(**data, options);
  ASSERT_TRUE(full.ok()) << full.status().message();
  EXPECT_EQ(full->households.size(), static_cast<size_t>(report.cases));
  EXPECT_EQ(full->batches.size(), feeds.size());

  // No run recorded: an incremental run checks every case and says why.
  auto incremental = RunIncremental(**data, options, RunLog(data_dir));
  ASSERT_TRUE(incremental.ok()) << incremental.status().message();
  EXPECT_FALSE(incremental->base_run.has_value());
  EXPECT_FALSE(incremental->full_reason.empty());
  size_t full_flags = 0, incremental_flags = 0;
  for (const auto& f : full->flags) full_flags += f.size();
  for (const auto& f : incremental->result.flags) incremental_flags += f.size();
  EXPECT_EQ(incremental_flags, full_flags);
  EXPECT_EQ(incremental->rechecked, full->households.size());

  // A point check of a roll member finds their case; a bad ID is an error.
  auto checker = PointChecker::Create(**data, *rules, options.as_of);
  ASSERT_TRUE(checker.ok()) << checker.status().message();
  const Household& first = full->households[0];
  auto point =
      (*checker)->Check(first.members[0].roll.field(field::kRollIdNumber));
  ASSERT_TRUE(point.ok()) << point.status().message();
  EXPECT_TRUE(point->on_roll);
  EXPECT_EQ(point->household.case_id, first.case_id);
  EXPECT_FALSE((*checker)->Check("12345").ok());
}

}  // namespace
}  // namespace hedui
