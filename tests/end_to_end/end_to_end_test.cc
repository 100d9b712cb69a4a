// The whole spine on the demo county: generate, ingest, cross-check, and
// score against the generator's ground truth; then the same with one thread.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "engine/base/text.h"
#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"
#include "engine/demo/score.h"
#include "hedui/case_output.h"
#include "hedui/cross_check.h"
#include "hedui/data_directory.h"
#include "hedui/explain.h"
#include "hedui/record_run.h"
#include "hedui/rules.h"
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
  static void IngestAndRun(const std::string& data, const std::string& out,
                           std::vector<BatchInfo>* batches) {
    {
      auto writer = DataDirectory::Open(data, DataDirectory::Mode::kReadWrite);
      ASSERT_TRUE(writer.ok()) << writer.status().message();
      Status s = demo::IngestDemoFeeds(
          writer->get(), kConfigs, dir_->path() + "/feeds",
          [&](const BatchInfo& b, bool) { batches->push_back(b); });
      ASSERT_TRUE(s.ok()) << s.message();
    }
    auto rules = LoadRules(kConfigs + "/rules/demo.toml");
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    auto reader = DataDirectory::Open(data, DataDirectory::Mode::kReadOnly);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    RunOptions options;
    options.as_of = kAsOf;
    options.rules = &*rules;
    auto result = RunCrossCheck(**reader, options);
    ASSERT_TRUE(result.ok()) << result.status().message();
    ASSERT_TRUE(WriteCaseFiles(*result, out).ok());
  }

  // The demo feeds ingested and run once into data/ and out/, shared by the
  // tests that only read them.
  static const std::vector<BatchInfo>& Shared() {
    static std::vector<BatchInfo>* batches = [] {
      auto* b = new std::vector<BatchInfo>();
      IngestAndRun(dir_->path() + "/data", dir_->path() + "/out", b);
      return b;
    }();
    return *batches;
  }

  static testing::TempDir* dir_;
};

testing::TempDir* EndToEndTest::dir_ = nullptr;

TEST_F(EndToEndTest, ScoresPerfectlyAgainstGroundTruthWithExactCounts) {
  const std::vector<BatchInfo>& batches = Shared();
  auto score = demo::ScoreCases(dir_->path() + "/out/cases.ndjson",
                                dir_->path() + "/feeds/truth.ndjson");
  ASSERT_TRUE(score.ok()) << score.status().message();
  for (const char* rule :
       {"DECEASED", "VEHICLE", "PROPERTY", "MOVED", "INCOME", "ASSETS",
        "BUSINESS", "PUBLIC_PAY", "DUPLICATE", "PAYMENT", "UNDERPAID", "SPLIT",
        "MERGE", "CADRE_KIN"}) {
    SCOPED_TRACE(rule);
    const demo::RuleScore& r = score->by_rule[rule];
    EXPECT_GE(r.expected, 4u);
    EXPECT_EQ(r.precision(), 1.0);
    EXPECT_EQ(r.recall(), 1.0);
    EXPECT_EQ(r.since_mismatches, 0u);
    EXPECT_EQ(r.amount_mismatches, 0u);
    EXPECT_EQ(r.group_mismatches, 0u) << rule;
  }
  for (const std::string& d : score->differences) ADD_FAILURE() << d;

  // read = accepted + quarantined, and exactly the rows the generator broke.
  simdjson::dom::parser parser;
  simdjson::dom::element counts;
  ASSERT_EQ(parser.load(dir_->path() + "/feeds/truth_counts.json").get(counts),
            simdjson::SUCCESS);
  ASSERT_EQ(batches.size(), std::size(demo::kDemoFeeds));
  for (const BatchInfo& b : batches) {
    SCOPED_TRACE(b.file);
    // Keyed by the file's name: two files (roll.csv, roll_neighbour.csv)
    // may be of one kind.
    simdjson::dom::element expected =
        counts["feeds"][std::filesystem::path(b.file).stem().string()];
    EXPECT_EQ(b.read, b.accepted + b.quarantined);
    EXPECT_EQ(int64_t(b.read), int64_t(expected["rows"]));
    EXPECT_EQ(int64_t(b.quarantined), int64_t(expected["quarantined"]));
    // One quarantine line per reason: the rows are the distinct lines.
    std::map<std::string, std::set<std::string>> reasons_by_line;
    std::vector<std::string> lines =
        testing::Lines(testing::ReadFile(b.quarantine_file));
    for (size_t i = 1; i < lines.size(); ++i) {
      std::vector<std::string> cells;
      std::stringstream cell_stream(lines[i]);
      std::string cell;
      while (std::getline(cell_stream, cell, '\t')) cells.push_back(cell);
      ASSERT_GE(cells.size(), 5u) << lines[i];
      reasons_by_line[cells[2]].insert(cells[4]);
    }
    EXPECT_EQ(reasons_by_line.size(), b.quarantined);
    if (b.kind == FeedKind::kDeath) {
      // The planted rows with a wrong check digit and an impossible date
      // list both.
      size_t both = 0;
      for (const auto& [line, reasons] : reasons_by_line)
        both +=
            reasons.count("id_bad_check_digit") && reasons.count("bad_date");
      EXPECT_EQ(both, 3u);
    }
  }

  // The roll leaves declared income blank for a few cases: said once.
  std::string summary = testing::ReadFile(dir_->path() + "/out/summary.json");
  simdjson::dom::parser summary_parser;  // `counts` lives in `parser`
  simdjson::dom::element doc;
  ASSERT_EQ(summary_parser.parse(summary).get(doc), simdjson::SUCCESS);
  size_t underpaid_notes = 0;
  for (simdjson::dom::element note : doc["notes"].get_array()) {
    underpaid_notes +=
        std::string_view(note).find("UNDERPAID not computed for 3 of") !=
        std::string_view::npos;
  }
  EXPECT_EQ(underpaid_notes, 1u) << summary;
  // The totals per ground in summary.json are the truth's, to the fen: the
  // members' amounts added, a case-scope ground's case counted once.
  const std::set<std::string> member_scope = {"DECEASED", "MOVED", "DUPLICATE",
                                              "MERGE"};
  std::map<std::string, int64_t> expected_total;
  std::map<std::pair<std::string, std::string>, int64_t> case_max;
  std::map<std::string, std::set<std::string>> truth_groups;
  simdjson::dom::parser truth_parser;
  for (const std::string& line : testing::Lines(
           testing::ReadFile(dir_->path() + "/feeds/truth.ndjson"))) {
    simdjson::dom::element t;
    ASSERT_EQ(truth_parser.parse(line).get(t), simdjson::SUCCESS);
    std::string rule{std::string_view(t["rule"])};
    int64_t fen = 0;
    ASSERT_TRUE(ParseAmountFen(std::string_view(t["amount"]), 1, &fen));
    // A group of cases counts once: its first case's amount is shown but
    // not added, and the group is counted once (one person's for DUPLICATE).
    simdjson::dom::array cases;
    if (!t["group_cases"].get(cases)) {
      std::string key = rule;
      for (simdjson::dom::element c : cases) {
        key += ',';
        key += std::string_view(c);
      }
      if (rule == "DUPLICATE") {
        key += '|';
        key += std::string_view(t["id_number"]);
      }
      truth_groups[rule].insert(key);
      bool counts = true;
      ASSERT_EQ(t["counts_in_total"].get(counts), simdjson::SUCCESS);
      if (!counts) fen = 0;
    }
    if (member_scope.count(rule)) {
      expected_total[rule] += fen;
    } else {
      int64_t& v =
          case_max[{rule, std::string(std::string_view(t["case_id"]))}];
      v = std::max(v, fen);
    }
  }
  for (const auto& [key, fen] : case_max) expected_total[key.first] += fen;
  EXPECT_EQ(expected_total.size(), 14u);
  for (const auto& [rule, fen] : expected_total) {
    EXPECT_EQ(std::string_view(doc["totals"][rule]["amount"]), FormatFen(fen))
        << rule;
    EXPECT_EQ(uint64_t(doc["totals"][rule]["groups"]),
              truth_groups[rule].size())
        << rule;
  }
  // Groups of two and of three cases of each group ground are planted.
  for (const char* rule : {"SPLIT", "DUPLICATE", "PAYMENT"}) {
    std::set<size_t> sizes;
    for (const std::string& g : truth_groups[rule])
      sizes.insert(static_cast<size_t>(std::count(g.begin(), g.end(), ',')));
    EXPECT_TRUE(sizes.count(2) && sizes.count(3)) << rule;
  }
  // DUPLICATE across counties: members also paid in the neighbour's roll
  // (roll_neighbour.csv, [county] foreign_rolls), the neighbour's case
  // written "汝阳县:ID", enrolled there before and after the home case.
  const std::string cases_ndjson =
      testing::ReadFile(dir_->path() + "/out/cases.ndjson");
  // Every ground's reason is Chinese (officers read it on the list, the
  // case page and `cases show`): no English word in any of them.
  {
    simdjson::dom::parser parser;
    std::set<std::string> grounds;
    for (const std::string& line : testing::Lines(cases_ndjson)) {
      simdjson::dom::element flag = parser.parse(line);
      std::string_view rule = flag["rule"].get_string();
      std::string_view reason = flag["reason"].get_string();
      grounds.insert(std::string(rule));
      int letters = 0;
      for (char ch : reason) {
        letters = ch >= 'a' && ch <= 'z' ? letters + 1 : 0;
        ASSERT_LT(letters, 3) << rule << ": " << reason;
      }
    }
    EXPECT_GE(grounds.size(), 12u);
  }
  size_t cross_county = 0;
  for (const std::string& g : truth_groups["DUPLICATE"])
    cross_county += g.find(",汝阳县:") != std::string::npos;
  EXPECT_GE(cross_county, 2u);
  EXPECT_NE(cases_ndjson.find("\"汝阳县:"), std::string::npos);
  EXPECT_NE(cases_ndjson.find("同时是汝阳县低保案件 "), std::string::npos);
  EXPECT_NE(cases_ndjson.find("本县只能停发本县的待遇"), std::string::npos);
  // The neighbour's own cases are never reported (its rows appear only as
  // evidence of a home case's flag).
  for (const std::string& line : testing::Lines(cases_ndjson)) {
    const size_t at = line.find("\"case_id\":\"");
    ASSERT_NE(at, std::string::npos);
    EXPECT_EQ(line.substr(at + 11, 6), "410329") << line.substr(0, 200);
  }
  // The planted DUPLICATE tie (two cases approved the same day) says how it
  // was broken.
  EXPECT_NE(testing::ReadFile(dir_->path() + "/out/cases.ndjson")
                .find("同日纳入：案件编号较小者视为在先"),
            std::string::npos);

  // Every flag carries evidence that names its file and line.
  for (const std::string& line :
       testing::Lines(testing::ReadFile(dir_->path() + "/out/cases.ndjson"))) {
    simdjson::dom::element flag;
    ASSERT_EQ(parser.parse(line).get(flag), simdjson::SUCCESS);
    simdjson::dom::array evidence = flag["evidence"];
    ASSERT_GT(evidence.size(), 0u) << line;
    for (simdjson::dom::element e : evidence) {
      EXPECT_GE(uint64_t(e["line"]), 1u);
      EXPECT_FALSE(std::string_view(e["file"]).empty());
    }
    int64_t sum = 0;
    for (simdjson::dom::element m : flag["months"].get_array()) {
      int64_t fen = 0;
      EXPECT_TRUE(ParseAmountFen(std::string_view(m.at(1)), 1, &fen));
      sum += fen;
    }
    EXPECT_EQ(FormatFen(sum), std::string_view(flag["amount"])) << line;
  }
}

// Every flag says what stops each month if it is confirmed: for every
// ground that counts payments (UNDERPAID counts shortfalls), the money of
// the as-of month when the flag has one; and summary.json's totals add it
// up the way they add the amount.
TEST_F(EndToEndTest, EveryFlagSaysWhatStopsEachMonth) {
  Shared();
  simdjson::dom::parser parser;
  std::map<std::string, int64_t> member_total;
  std::map<std::pair<std::string, std::string>, int64_t> case_max;
  size_t checked = 0, assets_today = 0;
  for (const std::string& line :
       testing::Lines(testing::ReadFile(dir_->path() + "/out/cases.ndjson"))) {
    simdjson::dom::element flag;
    ASSERT_EQ(parser.parse(line).get(flag), simdjson::SUCCESS);
    std::string rule{std::string_view(flag["rule"])};
    // The planted ASSETS balances dated the as-of date: nothing paid since
    // yet, the case's whole payment at stake.
    if (rule == "ASSETS" && std::string_view(flag["since"]) == "2026-10-31") {
      ++assets_today;
      EXPECT_EQ(std::string_view(flag["amount"]), "0.00") << line;
    }
    int64_t at_stake = -1;
    ASSERT_TRUE(ParseAmountFen(std::string_view(flag["monthly_at_stake"]), 1,
                               &at_stake))
        << line;
    EXPECT_GT(at_stake, 0) << line;
    // A group of cases counts once, on its later cases (counts_in_total).
    bool counts = true;
    if (flag["counts_in_total"].get(counts) != simdjson::SUCCESS) counts = true;
    if (!counts) {
      case_max.try_emplace(
          {rule, std::string(std::string_view(flag["case_id"]))}, 0);
    } else if (std::string_view(flag["scope"]) == "member") {
      member_total[rule] += at_stake;
    } else {
      int64_t& v =
          case_max[{rule, std::string(std::string_view(flag["case_id"]))}];
      v = std::max(v, at_stake);
    }
    simdjson::dom::array months = flag["months"];
    if (rule == "UNDERPAID" || months.size() == 0) continue;
    simdjson::dom::element last = months.at(months.size() - 1);
    if (std::string_view(last.at(0)) != "2026-10") continue;
    EXPECT_EQ(std::string_view(last.at(1)),
              std::string_view(flag["monthly_at_stake"]))
        << line;
    ++checked;
  }
  EXPECT_GT(checked, 100u);
  EXPECT_GE(assets_today, 2u);
  for (const auto& [key, fen] : case_max) member_total[key.first] += fen;
  std::string summary = testing::ReadFile(dir_->path() + "/out/summary.json");
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(summary).get(doc), simdjson::SUCCESS);
  for (const auto& [rule, fen] : member_total) {
    EXPECT_EQ(std::string_view(doc["totals"][rule]["monthly_at_stake"]),
              FormatFen(fen))
        << rule;
  }
}

// Explaining a case (the library's ExplainCase, what `hedui explain`
// prints) the truth says is underpaid and has moved or died: its months add
// up to each flag's amount.
TEST_F(EndToEndTest, ExplainShowsMembersFlagsEvidenceAndMonthlyMoney) {
  Shared();
  std::string case_id, amount;
  for (const std::string& line : testing::Lines(
           testing::ReadFile(dir_->path() + "/feeds/truth.ndjson"))) {
    if (line.find("\"rule\":\"UNDERPAID\"") == std::string::npos) continue;
    simdjson::dom::parser parser;
    simdjson::dom::element t;
    ASSERT_EQ(parser.parse(line).get(t), simdjson::SUCCESS);
    case_id = std::string(std::string_view(t["case_id"]));
    amount = std::string(std::string_view(t["amount"]));
    break;
  }
  ASSERT_FALSE(case_id.empty());
  StatusOr<std::string> text = ExplainCase(
      dir_->path() + "/data", kConfigs + "/rules/demo.toml", kAsOf, case_id);
  ASSERT_TRUE(text.ok()) << text.status().message();
  const std::string& out = *text;
  EXPECT_TRUE(out.starts_with("Explanation as of 2026-10-31 (rules ")) << out;
  EXPECT_NE(out.find("Case " + case_id), std::string::npos) << out;
  EXPECT_NE(out.find("Members ("), std::string::npos) << out;
  EXPECT_NE(out.find("UNDERPAID v1"), std::string::npos) << out;
  EXPECT_NE(out.find("rule parameters: {\"zone\""), std::string::npos) << out;
  EXPECT_NE(out.find("roll "), std::string::npos) << out;
  EXPECT_NE(out.find("2026-10 "), std::string::npos) << out;
  EXPECT_NE(out.find("amount " + amount + " 元"), std::string::npos) << out;
  EXPECT_NE(out.find("total    "), std::string::npos) << out;
  // An unknown case is an error that says so.
  StatusOr<std::string> missing =
      ExplainCase(dir_->path() + "/data", kConfigs + "/rules/demo.toml", kAsOf,
                  "NO-SUCH-CASE");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(
      missing.status().message().find("case 'NO-SUCH-CASE' is not on the roll"),
      std::string::npos)
      << missing.status().message();
}

// Recording runs (the library's RecordRun, all of `hedui run`): the case
// files equal a plain cross-check's, the first run has no previous one, and
// an incremental run on an unchanged index reuses every case and finds every
// flag still standing.
TEST_F(EndToEndTest, RecordRunWritesFilesComparesAndRecords) {
  Shared();
  RecordRunOptions options;
  options.data_dir = dir_->path() + "/data";
  options.rules_path = kConfigs + "/rules/demo.toml";
  options.as_of = kAsOf;
  options.out_dir = dir_->path() + "/recorded-1";
  StatusOr<RecordedRun> first = RecordRun(options);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_GT(first->flags, 0u);
  EXPECT_EQ(first->result.rules, first->rules.get());
  EXPECT_FALSE(first->changes.previous.has_value());
  EXPECT_EQ(first->changes.added.size(), first->flags);
  EXPECT_EQ(first->record.flags, first->flags);
  for (const char* file :
       {"cases.ndjson", "cases.csv", "summary.tsv", "reviews.tsv"}) {
    EXPECT_EQ(testing::ReadFile(options.out_dir + "/" + file),
              testing::ReadFile(dir_->path() + "/out/" + file))
        << file;
  }
  EXPECT_FALSE(testing::ReadFile(options.out_dir + "/changes.tsv").empty());

  options.out_dir = dir_->path() + "/recorded-2";
  options.incremental = true;
  StatusOr<RecordedRun> second = RecordRun(options);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_TRUE(second->incremental);
  ASSERT_TRUE(second->base_run.has_value()) << second->full_reason;
  EXPECT_EQ(*second->base_run, first->record.number);
  EXPECT_EQ(second->rechecked, 0u);
  EXPECT_EQ(second->record.number, first->record.number + 1);
  ASSERT_TRUE(second->changes.previous.has_value());
  EXPECT_EQ(second->changes.previous->number, first->record.number);
  EXPECT_EQ(second->changes.standing.size(), first->flags);
  EXPECT_TRUE(second->changes.added.empty());
  EXPECT_TRUE(second->changes.gone.empty());
  EXPECT_EQ(testing::ReadFile(dir_->path() + "/recorded-2/cases.ndjson"),
            testing::ReadFile(dir_->path() + "/recorded-1/cases.ndjson"));

  // A rules file that is not there is an error, and nothing is recorded.
  options.rules_path = kConfigs + "/rules/no-such-rules.toml";
  StatusOr<RecordedRun> bad = RecordRun(options);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(RunLog(options.data_dir).List().size(), 2u);
}

TEST_F(EndToEndTest, OneThreadGivesByteIdenticalOutput) {
  std::vector<BatchInfo> many, one;
  IngestAndRun(dir_->path() + "/data-many", dir_->path() + "/out-many", &many);
  {
    tbb::global_control single(tbb::global_control::max_allowed_parallelism, 1);
    IngestAndRun(dir_->path() + "/data-one", dir_->path() + "/out-one", &one);
  }
  for (const char* file : {"cases.ndjson", "cases.csv", "summary.tsv",
                           "summary.json", "reviews.tsv"}) {
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
