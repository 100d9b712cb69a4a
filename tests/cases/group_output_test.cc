// The outputs of a group of cases: every flag names the group, and the
// summaries count the group's money once (on its later cases) and the group
// once.
#include <gtest/gtest.h>

#include "hedui/case_output.h"
#include "hedui/cross_check.h"
#include "hedui/matcher.h"

namespace hedui {
namespace {

Household Case(const std::string& id, const std::string& township) {
  Household h;
  h.case_id = id;
  h.township = township;
  Member m;
  m.roll.kind = FeedKind::kRoll;
  m.roll.fields.resize(GetFeedSpec(FeedKind::kRoll).fields.size());
  m.roll.fields[field::kRollCaseId] = id;
  m.roll.fields[field::kRollIdNumber] = "41032919800101001X";
  h.members.push_back(std::move(m));
  return h;
}

Flag GroupFlag(int64_t fen, bool counts) {
  Flag f;
  f.rule = "PAYMENT";
  f.scope = FlagScope::kCase;
  f.since = Date::FromYmd(2025, 3, 5);
  f.amount_fen = fen;
  f.group_id = "G0123456789abcdef";
  f.group_cases = {"A", "B", "C"};
  f.counts_in_total = counts;
  return f;
}

RunResult ThreeCases() {
  RunResult r;
  r.as_of = Date::FromYmd(2025, 12, 31);
  r.households = {Case("A", "东镇"), Case("B", "东镇"), Case("C", "西镇")};
  r.flags = {{GroupFlag(100000, false)},
             {GroupFlag(20000, true)},
             {GroupFlag(3000, true)}};
  return r;
}

TEST(GroupOutputTest, SummaryCountsTheGroupsMoneyOnceOnItsLaterCases) {
  std::vector<SummaryRow> rows = Summarise(ThreeCases());
  ASSERT_EQ(rows.size(), 3u);  // 东镇, 西镇, (all)
  EXPECT_EQ(rows[0].township, "东镇");
  EXPECT_EQ(rows[0].flags, 2u);
  EXPECT_EQ(rows[0].cases, 2u);
  EXPECT_EQ(rows[0].amount_fen, 20000);  // A is the first case: not counted
  EXPECT_EQ(rows[0].groups, 1u);
  EXPECT_EQ(rows[1].amount_fen, 3000);
  EXPECT_EQ(rows[1].groups, 1u);  // the group spans both townships
  EXPECT_EQ(rows[2].township, "(all)");
  EXPECT_EQ(rows[2].flags, 3u);
  EXPECT_EQ(rows[2].amount_fen, 23000);
  EXPECT_EQ(rows[2].groups, 1u);
  EXPECT_NE(FormatSummaryTable(rows).find("groups"), std::string::npos);
  std::string json = SummaryJson(ThreeCases());
  EXPECT_NE(json.find("\"PAYMENT\":{\"flags\":3,\"cases\":3,\"groups\":1,"
                      "\"amount\":\"230.00\",\"monthly_at_stake\":\"0.00\"}"),
            std::string::npos)
      << json;
}

TEST(GroupOutputTest, EveryFlagLineNamesItsGroup) {
  RunResult r = ThreeCases();
  std::string a = FlagToJson(r, r.households[0], r.flags[0][0]);
  EXPECT_NE(a.find("\"group_id\":\"G0123456789abcdef\",\"group_cases\":[\"A\","
                   "\"B\",\"C\"],\"counts_in_total\":false"),
            std::string::npos)
      << a;
  std::string b = FlagToJson(r, r.households[1], r.flags[1][0]);
  EXPECT_NE(b.find("\"counts_in_total\":true"), std::string::npos) << b;
  // Other grounds' lines are unchanged: no group keys.
  Flag plain = r.flags[0][0];
  plain.group_id.clear();
  plain.group_cases.clear();
  EXPECT_EQ(FlagToJson(r, r.households[0], plain).find("group"),
            std::string::npos);
}

}  // namespace
}  // namespace hedui
