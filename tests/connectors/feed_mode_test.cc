// Snapshots replace, appends add, deltas upsert and delete by natural key.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/base/id_number.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

constexpr char kA[] = "11010519491231002X";
constexpr char kB[] = "440524188001010014";

class FeedModeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto index = Index::Open(dir_.path() + "/data", Index::Mode::kReadWrite);
    ASSERT_TRUE(index.ok());
    index_ = std::move(index.value());
  }

  StatusOr<IngestResult> Ingest(
      const std::string& feed_table, const std::string& name,
      const std::string& csv, const IngestOptions& options = IngestOptions()) {
    std::string text =
        "[feed]\nkind = \"vehicle\"\nsource = \"车管所\"\n" + feed_table +
        "\n[fields]\nid_number = \"身份证号\"\nplate = \"号牌\"\n"
        "vehicle_type = { column = \"类型\", values = { \"轿车\" = \"car\" } "
        "}\n"
        "status = { column = \"状态\", values = { A = \"active\" } }\n";
    auto mapping = ParseMapping(text, "vehicle.toml");
    EXPECT_TRUE(mapping.ok()) << mapping.status().message();
    if (!mapping.ok()) return mapping.status();
    return IngestFile(index_.get(), *mapping, dir_.Write(name, csv), options);
  }

  std::vector<std::string> Plates(const std::string& id) {
    ResidentId rid;
    EXPECT_EQ(ParseResidentId(id, &rid), IdError::kNone);
    std::vector<Index::Record> records;
    PersonReader reader(*index_, nullptr);
    EXPECT_TRUE(reader.Read(FeedKind::kVehicle, rid.body, &records).ok());
    std::vector<std::string> plates;
    for (const auto& r : records) {
      std::vector<std::string_view> fields;
      EXPECT_TRUE(DecodeRecordFields(r.value, &fields));
      plates.emplace_back(fields[1]);
    }
    return plates;
  }

  std::vector<uint64_t> Changed(uint32_t batch) {
    return index_->ChangedPeople(batch).value_or(std::vector<uint64_t>{});
  }
  static uint64_t Body(const char* id) {
    ResidentId rid;
    ParseResidentId(id, &rid);
    return rid.body;
  }

  testing::TempDir dir_;
  std::unique_ptr<Index> index_;
};

const std::string kHeader = "身份证号,号牌,类型,状态\n";

TEST_F(FeedModeTest, SnapshotReplacesTheLastOneFromTheSameSource) {
  auto first = Ingest(
      "", "v1.csv",
      kHeader + std::string(kA) + ",京A1,轿车,A\n" + kA + ",京A2,轿车,A\n");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(Plates(kA), (std::vector<std::string>{"京A1", "京A2"}));
  auto second = Ingest(
      "", "v2.csv",
      kHeader + std::string(kA) + ",京A1,轿车,A\n" + kB + ",京B1,轿车,A\n");
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(
      Plates(kA),
      (std::vector<std::string>{"京A1"}));  // 京A2 disappeared from the feed
  EXPECT_EQ(Plates(kB), (std::vector<std::string>{"京B1"}));
  auto earlier = index_->GetBatch(first->batch.number);
  ASSERT_TRUE(earlier);
  EXPECT_EQ(earlier->superseded_by, second->batch.number);
  EXPECT_EQ(Changed(second->batch.number),
            (std::vector<uint64_t>{Body(kA), Body(kB)}));
}

TEST_F(FeedModeTest, PeopleListOfAFeedWrittenInManyRunsIsSortedAndUnique) {
  // Tiny chunks and budget: every chunk is a sorted run of its own, and
  // the same people recur from run to run, in descending order.
  std::string csv = kHeader;
  std::vector<uint64_t> expected;
  for (int person = 40; person >= 1; --person) {
    std::string first17 = fmt::format("11010519800101{:03d}", person);
    std::string id = first17 + IdCheckCharacter(first17);
    expected.push_back(Body(id.c_str()));
  }
  for (int round = 0; round < 5; ++round) {
    for (int person = 40; person >= 1; --person) {
      std::string first17 = fmt::format("11010519800101{:03d}", person);
      csv += first17 + IdCheckCharacter(first17) +
             fmt::format(",京A{}{},轿车,A\n", round, person);
    }
  }
  std::sort(expected.begin(), expected.end());
  IngestOptions options;
  options.chunk_bytes = 512;
  options.memory_budget_bytes = 1;
  options.max_run_bytes = 1;
  auto result = Ingest("", "many-runs.csv", csv, options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->batch.accepted, 200u);
  EXPECT_EQ(Changed(result->batch.number), expected);
}

TEST_F(FeedModeTest, ADamagedPeopleListIsUnknownNotEmpty) {
  auto first =
      Ingest("", "v1.csv", kHeader + std::string(kA) + ",京A1,轿车,A\n");
  ASSERT_TRUE(first.ok());
  uint32_t n = first->batch.number;
  ASSERT_TRUE(index_->ChangedPeople(n));
  std::string file =
      dir_.path() + "/data/people-changed/batch-" + std::to_string(n) + ".bin";
  std::string bytes = testing::ReadFile(file);
  ASSERT_EQ(bytes.size(), 8u);
  bytes[7] ^= 1;  // another person
  dir_.Write("data/people-changed/batch-" + std::to_string(n) + ".bin", bytes);
  EXPECT_FALSE(index_->ChangedPeople(n));
  std::filesystem::remove(file);
  EXPECT_FALSE(index_->ChangedPeople(n));
}

TEST_F(FeedModeTest, AppendKeepsEarlierBatches) {
  ASSERT_TRUE(Ingest("mode = \"append\"", "v1.csv",
                     kHeader + std::string(kA) + ",京A1,轿车,A\n")
                  .ok());
  ASSERT_TRUE(Ingest("mode = \"append\"", "v2.csv",
                     kHeader + std::string(kA) + ",京A2,轿车,A\n")
                  .ok());
  EXPECT_EQ(Plates(kA), (std::vector<std::string>{"京A1", "京A2"}));
}

TEST_F(FeedModeTest, DeltaUpsertsAndDeletesByNaturalKey) {
  const std::string keyed = "key = [\"plate\"]";
  ASSERT_TRUE(Ingest(keyed, "full.csv",
                     kHeader + std::string(kA) + ",京A1,轿车,A\n" + kA +
                         ",京A2,轿车,A\n" + kA + ",京A3,轿车,A\n")
                  .ok());
  const std::string delta =
      "mode = \"delta\"\nkey = [\"plate\"]\ndeleted = { column = \"操作\", "
      "values = [\"删除\"] }";
  const std::string header = "身份证号,号牌,类型,状态,操作\n";
  auto d = Ingest(
      delta, "delta.csv",
      header + std::string(kB) + ",京A1,轿车,A,变更\n" +  // 京A1 sold to B
          ",京A2,,,删除\n" +  // 京A2 deregistered: only the key is needed
          ",京Z9,,,删除\n" +  // a key the index never had
          kB + ",京B7,轿车,A,新增\n" + kA +
          ",京B7,轿车,A,变更\n");  // the last row of a key wins
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->batch.read, 5u);
  EXPECT_EQ(d->batch.quarantined, 0u);
  EXPECT_EQ(d->batch.removed, 2u);  // 京A1 under A, 京A2
  EXPECT_EQ(d->batch.unmatched_deletions, 1u);
  EXPECT_EQ(Plates(kA), (std::vector<std::string>{"京A3", "京B7"}));
  EXPECT_EQ(Plates(kB), (std::vector<std::string>{"京A1"}));
  EXPECT_EQ(Changed(d->batch.number),
            (std::vector<uint64_t>{Body(kA), Body(kB)}));
  // A second delta finds the records the first one wrote.
  auto d2 = Ingest(delta, "delta2.csv", header + ",京A1,,,删除\n");
  ASSERT_TRUE(d2.ok());
  EXPECT_EQ(d2->batch.removed, 1u);
  EXPECT_TRUE(Plates(kB).empty());
}

TEST_F(FeedModeTest, MappingErrorsForModes) {
  auto error = [](const std::string& feed) {
    auto m = ParseMapping("[feed]\nkind = \"vehicle\"\n" + feed +
                              "\n[fields]\nid_number = \"a\"\nvehicle_type = "
                              "\"t\"\nstatus = \"s\"\n",
                          "m.toml");
    return m.ok() ? std::string("ok") : m.status().message();
  };
  EXPECT_NE(error("mode = \"delta\"").find("a delta needs feed.key"),
            std::string::npos);
  EXPECT_NE(error("mode = \"daily\"").find("m.toml:3: feed.mode must be"),
            std::string::npos);
  EXPECT_NE(error("key = [\"plate\"]").find("'plate' is not a mapped field"),
            std::string::npos);
  EXPECT_NE(error("deleted = { column = \"x\", values = [\"D\"] }")
                .find("applies to mode = \"delta\" only"),
            std::string::npos);
  EXPECT_EQ(error("mode = \"delta\"\nkey = [\"id_number\"]"), "ok");
}

}  // namespace
}  // namespace hedui
