// FeedCursor, the full run's walk through a feed beside the sorted roll,
// reads exactly what a Seek per person (PersonReader) reads: every record
// of the person, in batch and line order, superseded batches skipped,
// whatever the gaps between the people asked for and however few steps
// it takes before it Seeks.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/base/id_number.h"
#include "engine/index/index.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

// Valid IDs: 110105, born 1980-01-01, sequence i.
constexpr uint64_t kFirstBody = 11010519800101000ULL;

class FeedCursorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto index = Index::Open(dir_.path() + "/data", Index::Mode::kReadWrite);
    ASSERT_TRUE(index.ok());
    index_ = std::move(index.value());
  }

  void Ingest(const std::string& source, const std::string& mode,
              const std::string& name, const std::string& rows) {
    std::string text = "[feed]\nkind = \"vehicle\"\nsource = \"" + source +
                       "\"\nmode = \"" + mode +
                       "\"\n[fields]\nid_number = \"身份证号\"\nplate = "
                       "\"号牌\"\nvehicle_type = { column = \"类型\", values "
                       "= { \"轿车\" = \"car\" } }\nstatus = { column = "
                       "\"状态\", values = { A = \"active\" } }\n";
    auto mapping = ParseMapping(text, "vehicle.toml");
    ASSERT_TRUE(mapping.ok()) << mapping.status().message();
    IngestOptions options;
    options.accept_shrink = true;
    auto result = IngestFile(
        index_.get(), *mapping,
        dir_.Write(name, "身份证号,号牌,类型,状态\n" + rows), options);
    ASSERT_TRUE(result.ok()) << result.status().message();
  }

  static std::string Row(uint64_t i, const std::string& plate) {
    return ResidentIdFromBody(kFirstBody + i).ToString() + "," + plate +
           ",轿车,A\n";
  }

  using Seen = std::vector<std::pair<uint32_t, uint32_t>>;
  static Seen Keys(const std::vector<Index::Record>& records) {
    Seen seen;
    for (const auto& r : records) seen.emplace_back(r.key.batch, r.key.line);
    return seen;
  }

  testing::TempDir dir_;
  std::unique_ptr<Index> index_;
};

TEST_F(FeedCursorTest, ReadsWhatASeekPerPersonReads) {
  // A snapshot, the snapshot that replaces it, and an append from another
  // source: person i holds i % 4 cars in each, so some hold none.
  for (int b = 0; b < 2; ++b) {
    std::string rows;
    for (uint64_t i = 0; i < 600; ++i) {
      for (uint64_t c = 0; c < i % 4; ++c)
        rows += Row(i, "京" + std::to_string(b) + "-" + std::to_string(i) +
                           "-" + std::to_string(c));
    }
    Ingest("车管所", "snapshot", "v" + std::to_string(b) + ".csv", rows);
  }
  std::string extra;
  for (uint64_t i = 0; i < 600; i += 7)
    extra += Row(i, "豫" + std::to_string(i));
  Ingest("外县", "append", "extra.csv", extra);

  // People asked for in ascending order with gaps of every size, some
  // twice (a person in two cases), some beyond the last record.
  std::vector<uint64_t> people;
  for (uint64_t i = 0; i < 700; i += 1 + (i % 13) * (i % 5)) {
    people.push_back(kFirstBody + i);
    if (i % 11 == 0) people.push_back(kFirstBody + i);
  }
  ASSERT_GT(people.size(), 80u);

  const std::vector<uint32_t> dead = index_->DeadBatches(nullptr);
  ASSERT_EQ(dead.size(), 1u);
  PersonReader reader(*index_, nullptr);
  for (int steps : {0, 1, 8, 1000}) {
    FeedCursor cursor(*index_, nullptr, FeedKind::kVehicle, dead, steps);
    size_t nonempty = 0;
    for (uint64_t body : people) {
      std::vector<Index::Record> expected;
      ASSERT_TRUE(reader.Read(FeedKind::kVehicle, body, &expected).ok());
      ASSERT_TRUE(cursor.Read(body).ok());
      ASSERT_EQ(Keys(cursor.records()), Keys(expected))
          << "steps " << steps << ", person " << body - kFirstBody;
      for (size_t r = 0; r < expected.size(); ++r)
        ASSERT_EQ(cursor.records()[r].value, expected[r].value);
      nonempty += !expected.empty();
    }
    EXPECT_GT(nonempty, 40u);
  }
}

}  // namespace
}  // namespace hedui
