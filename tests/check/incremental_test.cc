// Incremental runs equal full runs: a generated county ingested through keyed
// mappings, then random deltas (deaths, new cars, cancelled titles, members
// moving between cases, cadre appointments, deleted records), each followed
// by an incremental run on the last one and a full run, whose files must be
// byte for byte the same.
#include "engine/check/incremental.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/cases/case_output.h"
#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

const std::string kPropertyHeader =
    "不动产权证号,权利人,证件号码,坐落,建筑面积,用途,登记日期,权属状态,操作\n";
const std::string kConfigs = std::string(HEDUI_SOURCE_DIR) + "/configs";

// Natural keys of the feeds the steps change.
struct Keyed {
  const char* kind;
  const char* key;
};
constexpr Keyed kKeyed[] = {{"roll", R"(["case_id", "id_number"])"},
                            {"vehicle", R"(["plate"])"},
                            {"property", R"(["certificate", "id_number"])"},
                            {"death", R"(["id_number", "source"])"}};

// The demo mapping of `kind` with a source, a mode and (for a delta) the
// column that marks deletions.
std::string KeyedMapping(const std::string& kind, const std::string& key,
                         const std::string& mode) {
  std::string text =
      testing::ReadFile(kConfigs + "/feeds/demo/" + kind + ".toml");
  std::string feed = "[feed]\nsource = \"" + kind + "\"\nkey = " + key +
                     "\nmode = \"" + mode + "\"\n";
  if (mode == "delta") {
    feed += kind == "death"
                ? "deleted = { column = \"op\", values = [\"D\"] }\n"
                : "deleted = { column = \"操作\", values = [\"删除\"] }\n";
  }
  text.replace(text.find("[feed]\n"), 7, feed);
  return text;
}

// Splits one CSV line (quotes allowed, no newlines inside).
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back().push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back().push_back(c);
    }
  }
  return out;
}

std::string JoinCsv(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += fields[i].find_first_of(",\"") == std::string::npos
               ? fields[i]
               : "\"" + fields[i] + "\"";
  }
  return out;
}

class IncrementalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    demo::GeneratorOptions options;
    options.out_dir = dir_.path() + "/feeds";
    options.residents = 20000;
    demo::GeneratorReport report;
    ASSERT_TRUE(demo::GenerateCounty(options, &report).ok());
    auto index = Index::Open(data(), Index::Mode::kReadWrite);
    ASSERT_TRUE(index.ok());
    index_ = std::move(index.value());
    for (const demo::DemoFeed& feed : demo::kDemoFeeds) {
      std::string text =
          testing::ReadFile(kConfigs + "/feeds/demo/" + feed.kind + ".toml");
      for (const Keyed& k : kKeyed) {
        if (std::string(k.kind) == feed.kind)
          text = KeyedMapping(k.kind, k.key, "snapshot");
      }
      Ingest(text, std::string(feed.kind) + ".toml",
             options.out_dir + "/" + feed.file);
    }
    auto rules = LoadRules(kConfigs + "/rules/demo.toml");
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    rules_ = std::move(rules.value());
    // The roll, as rows by case.
    std::vector<std::string> lines =
        testing::Lines(testing::ReadFile(options.out_dir + "/roll.csv"));
    roll_header_ = lines[0];
    for (size_t i = 1; i < lines.size(); ++i) {
      std::vector<std::string> row = SplitCsv(lines[i]);
      if (row.size() == 14 && row[1].size() == 18) roll_.push_back(row);
    }
    // Titles of roll members, so that cancelling one can change a flag.
    std::set<std::string> on_roll;
    for (const auto& row : roll_) on_roll.insert(row[1]);
    for (const std::string& line :
         testing::Lines(testing::ReadFile(options.out_dir + "/property.csv"))) {
      std::vector<std::string> row = SplitCsv(line);
      if (row.size() == 8 && on_roll.count(row[2])) property_.push_back(row);
    }
    ASSERT_FALSE(property_.empty());
  }

  std::string data() const { return dir_.path() + "/data"; }

  void Ingest(const std::string& mapping_text, const std::string& mapping_name,
              const std::string& file) {
    auto mapping = ParseMapping(mapping_text, mapping_name);
    ASSERT_TRUE(mapping.ok()) << mapping.status().message();
    auto result = IngestFile(index_.get(), *mapping, file, IngestOptions());
    ASSERT_TRUE(result.ok()) << file << ": " << result.status().message();
  }

  void Delta(const std::string& kind, const std::string& name,
             const std::string& contents) {
    std::string key;
    for (const Keyed& k : kKeyed) {
      if (kind == k.kind) key = k.key;
    }
    Ingest(KeyedMapping(kind, key, "delta"), kind + "-delta.toml",
           dir_.Write(name, contents));
  }

  // Runs incrementally (recorded, as `hedui run --incremental` does) and in
  // full, into out/inc-N and out/full-N; returns the incremental run.
  IncrementalRun RunBoth(int step) {
    RunOptions options;
    options.as_of = as_of_;
    options.rules = &rules_;
    RunLog log(data());
    StatusOr<IncrementalRun> inc = RunIncremental(*index_, options, log);
    EXPECT_TRUE(inc.ok()) << inc.status().message();
    if (!inc.ok()) return IncrementalRun();
    std::string inc_dir = fmt::format("{}/out/inc-{}", dir_.path(), step);
    EXPECT_TRUE(WriteCaseFiles(inc->result, inc_dir).ok());
    RunRecord record;
    record.started_at = fmt::format("step {}", step);
    record.as_of = as_of_.ToString();
    record.rules_hash = rules_.content_hash;
    record.engine_version = HEDUI_VERSION;
    for (const auto& [number, batch] : inc->result.batches) {
      if (batch.superseded_by == 0) record.batches.push_back(number);
    }
    EXPECT_TRUE(
        log.Record(&record, {}, EncodeRunResults(inc->result, record)).ok());

    StatusOr<RunResult> full = RunCrossCheck(*index_, options);
    EXPECT_TRUE(full.ok()) << full.status().message();
    std::string full_dir = fmt::format("{}/out/full-{}", dir_.path(), step);
    EXPECT_TRUE(WriteCaseFiles(*full, full_dir).ok());
    for (const char* file : {"cases.ndjson", "cases.csv", "summary.tsv",
                             "summary.json", "reviews.tsv"}) {
      std::string a = testing::ReadFile(inc_dir + "/" + file),
                  b = testing::ReadFile(full_dir + "/" + file);
      EXPECT_FALSE(b.empty()) << file;
      EXPECT_TRUE(a == b) << "step " << step << ": " << file << " differs ("
                          << a.size() << " vs " << b.size() << " bytes)";
    }
    return std::move(*inc);
  }

  testing::TempDir dir_;
  std::unique_ptr<Index> index_;
  Rules rules_;
  Date as_of_ = Date::FromYmd(2026, 10, 31);
  std::string roll_header_;
  std::vector<std::vector<std::string>> roll_, property_;
};

TEST_F(IncrementalTest, RandomDeltasGiveTheFilesOfAFullRun) {
  IncrementalRun first = RunBoth(0);
  EXPECT_FALSE(first.base_run);
  EXPECT_EQ(first.full_reason, "no earlier run to build on");

  std::mt19937_64 random(5);
  auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  std::vector<std::string> plates;  // cars the test registered
  const std::string vehicle_header =
      "号牌号码,所有人身份证明号码,初次登记日期,车辆类型,机动车状态,操作\n";
  const size_t households = first.result.households.size();
  for (int step = 1; step <= 12; ++step) {
    // Every kind of change turns up; the order and the people are random.
    int kind = step <= 6 ? step - 1 : static_cast<int>(pick(6));
    const std::vector<std::string>& member = roll_[pick(roll_.size())];
    std::string what;
    switch (kind) {
      case 0:  // a death
        what = "death of " + member[1];
        Delta(
            "death", fmt::format("death-{}.ndjson", step),
            fmt::format(
                R"({{"sfzh": "{}", "xm": "{}", "swrq": "2026-0{}-1{}", "ly": "公安", "op": "A"}})",
                member[1], member[2], 1 + pick(8), pick(10)) +
                "\n");
        break;
      case 1: {  // a new car
        std::string plate = fmt::format("豫C{:05}", step * 7);
        plates.push_back(plate);
        what = "car for " + member[1];
        Delta(
            "vehicle", fmt::format("vehicle-{}.csv", step),
            testing::ToGb18030(vehicle_header +
                               fmt::format("{},{},2025010{},小型轿车,A,新增\n",
                                           plate, member[1], 1 + pick(9))));
        break;
      }
      case 2: {  // a title cancelled: the deletion row carries only the key
        const std::vector<std::string>& title =
            property_[pick(property_.size())];
        what = "title cancelled for " + title[2];
        Delta("property", fmt::format("property-{}.csv", step),
              kPropertyHeader + title[0] + ",," + title[2] + ",,,,,,删除\n");
        break;
      }
      case 3: {  // a member moves to another case
        const std::vector<std::string>& head = roll_[pick(roll_.size())];
        if (head[0] == member[0]) continue;
        std::vector<std::string> moved = head;
        moved[1] = member[1];
        moved[2] = member[2];
        moved[3] = "其他";
        what = "move of " + member[1] + " from " + member[0] + " to " + head[0];
        std::vector<std::string> gone(14);
        gone[0] = member[0];
        gone[1] = member[1];
        std::string header = roll_header_ + ",操作\n";
        if (header.rfind("\xEF\xBB\xBF", 0) == 0) header = header.substr(3);
        Delta("roll", fmt::format("roll-{}.csv", step),
              header + JoinCsv(gone) + ",删除\n" + JoinCsv(moved) + ",新增\n");
        break;
      }
      case 4: {  // a cadre appointed: the member, in their own township
        what = "cadre " + member[1];
        std::string text =
            testing::ReadFile(kConfigs + "/feeds/demo/cadre.toml");
        text.replace(text.find("[feed]\n"), 7,
                     "[feed]\nsource = \"appointments\"\nmode = \"append\"\n");
        std::string birth = member[1].substr(6, 4) + "年" +
                            member[1].substr(10, 2) + "月" +
                            member[1].substr(12, 2) + "日";
        Ingest(
            text, "cadre-appointments.toml",
            dir_.Write(fmt::format("cadre-{}.csv", step),
                       "序号,姓名,性别,出生年月日,身份证号,所在乡镇,"
                       "所在村（社区）,职务\n1," +
                           member[2] + ",男," + birth + "," + member[1] + "," +
                           member[4] + "," + member[5] + ",村委委员\n"));
        break;
      }
      case 5: {  // a record deleted: a car the test registered, or a title
        if (plates.empty()) {
          const std::vector<std::string>& title =
              property_[pick(property_.size())];
          what = "title deleted for " + title[2];
          Delta("property", fmt::format("property-{}.csv", step),
                kPropertyHeader + title[0] + ",," + title[2] + ",,,,,,删除\n");
        } else {
          what = "car deleted " + plates.back();
          Delta("vehicle", fmt::format("vehicle-{}.csv", step),
                testing::ToGb18030(vehicle_header + plates.back() +
                                   ",,,,,删除\n"));
          plates.pop_back();
        }
        break;
      }
    }
    SCOPED_TRACE(fmt::format("step {}: {}", step, what));
    IncrementalRun inc = RunBoth(step);
    ASSERT_TRUE(inc.base_run) << inc.full_reason;
    EXPECT_EQ(inc.rechecked + inc.reused, inc.result.households.size());
    // A change to one person's feed records re-checks a handful of cases.
    if (kind != 3 && kind != 4) {
      EXPECT_LT(inc.rechecked, households / 10) << what;
    }
  }
}

TEST_F(IncrementalTest, ChecksEveryCaseWhenTheRulesOrTheDateChange) {
  RunBoth(0);
  EXPECT_TRUE(RunBoth(1).base_run);
  as_of_ = Date::FromYmd(2026, 11, 30);
  IncrementalRun moved = RunBoth(2);
  EXPECT_FALSE(moved.base_run);
  EXPECT_NE(moved.full_reason.find("as of 2026-10-31"), std::string::npos)
      << moved.full_reason;
  rules_.content_hash ^= 1;
  IncrementalRun changed = RunBoth(3);
  EXPECT_FALSE(changed.base_run);
  EXPECT_NE(changed.full_reason.find("rules file changed"), std::string::npos)
      << changed.full_reason;
  EXPECT_TRUE(RunBoth(4).base_run);
}

}  // namespace
}  // namespace hedui
