// No live formula in a file a county opens in a spreadsheet (issue 19,
// defect 1): a department value beginning with = + - @ TAB CR, or the
// full-width ＝ ＋ － ＠, is written as text in `hedui run`'s cases.csv, as
// it already was in the campaign report's CSVs (one guard,
// engine/base/csv.h, for both).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/base/csv.h"
#include "hedui/case_output.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::ReadFile;
using testing::TempDir;

// Every prefix a spreadsheet evaluates, each starting a hostile value.
const std::vector<std::string>& Hostile() {
  static const std::vector<std::string> kValues = {
      "=HYPERLINK(\"http://x\",\"点此\")",
      "+1+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(A1:A9)",
      "\t=1+1",
      "\r=1+1",
      "＝HYPERLINK(\"http://x\")",
      "＋1+1",
      "－1+1",
      "＠SUM(A1)",
  };
  return kValues;
}

TEST(FormulaGuard, EveryPrefixIsGuarded) {
  for (const std::string& v : Hostile()) {
    SCOPED_TRACE(v);
    EXPECT_TRUE(LooksLikeFormula(v));
    std::string field = CsvText(v);
    // The first character a spreadsheet sees (inside the quotes, when
    // quoted) is the apostrophe that makes it text.
    size_t first = field.front() == '"' ? 1 : 0;
    EXPECT_EQ(field[first], '\'') << field;
  }
  for (const char* plain :
       {"张三", "", "a=b", "410102199001011234", " =x", "（=）", "１２"}) {
    EXPECT_FALSE(LooksLikeFormula(plain)) << plain;
  }
  EXPECT_EQ(CsvText("张三"), "张三");
  EXPECT_EQ(CsvText("张,\"三\""), "\"张,\"\"三\"\"\"");
  EXPECT_EQ(CsvText("=1,2"), "\"'=1,2\"");
  // Numbers the program writes itself are not guarded.
  std::string out;
  AppendCsvField("-12.50", false, &out);
  EXPECT_EQ(out, "-12.50");
}

SourceRecord Roll(const std::string& case_id, const std::string& id,
                  const std::string& name) {
  SourceRecord r;
  r.kind = FeedKind::kRoll;
  r.key = RecordKey{0, 1, 1};
  r.fields.resize(GetFeedSpec(FeedKind::kRoll).fields.size());
  r.fields[field::kRollCaseId] = case_id;
  r.fields[field::kRollIdNumber] = id;
  r.fields[field::kRollName] = name;
  return r;
}

// One household per hostile value, the value in every text column a
// department supplies: case ID, ID number, name, township, village.
RunResult HostileRun() {
  RunResult result;
  result.as_of = Date::FromYmd(2026, 10, 31);
  for (const std::string& v : Hostile()) {
    Household h;
    h.case_id = v;
    h.township = v;
    h.village = v;
    h.monthly_fen = 90000;
    Member m;
    m.roll = Roll(v, v, v);
    h.members.push_back(std::move(m));
    result.households.push_back(std::move(h));
    Flag f;
    f.rule = "DECEASED";
    f.since = Date::FromYmd(2026, 1, 1);
    f.amount_fen = 90000;
    f.monthly_at_stake_fen = 90000;
    f.reason = v;
    result.flags.push_back({f});
  }
  result.roll_members = result.households.size();
  return result;
}

// The fields of one CSV line (RFC 4180, quotes doubled; CR/LF inside
// quotes kept).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, row_started = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      row_started = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
      row_started = true;
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      row_started = false;
    } else {
      field += c;
      row_started = true;
    }
  }
  if (row_started) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST(FormulaGuard, CasesCsvOfARunHasNoLiveFormula) {
  TempDir dir;
  RunResult result = HostileRun();
  Status s = WriteCaseFiles(result, dir.path() + "/out");
  ASSERT_TRUE(s.ok()) << s.message();
  std::string csv = ReadFile(dir.path() + "/out/cases.csv");
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  auto rows = ParseCsv(csv.substr(3));
  ASSERT_EQ(rows.size(), 1 + Hostile().size());
  ASSERT_EQ(rows[0][1], "case_id");
  for (size_t r = 1; r < rows.size(); ++r) {
    ASSERT_EQ(rows[r].size(), rows[0].size()) << r;
    const std::string& v = Hostile()[r - 1];
    // case_id, id_number, name, township, village, reason: the value
    // itself behind the apostrophe, nothing else changed.
    for (size_t col : {1u, 2u, 3u, 4u, 5u, 10u}) {
      SCOPED_TRACE(rows[0][col] + " of " + v);
      EXPECT_EQ(rows[r][col], "'" + v);
    }
    for (const std::string& field : rows[r])
      EXPECT_FALSE(LooksLikeFormula(field)) << field;
  }
}

}  // namespace
}  // namespace hedui
