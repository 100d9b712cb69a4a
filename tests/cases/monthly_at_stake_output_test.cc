// monthly_at_stake in every output a reviewer reads: cases.ndjson,
// cases.csv, `hedui explain`, summary.tsv/json and the console table.
#include <gtest/gtest.h>

#include "hedui/case_output.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

SourceRecord Roll(const std::string& id, const std::string& name) {
  SourceRecord r;
  r.kind = FeedKind::kRoll;
  r.key = RecordKey{0, 1, 1};
  r.fields.resize(GetFeedSpec(FeedKind::kRoll).fields.size());
  r.fields[field::kRollCaseId] = "C1";
  r.fields[field::kRollIdNumber] = id;
  r.fields[field::kRollName] = name;
  return r;
}

Flag MakeFlag(std::string_view rule, size_t member, FlagScope scope,
              int64_t amount, int64_t monthly) {
  Flag f;
  f.rule = rule;
  f.member = member;
  f.since = Date::FromYmd(2024, 12, 31);
  f.scope = scope;
  f.amount_fen = amount;
  f.monthly_at_stake_fen = monthly;
  f.reason = "r";
  return f;
}

// One case of three members paying 900.00: two deceased members (member
// scope, 300.00 each) and an ASSETS flag dated the as-of date (case scope,
// nothing paid since yet, 900.00 a month stops).
RunResult MakeResult() {
  RunResult result;
  result.as_of = Date::FromYmd(2024, 12, 31);
  Household h;
  h.case_id = "C1";
  h.township = "城关镇";
  h.village = "东村";
  h.monthly_fen = 90000;
  for (const char* id :
       {"110101199001010011", "110101199001010027", "110101199001010035"}) {
    Member m;
    m.roll = Roll(id, "张三");
    h.members.push_back(std::move(m));
  }
  result.households.push_back(std::move(h));
  result.flags.push_back({
      MakeFlag("DECEASED", 0, FlagScope::kMember, 60000, 30000),
      MakeFlag("DECEASED", 1, FlagScope::kMember, 30000, 30000),
      MakeFlag("ASSETS", 2, FlagScope::kCase, 0, 90000),
  });
  result.roll_members = 3;
  return result;
}

TEST(MonthlyAtStakeOutputTest, EachFlagCarriesIt) {
  RunResult result = MakeResult();
  std::string line =
      FlagToJson(result, result.households[0], result.flags[0][2]);
  EXPECT_NE(line.find("\"amount\":\"0.00\",\"monthly_at_stake\":\"900.00\""),
            std::string::npos)
      << line;
  std::string explain = FormatExplain(result, 0);
  EXPECT_NE(explain.find("amount 0.00 元, 900.00 元 a month at stake"),
            std::string::npos)
      << explain;
}

TEST(MonthlyAtStakeOutputTest, SummariesSumBothFigures) {
  RunResult result = MakeResult();
  std::vector<SummaryRow> rows = Summarise(result);
  int64_t deceased = -1, assets = -1, deceased_amount = -1;
  for (const SummaryRow& r : rows) {
    if (r.township != "(all)") continue;
    if (r.rule == "DECEASED") {
      deceased = r.monthly_at_stake_fen;
      deceased_amount = r.amount_fen;
    }
    if (r.rule == "ASSETS") assets = r.monthly_at_stake_fen;
  }
  EXPECT_EQ(deceased, 60000);
  EXPECT_EQ(deceased_amount, 90000);
  EXPECT_EQ(assets, 90000);
  std::string table = FormatSummaryTable(rows);
  EXPECT_NE(table.find("monthly at stake (元)"), std::string::npos) << table;
  EXPECT_NE(table.find("600.00"), std::string::npos) << table;
  std::string json = SummaryJson(result);
  EXPECT_NE(json.find("\"amount\":\"900.00\",\"monthly_at_stake\":\"600.00\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"ASSETS\":{\"flags\":1,\"cases\":1,\"groups\":0,"
                      "\"amount\":\"0.00\",\"monthly_at_stake\":\"900.00\"}"),
            std::string::npos)
      << json;
}

TEST(MonthlyAtStakeOutputTest, CaseFilesCarryIt) {
  testing::TempDir dir;
  RunResult result = MakeResult();
  ASSERT_TRUE(WriteCaseFiles(result, dir.path()).ok());
  std::vector<std::string> csv =
      testing::Lines(testing::ReadFile(dir.path() + "/cases.csv"));
  ASSERT_EQ(csv.size(), 4u);
  EXPECT_NE(csv[0].find(",amount,monthly_at_stake,scope,"), std::string::npos)
      << csv[0];
  EXPECT_NE(csv[3].find(",0.00,900.00,case,"), std::string::npos) << csv[3];
  std::vector<std::string> tsv =
      testing::Lines(testing::ReadFile(dir.path() + "/summary.tsv"));
  ASSERT_FALSE(tsv.empty());
  EXPECT_EQ(tsv[0],
            "rule\ttownship\tflags\tcases\tamount\tgroups\tmonthly_at_stake");
  bool found = false;
  for (const std::string& l : tsv)
    found |= l == "DECEASED\t(all)\t2\t1\t900.00\t0\t600.00";
  EXPECT_TRUE(found) << testing::ReadFile(dir.path() + "/summary.tsv");
}

}  // namespace
}  // namespace hedui
