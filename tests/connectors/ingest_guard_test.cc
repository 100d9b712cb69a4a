// A snapshot that would empty or gut its feed (a file in the wrong
// encoding, a truncated export) is held back until accepted; the
// quarantine lists every reason of a row in the engine's own words.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/base/id_number.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::Lines;
using testing::ReadFile;
using testing::TempDir;

constexpr char kDeathCsvMapping[] = R"(
[feed]
kind = "death"
format = "csv"
%s

[fields]
id_number = "身份证号"
name = "姓名"
death_date = "死亡日期"
)";

// Valid IDs: 17 digits and their check character.
std::string Id(int i) {
  std::string first =
      "11010519491231" + std::to_string(1000 + i % 900).substr(1, 3);
  return first + IdCheckCharacter(first);
}

std::string DeathCsv(int rows, int bad_rows = 0) {
  std::string csv = "身份证号,姓名,死亡日期\n";
  for (int i = 0; i < rows; ++i) {
    std::string id = Id(i);
    if (i < bad_rows) id[17] = id[17] == '0' ? '1' : '0';  // check digit
    csv += id + ",王芳,2024-03-05\n";
  }
  return csv;
}

struct Fixture {
  TempDir dir;
  std::unique_ptr<Index> index;
  Fixture() {
    auto opened = Index::Open(dir.path() + "/data", Index::Mode::kReadWrite);
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    index = std::move(opened.value());
  }
  StatusOr<std::vector<IngestResult>> Ingest(
      const std::vector<std::pair<std::string, std::string>>& files,
      bool accept_shrink = false, const std::string& feed_keys = "") {
    char text[2048];
    std::snprintf(text, sizeof text, kDeathCsvMapping, feed_keys.c_str());
    // One mapping file: the same source for every file.
    StatusOr<Mapping> mapping = LoadMapping(dir.Write("death.toml", text));
    EXPECT_TRUE(mapping.ok()) << mapping.status().message();
    if (!mapping.ok()) return mapping.status();
    mappings.push_back(std::make_unique<Mapping>(std::move(mapping.value())));
    std::vector<IngestJob> jobs;
    for (const auto& [name, contents] : files)
      jobs.push_back(
          IngestJob{mappings.back().get(), dir.Write(name, contents)});
    IngestOptions options;
    options.accept_shrink = accept_shrink;
    return IngestFiles(index.get(), jobs, options);
  }
  size_t LiveAccepted() {
    size_t n = 0;
    for (const BatchInfo& b : index->ListBatches())
      if (b.superseded_by == 0) n += b.accepted;
    return n;
  }
  std::vector<std::unique_ptr<Mapping>> mappings;
};

TEST(IngestGuardTest, SnapshotInTheWrongEncodingIsHeldBackUntilAccepted) {
  Fixture f;
  auto first = f.Ingest({{"death-1.csv", DeathCsv(10)}});
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_EQ(f.LiveAccepted(), 10u);
  // The same register sent in GB18030 while the mapping says UTF-8: the
  // header still reads (ASCII column names would), every row is invalid.
  std::string csv = DeathCsv(10);
  std::string broken = "身份证号,姓名,死亡日期\n" +
                       testing::ToGb18030(csv.substr(csv.find('\n') + 1));
  auto second = f.Ingest({{"death-2.csv", broken}});
  ASSERT_FALSE(second.ok());
  std::string message(second.status().message());
  EXPECT_NE(message.find("death-2.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("10"), std::string::npos) << message;
  EXPECT_NE(message.find("--accept-shrink"), std::string::npos) << message;
  // Nothing replaced, nothing committed, no quarantine left behind.
  EXPECT_EQ(f.index->ListBatches().size(), 1u);
  EXPECT_EQ(f.LiveAccepted(), 10u);
  EXPECT_FALSE(std::filesystem::exists(f.dir.path() + "/data/staging/batch-2"));
  // Accepted on purpose: it replaces the snapshot.
  auto accepted = f.Ingest({{"death-2.csv", broken}}, /*accept_shrink=*/true);
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  EXPECT_EQ(accepted->front().batch.quarantined, 10u);
  EXPECT_EQ(f.LiveAccepted(), 0u);
}

TEST(IngestGuardTest, ShrinkBeyondThirtyPercentIsRefusedLessIsNot) {
  Fixture f;
  ASSERT_TRUE(f.Ingest({{"a.csv", DeathCsv(10)}}).ok());
  auto truncated = f.Ingest({{"b.csv", DeathCsv(6)}});  // 40% fewer
  ASSERT_FALSE(truncated.ok());
  std::string message(truncated.status().message());
  EXPECT_NE(message.find("b.csv"), std::string::npos) << message;
  EXPECT_NE(message.find("10"), std::string::npos) << message;
  EXPECT_NE(message.find("6"), std::string::npos) << message;
  EXPECT_EQ(f.LiveAccepted(), 10u);
  auto fewer = f.Ingest({{"c.csv", DeathCsv(7)}});  // 30% fewer: allowed
  ASSERT_TRUE(fewer.ok()) << fewer.status().message();
  EXPECT_EQ(f.LiveAccepted(), 7u);
}

TEST(IngestGuardTest, MostRowsQuarantinedIsRefusedEvenForTheFirstSnapshot) {
  Fixture f;
  auto result = f.Ingest({{"a.csv", DeathCsv(10, /*bad_rows=*/6)}});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(std::string(result.status().message()).find("6"),
            std::string::npos);
  EXPECT_TRUE(f.index->ListBatches().empty());
  ASSERT_TRUE(f.Ingest({{"b.csv", DeathCsv(10, /*bad_rows=*/5)}}).ok());
}

TEST(IngestGuardTest, TheMappingSetsTheThresholds) {
  Fixture f;
  ASSERT_TRUE(f.Ingest({{"a.csv", DeathCsv(10)}}).ok());
  // A feed that legitimately halves (deaths of the last year, say).
  auto result = f.Ingest({{"b.csv", DeathCsv(5)}}, false,
                         "max_shrink = 0.6\nmax_quarantined_share = 0.9");
  ASSERT_TRUE(result.ok()) << result.status().message();
  auto strict = f.Ingest({{"c.csv", DeathCsv(4)}}, false, "max_shrink = 0.1");
  EXPECT_FALSE(strict.ok());
  EXPECT_FALSE(LoadMapping(f.dir.Write("bad.toml",
                                       [] {
                                         char text[2048];
                                         std::snprintf(text, sizeof text,
                                                       kDeathCsvMapping,
                                                       "max_shrink = 1.5");
                                         return std::string(text);
                                       }()))
                   .ok());
}

TEST(IngestGuardTest, OneRefusedFileStopsTheWholeCall) {
  Fixture f;
  ASSERT_TRUE(f.Ingest({{"a.csv", DeathCsv(10)}}).ok());
  // Two files in one call: the good one is not committed either.
  auto result =
      f.Ingest({{"b.csv", DeathCsv(10, 0) + Id(50) + ",李四,2024-04-01\n"},
                {"c.csv", DeathCsv(2)}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(f.index->ListBatches().size(), 1u);
  EXPECT_EQ(f.LiveAccepted(), 10u);
}

// (line, field, reason, value) of each quarantine line.
std::vector<std::vector<std::string>> QuarantineLines(const BatchInfo& b) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> lines = Lines(ReadFile(b.quarantine_file));
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> cells;
    std::stringstream s(lines[i]);
    std::string cell;
    while (std::getline(s, cell, '\t')) cells.push_back(cell);
    while (cells.size() < 6) cells.push_back("");
    rows.push_back({cells[2], cells[3], cells[4], cells[5]});
  }
  return rows;
}

TEST(QuarantineReasonsTest, EveryReasonOfARowIsListedRowsCountedOnce) {
  Fixture f;
  std::string bad_id = Id(1);
  bad_id[17] = bad_id[17] == '0' ? '1' : '0';
  std::string csv = DeathCsv(9) + bad_id + ",王芳,2024-02-30\n";
  auto result = f.Ingest({{"a.csv", csv}});
  ASSERT_TRUE(result.ok()) << result.status().message();
  const BatchInfo& b = result->front().batch;
  EXPECT_EQ(b.read, 10u);
  EXPECT_EQ(b.accepted, 9u);
  EXPECT_EQ(b.quarantined, 1u);  // rows, not reasons
  std::vector<std::vector<std::string>> expected = {
      {"11", "id_number", "id_bad_check_digit", bad_id},
      {"11", "death_date", "bad_date", "2024-02-30"}};
  EXPECT_EQ(QuarantineLines(b), expected);
}

TEST(QuarantineReasonsTest,
     InvalidBytesAreHexBesideTheDecodedTextInTheirField) {
  Fixture f;
  std::string csv = DeathCsv(9) + Id(1) + ",王\xff芳,2024-03-05\n";
  auto result = f.Ingest({{"a.csv", csv}});
  ASSERT_TRUE(result.ok()) << result.status().message();
  std::vector<std::vector<std::string>> expected = {
      {"11", "name", "invalid_encoding", "王\\xff芳"}};
  EXPECT_EQ(QuarantineLines(result->front().batch), expected);
}

TEST(QuarantineReasonsTest, BadJsonIsDescribedInTheEnginesWords) {
  TempDir dir;
  auto opened = Index::Open(dir.path() + "/data", Index::Mode::kReadWrite);
  ASSERT_TRUE(opened.ok());
  StatusOr<Mapping> mapping = LoadMapping(dir.Write("d.toml", R"(
[feed]
kind = "death"
format = "ndjson"
max_quarantined_share = 1

[fields]
id_number = "sfzh"
name = "xm"
death_date = "swrq"
)"));
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  std::string text =
      "not json at all\n"
      "{\"sfzh\":\"" +
      Id(1) +
      "\",\"xm\":\"王\n"
      "{\"sfzh\":\"" +
      Id(1) +
      "\",\"swrq\":\"2024-03-05\"} x\n"
      "{\"sfzh\":\"" +
      Id(1) + "\",\"xm\":{\"a\":1},\"swrq\":\"2024-03-05\"}\n";
  auto result = IngestFiles(opened->get(),
                            {IngestJob{&*mapping, dir.Write("d.ndjson", text)}},
                            IngestOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  std::vector<std::vector<std::string>> expected = {
      {"1", "", "bad_json", "not a JSON object: not json at all"},
      {"2", "", "bad_json",
       "cut short, no closing brace: {\"sfzh\":\"" + Id(1) + "\",\"xm\":\"王"},
      {"3", "", "bad_json",
       "text after the closing brace: {\"sfzh\":\"" + Id(1) +
           "\",\"swrq\":\"2024-03-05\"} x"},
      {"4", "name", "bad_json",
       "an object or list where one value belongs: {\"sfzh\":\"" + Id(1) +
           "\",\"xm\":{\"a\":1},\"swrq\":\"2024-03-05\"}"}};
  EXPECT_EQ(QuarantineLines(result->front().batch), expected);
}

}  // namespace
}  // namespace hedui

namespace hedui {
namespace {

TEST(QuarantineReasonsTest, InvalidBytesInAJsonValueNameItsField) {
  TempDir dir;
  auto opened = Index::Open(dir.path() + "/data", Index::Mode::kReadWrite);
  ASSERT_TRUE(opened.ok());
  StatusOr<Mapping> mapping = LoadMapping(dir.Write("d.toml", R"(
[feed]
kind = "death"
format = "ndjson"

[fields]
id_number = "sfzh"
name = "xm"
death_date = "info.swrq"
)"));
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  std::string text;
  for (int i = 0; i < 3; ++i) {
    text += "{\"sfzh\":\"" + Id(i) +
            "\",\"xm\":\"王芳\",\"info\":{\"swrq\":\"2024-03-05\"}}\n";
  }
  text += "{\"sfzh\":\"" + Id(5) +
          "\",\"xm\":\"王\xff芳\",\"info\":{\"swrq\":\"2024-03-0\xfe\"}}\n";
  auto result = IngestFiles(opened->get(),
                            {IngestJob{&*mapping, dir.Write("d.ndjson", text)}},
                            IngestOptions());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->front().batch.quarantined, 1u);
  std::vector<std::vector<std::string>> expected = {
      {"4", "name", "invalid_encoding", "王\\xff芳"},
      {"4", "death_date", "invalid_encoding", "2024-03-0\\xfe"}};
  EXPECT_EQ(QuarantineLines(result->front().batch), expected);
}

}  // namespace
}  // namespace hedui

namespace hedui {
namespace {

TEST(QuarantineReasonsTest, AnImpossibleBirthDateDoesNotHideABadCheckDigit) {
  Fixture f;
  std::string first17 = "11010519490230123";  // born 30 February
  char right = IdCheckCharacter(first17);
  std::string id = first17 + (right == '0' ? '1' : '0');
  std::string csv = DeathCsv(9) + id + ",王芳,2024-03-05\n";
  auto result = f.Ingest({{"a.csv", csv}});
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->front().batch.quarantined, 1u);
  std::vector<std::vector<std::string>> expected = {
      {"11", "id_number", "id_bad_birth_date", id},
      {"11", "id_number", "id_bad_check_digit", id}};
  EXPECT_EQ(QuarantineLines(result->front().batch), expected);
}

}  // namespace
}  // namespace hedui
