// Every connector path with bad input: the bad rows go to quarantine with
// their line, field and reason; the good rows are indexed; the counts add up.
#include "connectors/ingest.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include "connectors/mapping.h"
#include "engine/base/id_number.h"
#include "hedui/record.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::Lines;
using testing::ReadFile;
using testing::TempDir;

constexpr char kVehicleMapping[] = R"(
[feed]
kind = "vehicle"
format = "csv"
encoding = "%s"

[fields]
id_number = "身份证号"
plate = "号牌"
vehicle_type = { column = "车辆类型", values = { "小型轿车" = "car", "二轮摩托车" = "motorcycle" } }
registered_on = "登记日期"
status = { column = "状态", values = { A = "active", E = "cancelled", P = "scrapped" } }
)";

constexpr char kDeathMapping[] = R"(
[feed]
kind = "death"
format = "ndjson"

[fields]
id_number = "sfzh"
name = "xm"
death_date = "info.swrq"
source = { column = "ly", default = "公安" }
)";

struct Fixture {
  TempDir dir;
  std::unique_ptr<Index> index;
  Fixture() {
    auto opened = Index::Open(dir.path() + "/data", Index::Mode::kReadWrite);
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    index = std::move(opened.value());
  }
  StatusOr<IngestResult> Ingest(const std::string& mapping_text,
                                const std::string& file_name,
                                const std::string& contents,
                                size_t chunk_bytes = 4 << 20,
                                size_t memory_budget = 64 << 20) {
    std::string mapping_path = dir.Write(file_name + ".toml", mapping_text);
    StatusOr<Mapping> mapping = LoadMapping(mapping_path);
    EXPECT_TRUE(mapping.ok()) << mapping.status().message();
    if (!mapping.ok()) return mapping.status();
    IngestOptions options;
    options.chunk_bytes = chunk_bytes;
    options.memory_budget_bytes = memory_budget;
    options.max_run_bytes = memory_budget;
    // These files are mostly faults on purpose: no shrink guard here
    // (tests/connectors/ingest_guard_test.cc has it).
    options.accept_shrink = true;
    return IngestFile(index.get(), *mapping, dir.Write(file_name, contents),
                      options);
  }
  // (line, field, reason) of each quarantine row.
  std::vector<std::tuple<int, std::string, std::string>> Quarantine(
      const BatchInfo& b) {
    std::vector<std::tuple<int, std::string, std::string>> rows;
    std::vector<std::string> lines = Lines(ReadFile(b.quarantine_file));
    EXPECT_FALSE(lines.empty());
    for (size_t i = 1; i < lines.size(); ++i) {
      std::vector<std::string> cells;
      std::stringstream s(lines[i]);
      std::string cell;
      while (std::getline(s, cell, '\t')) cells.push_back(cell);
      EXPECT_GE(cells.size(), 5u) << lines[i];
      if (cells.size() < 5) continue;
      rows.emplace_back(std::stoi(cells[2]), cells[3], cells[4]);
    }
    return rows;
  }
  std::vector<std::vector<std::string>> Records(FeedKind kind,
                                                const std::string& id) {
    ResidentId rid;
    EXPECT_EQ(ParseResidentId(id, &rid), IdError::kNone);
    std::vector<Index::Record> records;
    EXPECT_TRUE(
        index->GetPersonRecords(kind, rid.body, nullptr, &records).ok());
    std::vector<std::vector<std::string>> out;
    for (const auto& r : records) {
      std::vector<std::string_view> fields;
      EXPECT_TRUE(DecodeRecordFields(r.value, &fields));
      out.emplace_back(fields.begin(), fields.end());
      out.back().push_back(std::to_string(r.key.line));
    }
    return out;
  }
};

std::string VehicleMapping(const char* encoding) {
  char buf[2048];
  std::snprintf(buf, sizeof buf, kVehicleMapping, encoding);
  return buf;
}

const std::string kVehicleCsv =
    "身份证号,号牌,车辆类型,登记日期,状态\n"
    "11010519491231002x,京A12345,小型轿车,2024年3月5日,A\n"  // line 2: ok
    "110105491231002,\"京B,777\",二轮摩托车,2024/3/6,E\n"    // line 3: ok,
                                                             // 15-digit, quoted
                                                             // comma
    "110105194912310021,京C1,小型轿车,20240307,A\n"  // line 4: bad check digit
    "11010519491231002X,京D1,飞机,2024-03-08,A\n"    // line 5: unknown enum
    "11010519491231002X,京E1,小型轿车,2024-03-09\n"  // line 6: wrong column
                                                     // count
    "11010519491231002X,京F\"1,小型轿车,2024-03-10,A\n"  // line 7: bad quote
    "11010519491231002X,\"京G\n1\",小型轿车,2024-13-01,A\n"  // lines 8-9:
                                                             // embedded
                                                             // newline, bad
                                                             // date
    "\n"  // line 10: blank, not a record
    "11010519491231002X,京H1,小型轿车,2024-03-11,P\n";  // line 11: ok
                                                        // (scrapped)

TEST(IngestTest, CsvQuarantinesEachBadRowWithLineFieldAndReason) {
  Fixture f;
  auto result = f.Ingest(VehicleMapping("utf-8"), "vehicle.csv", kVehicleCsv);
  ASSERT_TRUE(result.ok()) << result.status().message();
  const BatchInfo& b = result->batch;
  EXPECT_EQ(b.read, 8u);
  EXPECT_EQ(b.accepted, 3u);
  EXPECT_EQ(b.quarantined, 5u);
  auto q = f.Quarantine(b);
  std::vector<std::tuple<int, std::string, std::string>> expected = {
      {4, "id_number", "id_bad_check_digit"},
      {5, "vehicle_type", "unknown_value"},
      {6, "", "column_count"},
      {7, "", "bad_quote"},
      {8, "registered_on", "bad_date"}};
  EXPECT_EQ(q, expected);
  auto records = f.Records(FeedKind::kVehicle, "11010519491231002X");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0][0], "11010519491231002X");
  EXPECT_EQ(records[0][2], "car");
  EXPECT_EQ(records[0][3], "2024-03-05");
  EXPECT_EQ(records[0][4], "active");
  EXPECT_EQ(records[0][5], "2");  // line
  EXPECT_EQ(records[1][1], "京B,777");
  EXPECT_EQ(records[1][4], "cancelled");
  EXPECT_EQ(records[2][4], "scrapped");
  EXPECT_EQ(records[2][5], "11");
}

TEST(IngestTest, SmallChunksGiveTheSameResult) {
  Fixture whole, chunked;
  auto a = whole.Ingest(VehicleMapping("utf-8"), "vehicle.csv", kVehicleCsv);
  auto b = chunked.Ingest(VehicleMapping("utf-8"), "vehicle.csv", kVehicleCsv,
                          /*chunk_bytes=*/16);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(whole.Quarantine(a->batch), chunked.Quarantine(b->batch));
  EXPECT_EQ(whole.Records(FeedKind::kVehicle, "11010519491231002X"),
            chunked.Records(FeedKind::kVehicle, "11010519491231002X"));
}

TEST(IngestTest, ChunkSizeAndMemoryBudgetDoNotChangeTheResult) {
  Fixture whole;
  auto a = whole.Ingest(VehicleMapping("utf-8"), "vehicle.csv", kVehicleCsv);
  ASSERT_TRUE(a.ok());
  for (size_t chunk : {1, 7, 33, 64, 100}) {
    // A budget of one byte writes a sorted run after every chunk: the
    // streaming path a file larger than memory takes.
    for (size_t budget : {size_t{1}, size_t{64} << 20}) {
      SCOPED_TRACE(::testing::Message()
                   << "chunk " << chunk << " budget " << budget);
      Fixture f;
      auto b = f.Ingest(VehicleMapping("utf-8"), "vehicle.csv", kVehicleCsv,
                        chunk, budget);
      ASSERT_TRUE(b.ok()) << b.status().message();
      EXPECT_EQ(b->batch.read, a->batch.read);
      EXPECT_EQ(whole.Quarantine(a->batch), f.Quarantine(b->batch));
      EXPECT_EQ(whole.Records(FeedKind::kVehicle, "11010519491231002X"),
                f.Records(FeedKind::kVehicle, "11010519491231002X"));
    }
  }
}

TEST(IngestTest, Gb18030FileWithAnInvalidByteQuarantinesOnlyThatRow) {
  Fixture f;
  std::string text = testing::ToGb18030(
      "身份证号,号牌,车辆类型,登记日期,状态\n"
      "11010519491231002X,京A𠮷1,小型轿车,2024-03-05,A\n"
      "11010519491231002X,京B1,小型轿车,2024-03-06,A\n"
      "11010519491231002X,京C1,小型轿车,2024-03-07,A\n");
  // Break the second data row: 0x81 0x20 is no GB18030 sequence.
  size_t pos = text.find("B1");
  text.insert(pos, "\x81\x20");
  auto result = f.Ingest(VehicleMapping("gb18030"), "vehicle_gbk.csv", text);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->batch.read, 3u);
  EXPECT_EQ(result->batch.accepted, 2u);
  auto q = f.Quarantine(result->batch);
  ASSERT_EQ(q.size(), 1u);
  // The field that holds the bad bytes is named.
  EXPECT_EQ(q[0], std::make_tuple(3, std::string("plate"),
                                  std::string("invalid_encoding")));
  auto records = f.Records(FeedKind::kVehicle, "11010519491231002X");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0][1], "京A𠮷1");  // a 4-byte GB18030 character
}

TEST(IngestTest, Utf8WithBomAndInvalidBytes) {
  Fixture f;
  std::string text =
      "\xEF\xBB\xBF身份证号,号牌,车辆类型,登记日期,状态\r\n"
      "11010519491231002X,京A1,小型轿车,2024-03-05,A\r\n"
      "11010519491231002X,京\xC3\x28,小型轿车,2024-03-06,A\r\n"
      "11010519491231002X,京C1,小型轿车,2024-03-07,A\r\n";
  auto result = f.Ingest(VehicleMapping("utf-8"), "vehicle_bom.csv", text);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->batch.read, 3u);
  EXPECT_EQ(result->batch.accepted, 2u);
  auto q = f.Quarantine(result->batch);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(std::get<2>(q[0]), "invalid_encoding");
  EXPECT_EQ(std::get<0>(q[0]), 3);
  EXPECT_EQ(f.Records(FeedKind::kVehicle, "11010519491231002X")[1][4],
            "active");  // CR stripped
}

TEST(IngestTest, UnterminatedQuoteLosesOnlyItsOwnLine) {
  Fixture f;
  std::string text =
      "身份证号,号牌,车辆类型,登记日期,状态\n"
      "11010519491231002X,\"京A1,小型轿车,2024-03-05,A\n"
      "11010519491231002X,京B1,小型轿车,2024-03-06,A\n";
  auto result = f.Ingest(VehicleMapping("utf-8"), "vehicle_quote.csv", text);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->batch.read, 2u);
  EXPECT_EQ(result->batch.accepted, 1u);
  auto q = f.Quarantine(result->batch);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0], std::make_tuple(2, std::string(),
                                  std::string("unterminated_quote")));
}

TEST(IngestTest, NdjsonQuarantinesTruncatedAndPlainTextLines) {
  Fixture f;
  std::string text =
      R"({"sfzh":"11010519491231002x","xm":"王芳","info":{"swrq":"2024年3月5日"},"ly":"殡葬"})"
      "\n"
      R"({"sfzh":"110105491231002","xm":"王芳","info":{"swrq":"20240306"}})"
      "\n"
      R"({"sfzh":"11010519491231002X","xm":"王)"
      "\n"
      "this is not json\n"
      "\n"
      R"({"sfzh":"11010519491231002X","info":{"swrq":"not a date"}})"
      "\n"
      R"({"sfzh":"11010519491231002X","info":{"swrq":"2024-03-07"}} trailing)"
      "\n"
      R"({"sfzh":"","info":{"swrq":"2024-03-07"}})"
      "\n"
      R"({"sfzh":"11010519491231002X","info":{"swrq":"2024-03-08"}})";  // no
                                                                        // final
                                                                        // newline
  auto result =
      f.Ingest(kDeathMapping, "death.ndjson", text, /*chunk_bytes=*/64);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->batch.read, 8u);
  EXPECT_EQ(result->batch.accepted, 3u);
  EXPECT_EQ(result->batch.quarantined, 5u);
  auto q = f.Quarantine(result->batch);
  std::vector<std::tuple<int, std::string, std::string>> expected = {
      {3, "", "bad_json"},
      {4, "", "bad_json"},
      {6, "death_date", "bad_date"},
      {7, "", "bad_json"},
      {8, "id_number", "missing_value"}};
  EXPECT_EQ(q, expected);
  auto records = f.Records(FeedKind::kDeath, "11010519491231002X");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0][2], "2024-03-05");
  EXPECT_EQ(records[0][3], "殡葬");
  EXPECT_EQ(records[1][3], "公安");  // the mapping's default
  EXPECT_EQ(records[2][4], "9");
}

TEST(IngestTest, SameFileTwiceIsANoOp) {
  Fixture f;
  auto first = f.Ingest(VehicleMapping("utf-8"), "vehicle.csv", kVehicleCsv);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->duplicate);
  auto second = f.Ingest(VehicleMapping("utf-8"), "vehicle.csv", kVehicleCsv);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->duplicate);
  EXPECT_EQ(second->batch.number, first->batch.number);
  EXPECT_EQ(f.Records(FeedKind::kVehicle, "11010519491231002X").size(), 3u);
  EXPECT_EQ(f.index->ListBatches().size(), 1u);
  // Other content is a new batch.
  auto third =
      f.Ingest(VehicleMapping("utf-8"), "vehicle2.csv",
               kVehicleCsv + "11010519491231002X,京Z9,小型轿车,2024-05-01,A\n");
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(third->duplicate);
  EXPECT_EQ(third->batch.number, first->batch.number + 1);
  EXPECT_EQ(f.Records(FeedKind::kVehicle, "11010519491231002X").size(), 7u);
}

TEST(IngestTest, SameSizeOtherContentIsANewBatch) {
  // The hash is taken up front only when sizes match: it must still tell
  // these two apart, and equal the hash of the whole file.
  Fixture f;
  std::string other = kVehicleCsv;
  other[other.find("京A12345") + 4] = '9';  // same length
  ASSERT_EQ(other.size(), kVehicleCsv.size());
  auto first = f.Ingest(VehicleMapping("utf-8"), "a.csv", kVehicleCsv);
  auto second = f.Ingest(VehicleMapping("utf-8"), "b.csv", other);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_FALSE(second->duplicate);
  EXPECT_EQ(first->batch.content_hash,
            XXH3_64bits(kVehicleCsv.data(), kVehicleCsv.size()));
  EXPECT_EQ(second->batch.content_hash,
            XXH3_64bits(other.data(), other.size()));
}

TEST(IngestTest, TheSameContentTwiceInOneCallIsOneBatch) {
  Fixture f;
  auto mapping =
      LoadMapping(f.dir.Write("vehicle.toml", VehicleMapping("utf-8")));
  ASSERT_TRUE(mapping.ok());
  std::string a = f.dir.Write("a.csv", kVehicleCsv);
  std::string b = f.dir.Write("b.csv", kVehicleCsv);
  IngestOptions options;
  options.accept_shrink = true;  // the file is mostly faults
  auto results =
      IngestFiles(f.index.get(),
                  {IngestJob{&*mapping, a}, IngestJob{&*mapping, b}}, options);
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_EQ(results->size(), 2u);
  EXPECT_FALSE((*results)[0].duplicate);
  EXPECT_TRUE((*results)[1].duplicate);
  EXPECT_EQ(f.index->ListBatches().size(), 1u);
}

TEST(IngestTest, HeaderLongerThanTheFirstRead) {
  // Preamble lines and a header of 200 KB: the header is read in pieces.
  Fixture f;
  std::string mapping = VehicleMapping("utf-8");
  mapping.replace(mapping.find("encoding"), 0, "skip_lines = 2\n");
  std::string preamble = "导出说明 " + std::string(100000, '=') + "\n" +
                         std::string(100000, '-') + "\n";
  std::string header = "身份证号,号牌,车辆类型,登记日期,状态";
  std::string rows = kVehicleCsv.substr(kVehicleCsv.find('\n') + 1);
  auto result =
      f.Ingest(mapping, "long-header.csv", preamble + header + "\n" + rows);
  ASSERT_TRUE(result.ok()) << result.status().message();
  auto plain = f.Ingest(VehicleMapping("utf-8"), "plain.csv", kVehicleCsv);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(result->batch.accepted, plain->batch.accepted);
  EXPECT_EQ(result->batch.quarantined, plain->batch.quarantined);
}

TEST(IngestTest, MissingColumnIsOneErrorAndWritesNothing) {
  Fixture f;
  auto result = f.Ingest(VehicleMapping("utf-8"), "vehicle_bad.csv",
                         "身份证号,号牌,类型,登记日期,状态\n");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("column '车辆类型'"),
            std::string::npos)
      << result.status().message();
  EXPECT_TRUE(f.index->ListBatches().empty());
}

TEST(IngestTest, UnreadableFileIsAnError) {
  Fixture f;
  std::string mapping_path = f.dir.Write("m.toml", VehicleMapping("utf-8"));
  auto mapping = LoadMapping(mapping_path);
  ASSERT_TRUE(mapping.ok());
  auto result = IngestFile(f.index.get(), *mapping,
                           f.dir.path() + "/absent.csv", IngestOptions());
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("absent.csv: cannot read"),
            std::string::npos);
}

}  // namespace
}  // namespace hedui
