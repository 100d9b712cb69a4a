#include "engine/cases/notice.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hedui {
namespace {

ReviewCase ConfirmedCase() {
  ReviewCase c;
  c.flag_id = "DECEASED:4103290000123:41032919800101006X";
  c.rule = "DECEASED";
  c.case_id = "4103290000123";
  c.id_number = "41032919800101006X";
  c.name = "张三";
  c.township = "城关镇";
  c.village = "东关村";
  c.household_size = 3;
  c.since = "2026-03-01";
  c.amount_fen = 210000;
  c.monthly_at_stake_fen = 70000;
  c.reason = "died 2026-02-14";
  c.status = CaseStatus::kConfirmed;
  c.outcome = "STOP_DECEASED";
  c.decided_on = "2026-11-20";
  c.evidence.push_back(
      {"death",
       4,
       "火化记录2026.csv",
       17,
       {{"id_number", "41032919800101006X"}, {"date", "2026-02-14"}}});
  c.evidence.push_back(
      {"roll", 1, "roll.csv", 3, {{"bank_account", "6217000099998888777"}}});
  return c;
}

NoticeInfo Info() {
  NoticeInfo info;
  info.county = "洛宁县";
  info.issued_on = "2026-11-30";
  info.hearing_days = 7;
  info.contact = "0379-1234567，县民政局二楼";
  return info;
}

bool Has(const std::string& html, const std::string& s) {
  return html.find(s) != std::string::npos;
}

TEST(Notice, SaysWhoWhatHowMuchAndUntilWhen) {
  std::string html = NoticeHtml(ConfirmedCase(), Info());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(Has(html, "低保待遇停发告知书"));
  EXPECT_TRUE(Has(html, "张三"));
  EXPECT_TRUE(Has(html, "41032919800101006X"));  // their own ID, whole
  EXPECT_TRUE(Has(html, std::string(GroundSentence("DECEASED"))));
  EXPECT_TRUE(Has(html, "已经死亡"));
  EXPECT_TRUE(Has(html, "700.00 元"));
  EXPECT_TRUE(Has(html, "2100.00 元"));
  EXPECT_TRUE(Has(html, "2026-03-01"));
  EXPECT_TRUE(Has(html, "STOP_DECEASED"));
  EXPECT_TRUE(Has(html, "7 日内"));
  EXPECT_TRUE(Has(html, "2026-12-07"));  // issued_on + 7 days
  EXPECT_TRUE(Has(html, "听证"));
  EXPECT_TRUE(Has(html, "陈述和申辩"));
  EXPECT_TRUE(Has(html, "0379-1234567"));
  EXPECT_TRUE(Has(html, "洛宁县民政局"));
  EXPECT_TRUE(Has(html, "盖章"));
  EXPECT_TRUE(Has(html, "@media print"));
  EXPECT_TRUE(Has(html, "size: A4"));
  // Evidence in plain words: the department's name, the file, the values.
  EXPECT_TRUE(Has(html, "死亡/火化"));
  EXPECT_TRUE(Has(html, "火化记录2026.csv"));
  EXPECT_TRUE(Has(html, "2026-02-14"));
  // The payment account masked, the matcher's English reason not shown.
  EXPECT_FALSE(Has(html, "6217000099998888777"));
  EXPECT_TRUE(Has(html, "6217***********8777"));
  EXPECT_FALSE(Has(html, "died"));
}

TEST(Notice, DeadlineGivenWins) {
  NoticeInfo info = Info();
  info.deadline = "2026-12-31";
  EXPECT_TRUE(Has(NoticeHtml(ConfirmedCase(), info), "2026-12-31"));
}

TEST(Notice, NoExternalResource) {
  std::string html = NoticeHtml(ConfirmedCase(), Info());
  EXPECT_FALSE(Has(html, "http"));
  EXPECT_FALSE(Has(html, "src="));
  EXPECT_FALSE(Has(html, "<link"));
  EXPECT_FALSE(Has(html, "<script"));
  EXPECT_FALSE(Has(html, "url("));
}

TEST(Notice, HostileValuesAreText) {
  ReviewCase c = ConfirmedCase();
  c.name = "<script>alert(1)</script>";
  c.village = "\"><img src=x onerror=alert(2)>";
  c.outcome = "<b>x</b>";
  c.evidence[0].file = "<iframe src=http://evil>";
  c.evidence[0].values.push_back({"<i>field</i>", "a & b <svg onload=1>"});
  NoticeInfo info = Info();
  info.office = "</title><script>alert(3)</script>";
  std::string html = NoticeHtml(c, info);
  EXPECT_FALSE(Has(html, "<script"));
  EXPECT_FALSE(Has(html, "<img"));
  EXPECT_FALSE(Has(html, "<iframe"));
  EXPECT_FALSE(Has(html, "<svg"));
  EXPECT_FALSE(Has(html, "<i>"));
  EXPECT_FALSE(Has(html, "<b>x"));
  EXPECT_TRUE(Has(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_TRUE(Has(html, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
  EXPECT_TRUE(Has(html, "a &amp; b &lt;svg onload=1&gt;"));
}

TEST(Notice, EveryGroundHasItsOwnSentence) {
  const char* rules[] = {"DECEASED",  "MOVED",    "VEHICLE",   "PROPERTY",
                         "INCOME",    "ASSETS",   "BUSINESS",  "PUBLIC_PAY",
                         "DUPLICATE", "PAYMENT",  "UNDERPAID", "SPLIT",
                         "MERGE",     "CADRE_KIN"};
  const std::string_view other = GroundSentence("NO_SUCH_RULE");
  std::set<std::string_view> seen;
  for (const char* rule : rules) {
    std::string_view s = GroundSentence(rule);
    EXPECT_NE(s, other) << rule;
    EXPECT_TRUE(seen.insert(s).second) << rule;
    EXPECT_EQ(std::string(s).rfind("经核查", 0), 0u) << rule;
  }
}

TEST(Notice, UnderpaidIsMoneyOwedToThem) {
  ReviewCase c = ConfirmedCase();
  c.rule = "UNDERPAID";
  std::string html = NoticeHtml(c, Info());
  EXPECT_TRUE(Has(html, "核查结果告知书"));
  EXPECT_FALSE(Has(html, "停发告知书"));
  EXPECT_TRUE(Has(html, "补发"));
  EXPECT_TRUE(Has(html, "2100.00 元"));
}

TEST(Notice, BankEvidenceAccountMasked) {
  ReviewCase c = ConfirmedCase();
  c.rule = "ASSETS";
  c.evidence.push_back({"bank",
                        5,
                        "bank.csv",
                        9,
                        {{"institution", "农业银行"},
                         {"account", "6228480012345678901"},
                         {"balance", "98765.43"}}});
  std::string html = NoticeHtml(c, Info());
  EXPECT_TRUE(Has(html, "存款"));
  EXPECT_FALSE(Has(html, "6228480012345678901"));
  EXPECT_TRUE(Has(html, "6228***********8901"));
}

}  // namespace
}  // namespace hedui
