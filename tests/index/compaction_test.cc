// Compaction drops the records of superseded batches, keeps everything a
// reader sees, and runs only when it is worth it.
#include "engine/index/compaction.h"

#include <gtest/gtest.h>

#include <map>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/base/id_number.h"
#include "engine/index/index.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

constexpr char kA[] = "11010519491231002X";
constexpr char kB[] = "440524188001010014";
const std::string kHeader = "身份证号,号牌,类型,状态\n";

class CompactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto index = Index::Open(dir_.path() + "/data", Index::Mode::kReadWrite);
    ASSERT_TRUE(index.ok());
    index_ = std::move(index.value());
  }

  uint32_t Ingest(const std::string& mode, const std::string& name,
                  const std::string& rows) {
    std::string text =
        "[feed]\nkind = \"vehicle\"\nsource = \"车管所\"\n" + mode +
        "\n[fields]\nid_number = \"身份证号\"\nplate = \"号牌\"\n"
        "vehicle_type = { column = \"类型\", values = { "
        "\"轿车\" = \"car\" } }\n"
        "status = { column = \"状态\", values = { A = "
        "\"active\" } }\n";
    auto mapping = ParseMapping(text, "vehicle.toml");
    EXPECT_TRUE(mapping.ok()) << mapping.status().message();
    IngestOptions options;
    options.accept_shrink = true;  // snapshots of two rows shrink on purpose
    auto result = IngestFile(index_.get(), *mapping,
                             dir_.Write(name, kHeader + rows), options);
    EXPECT_TRUE(result.ok()) << result.status().message();
    return result.ok() ? result->batch.number : 0;
  }

  // Every record in the vehicle family, dead or alive: batch → count.
  std::map<uint32_t, int> StoredBatches() {
    std::map<uint32_t, int> batches;
    std::unique_ptr<rocksdb::Iterator> it(index_->db()->NewIterator(
        rocksdb::ReadOptions(), index_->column_family(FeedKind::kVehicle)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      RecordKey key;
      EXPECT_TRUE(DecodeRecordKey(it->key().ToStringView(), &key));
      ++batches[key.batch];
    }
    return batches;
  }

  // What a reader sees of one person: (batch, line) of each record.
  std::vector<std::pair<uint32_t, uint32_t>> Seen(const char* id) {
    ResidentId rid;
    EXPECT_EQ(ParseResidentId(id, &rid), IdError::kNone);
    std::vector<Index::Record> records;
    PersonReader reader(*index_, nullptr);
    EXPECT_TRUE(reader.Read(FeedKind::kVehicle, rid.body, &records).ok());
    std::vector<std::pair<uint32_t, uint32_t>> seen;
    for (const auto& r : records) seen.emplace_back(r.key.batch, r.key.line);
    return seen;
  }

  testing::TempDir dir_;
  std::unique_ptr<Index> index_;
};

TEST_F(CompactionTest, DropsSupersededBatchesAndKeepsWhatReadersSee) {
  uint32_t first = Ingest(
      "", "v1.csv", std::string(kA) + ",京A1,轿车,A\n" + kB + ",京B1,轿车,A\n");
  uint32_t second = Ingest("", "v2.csv", std::string(kA) + ",京A2,轿车,A\n");
  ASSERT_EQ(StoredBatches(),
            (std::map<uint32_t, int>{{first, 2}, {second, 1}}));
  auto before_a = Seen(kA);
  auto before_b = Seen(kB);
  EXPECT_TRUE(before_b.empty());  // only in the superseded batch

  CompactOptions half_dead;
  half_dead.dead_share = 0.5;
  auto done = CompactIfWorthwhile(index_.get(), half_dead);
  ASSERT_TRUE(done.ok()) << done.status().message();
  ASSERT_EQ(done->size(), 1u);
  EXPECT_EQ((*done)[0].kind, FeedKind::kVehicle);
  EXPECT_LT((*done)[0].bytes_after, (*done)[0].bytes_before);
  EXPECT_EQ(StoredBatches(), (std::map<uint32_t, int>{{second, 1}}));
  EXPECT_EQ(Seen(kA), before_a);
  EXPECT_EQ(Seen(kB), before_b);

  // Nothing dead is left: not worth another compaction.
  done = CompactIfWorthwhile(index_.get(), half_dead);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->empty());
}

TEST_F(CompactionTest, LiveBatchesAloneAreLeftUnlessForcedOrTooManyFiles) {
  uint32_t first =
      Ingest("mode = \"append\"", "v1.csv", std::string(kA) + ",京A1,轿车,A\n");
  uint32_t second =
      Ingest("mode = \"append\"", "v2.csv", std::string(kA) + ",京A2,轿车,A\n");
  auto before = Seen(kA);
  ASSERT_EQ(before.size(), 2u);

  auto done = CompactIfWorthwhile(index_.get(), CompactOptions());
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->empty());

  CompactOptions few_files;
  few_files.max_files = 1;
  done = CompactIfWorthwhile(index_.get(), few_files);
  ASSERT_TRUE(done.ok());
  ASSERT_EQ(done->size(), 1u);
  EXPECT_EQ((*done)[0].files_before, 2u);
  EXPECT_EQ((*done)[0].files_after, 1u);
  EXPECT_EQ(StoredBatches(),
            (std::map<uint32_t, int>{{first, 1}, {second, 1}}));
  EXPECT_EQ(Seen(kA), before);

  CompactOptions force;
  force.force = true;
  done = CompactIfWorthwhile(index_.get(), force);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->size(), 1u);
  EXPECT_EQ(Seen(kA), before);
}

TEST(BatchListTest, Parses) {
  std::vector<uint32_t> batches;
  EXPECT_TRUE(ParseBatchList("3,7,12", &batches));
  EXPECT_EQ(batches, (std::vector<uint32_t>{3, 7, 12}));
  EXPECT_TRUE(ParseBatchList("", &batches));
  EXPECT_TRUE(batches.empty());
  EXPECT_FALSE(ParseBatchList("3,,4", &batches));
  EXPECT_FALSE(ParseBatchList("*", &batches));
  EXPECT_FALSE(ParseBatchList("99999999999", &batches));
}

}  // namespace
}  // namespace hedui
