#include "engine/cases/notice.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "engine/base/id_number.h"
#include "engine/cases/case_codec.h"
#include "engine/cases/field_labels.h"

namespace hedui {
namespace {

// A child of a household of three died; the letter goes to the head.
ReviewCase ConfirmedCase() {
  ReviewCase c;
  c.flag_id = "F0123456789abcdef";
  c.rule = "DECEASED";
  c.case_id = "4103290000123";
  c.id_number = "41032920150101006X";
  c.name = "张小明";
  c.township = "城关镇";
  c.village = "东关村";
  c.scope = "member";
  c.household_size = 3;
  c.head_name = "张三";
  c.addressee_name = "张三";
  c.addressee_relation = "head";
  c.member_relation = "child";
  c.case_monthly_fen = 210000;
  c.since = "2026-02-14";
  c.amount_fen = 210000;
  c.monthly_at_stake_fen = 70000;
  c.months = {{"2026-03", 70000}, {"2026-04", 70000}, {"2026-05", 70000}};
  c.reason = "2026-02-14 死亡（殡葬）";
  c.last_seen = "2026-11-30";
  c.status = CaseStatus::kConfirmed;
  c.outcome = "死亡";
  c.decided_on = "2026-11-20";
  c.evidence.push_back({"death",
                        4,
                        "/srv/exports/火化记录2026.csv",
                        17,
                        {{"id_number", "41032920150101006X"},
                         {"name", "张小明"},
                         {"death_date", "2026-02-14"},
                         {"source", "殡葬"}}});
  // The register row carries the parents' IDs: never on the letter.
  c.evidence.push_back({"population",
                        2,
                        "hukou.csv",
                        9,
                        {{"id_number", "41032920150101006X"},
                         {"name", "张小明"},
                         {"sex", "female"},
                         {"birth_date", "2015-01-01"},
                         {"relation", "child"},
                         {"address", "东关村3组12号"},
                         {"father_id", "410329198001010034"},
                         {"mother_id", "410329198203040027"},
                         {"status", "dead"},
                         {"status_date", "2026-02-14"}}});
  c.evidence.push_back(
      {"roll", 1, "roll.csv", 3, {{"bank_account", "6217000099998888777"}}});
  return c;
}

NoticeInfo Info() {
  NoticeInfo info;
  info.county = "洛宁县";
  info.issued_on = "2026-11-30";
  info.hearing_days = 15;
  info.tmpl.phone = "0379-1234567";
  info.tmpl.address = "县民政局二楼";
  return info;
}

bool Has(const std::string& html, const std::string& s) {
  return html.find(s) != std::string::npos;
}

// Every 18-character resident ID written whole anywhere in the page.
std::set<std::string> WholeIds(const std::string& html) {
  std::set<std::string> ids;
  std::regex id("[0-9]{17}[0-9X]");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id);
       it != std::sregex_iterator(); ++it)
    ids.insert(it->str());
  return ids;
}

TEST(Notice, SaysWhoWhatHowMuchAndUntilWhen) {
  std::string html = NoticeHtml(ConfirmedCase(), Info());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(Has(html, "张小明"));
  EXPECT_TRUE(Has(html, std::string(GroundSentence("DECEASED"))));
  EXPECT_TRUE(Has(html, "700.00 元"));
  EXPECT_TRUE(Has(html, "2100.00 元"));
  EXPECT_TRUE(Has(html, "死亡"));  // the outcome
  EXPECT_TRUE(Has(html, "15日内"));
  EXPECT_TRUE(Has(html, "听证"));
  EXPECT_TRUE(Has(html, "陈述、申辩"));
  EXPECT_TRUE(Has(html, "申请复核"));
  EXPECT_TRUE(Has(html, "60日内向洛宁县人民政府申请行政复议"));
  EXPECT_TRUE(Has(html, "6个月内向洛宁县人民法院提起行政诉讼"));
  EXPECT_TRUE(Has(html, "0379-1234567"));
  EXPECT_TRUE(Has(html, "县民政局二楼"));
  EXPECT_TRUE(Has(html, "洛宁县民政局（盖章）"));
  EXPECT_TRUE(Has(html, "@media print"));
  EXPECT_TRUE(Has(html, "size: A4"));
  // The payment account masked, the matcher's reason not shown.
  EXPECT_FALSE(Has(html, "6217000099998888777"));
  EXPECT_TRUE(Has(html, "6217***********8777"));
}

TEST(Notice, DeceasedChildLetterGoesToTheLivingHead) {
  std::string html = NoticeHtml(ConfirmedCase(), Info());
  EXPECT_TRUE(Has(html, "<p class=\"to\">张三（户主、申请人）：</p>"));
  EXPECT_FALSE(Has(html, "<p class=\"to\">张小明"));
  EXPECT_TRUE(Has(html, "张小明（与户主关系：子女），已死亡"));
}

TEST(Notice, DeadHeadLetterGoesToTheChosenLivingMember) {
  ReviewCase c = ConfirmedCase();
  c.name = c.head_name = "张三";
  c.member_relation = "head";
  c.addressee_name = "李四";
  c.addressee_relation = "spouse";
  std::string html = NoticeHtml(c, Info());
  EXPECT_TRUE(Has(html, "<p class=\"to\">李四（配偶）：</p>"));
  EXPECT_TRUE(Has(html, "<tr><th>户主（已故）</th><td>张三</td></tr>"));
  EXPECT_FALSE(Has(html, "<th>户主（申请人）</th>"));
  EXPECT_FALSE(Has(html, "<p class=\"to\">张三"));
  // Nobody living and adult found by the run: to the household, not the
  // dead head.
  c.addressee_name.clear();
  html = NoticeHtml(c, Info());
  EXPECT_FALSE(Has(html, "<p class=\"to\">张三"));
  EXPECT_TRUE(
      Has(html, "<p class=\"to\">低保户（编号 4103290000123）家庭成员"));
  // The same when the member who died is a child and the head died too
  // (the demo county's 吴全 and 吴婷菲): never the head's name.
  c = ConfirmedCase();
  c.addressee_name.clear();
  c.addressee_relation.clear();
  html = NoticeHtml(c, Info());
  EXPECT_FALSE(Has(html, "<p class=\"to\">张三"));
  EXPECT_TRUE(
      Has(html, "<p class=\"to\">低保户（编号 4103290000123）家庭成员"));
  // A case stored before the run recorded the household: a living member
  // is written to, a dead one never.
  c = ConfirmedCase();
  c.head_name = c.addressee_name = c.addressee_relation = "";
  EXPECT_FALSE(Has(NoticeHtml(c, Info()), "<p class=\"to\">张小明"));
  c.rule = "VEHICLE";
  EXPECT_TRUE(Has(NoticeHtml(c, Info()), "<p class=\"to\">张小明：</p>"));
}

TEST(Notice, EvidenceInChineseWordsWithoutThirdPartyIds) {
  std::string html = NoticeHtml(ConfirmedCase(), Info());
  // Codes as words, fields as labels.
  EXPECT_TRUE(Has(html, "<td>死亡</td>"));
  EXPECT_TRUE(Has(html, "<td>子女</td>"));
  EXPECT_TRUE(Has(html, "死亡日期"));
  for (const char* english :
       {"dead", "child", "female", "father_id", "mother_id", "status_date",
        "death_date", "id_number", ">death<", "population", "active",
        "truck"}) {
    EXPECT_FALSE(Has(html, english)) << english;
  }
  // Not what the decision does not rest on: sex, birth date, address.
  EXPECT_FALSE(Has(html, "东关村3组12号"));
  EXPECT_FALSE(Has(html, "2015-01-01"));
  // No ID whole: not the parents', not even the member's own (masked).
  EXPECT_TRUE(WholeIds(html).empty()) << *WholeIds(html).begin();
  EXPECT_TRUE(Has(html, "4103**********006X"));
  // The department and the date of the data, not the export's file.
  EXPECT_TRUE(Has(html, "洛宁县公安局户籍人口数据（2026-11-30）"));
  EXPECT_FALSE(Has(html, "火化记录2026.csv"));
  EXPECT_FALSE(Has(html, "/srv/exports"));
}

TEST(Notice, VehicleCodesAreWords) {
  ReviewCase c = ConfirmedCase();
  c.rule = "VEHICLE";
  c.scope = "case";
  c.evidence = {{"vehicle",
                 3,
                 "veh.csv",
                 5,
                 {{"id_number", "41032920150101006X"},
                  {"plate", "豫C12345"},
                  {"vehicle_type", "truck"},
                  {"registered_on", "2016-06-13"},
                  {"status", "active"}}}};
  std::string html = NoticeHtml(c, Info());
  EXPECT_TRUE(Has(html, "<td>货车</td>"));
  EXPECT_TRUE(Has(html, "<td>在用（正常）</td>"));
  EXPECT_TRUE(Has(html, "豫C12345"));
  EXPECT_FALSE(Has(html, "truck"));
  EXPECT_FALSE(Has(html, "active"));
}

TEST(Notice, OneMemberOfALargerHouseholdIsReducedNotStopped) {
  ReviewCase c = ConfirmedCase();
  c.household_size = 6;
  std::string html = NoticeHtml(c, Info());
  EXPECT_TRUE(Has(html, "低保金调整（减发）告知书"));
  EXPECT_FALSE(Has(html, "停发告知书"));
  EXPECT_TRUE(Has(html, "每月减发金额"));
  EXPECT_TRUE(Has(html, "调整后每月低保金"));
  EXPECT_TRUE(Has(html, "1400.00 元"));  // 2100 - 700
  EXPECT_TRUE(Has(html, "减发家庭成员张小明的低保金"));
}

TEST(Notice, WholeCaseIsStopped) {
  ReviewCase c = ConfirmedCase();
  c.scope = "case";  // a car: the whole case's payment stops
  c.monthly_at_stake_fen = 210000;
  EXPECT_TRUE(Has(NoticeHtml(c, Info()), "低保待遇停发告知书"));
  EXPECT_TRUE(Has(NoticeHtml(c, Info()), "停发您家庭的低保金"));
  // The last member's departure: the whole amount at stake.
  c = ConfirmedCase();
  c.monthly_at_stake_fen = c.case_monthly_fen;
  EXPECT_TRUE(Has(NoticeHtml(c, Info()), "低保待遇停发告知书"));
  c = ConfirmedCase();
  c.household_size = 1;
  EXPECT_TRUE(Has(NoticeHtml(c, Info()), "低保待遇停发告知书"));
}

TEST(Notice, MoneyPeriodIsTheMonthsCounted) {
  ReviewCase c = ConfirmedCase();
  c.rule = "VEHICLE";
  c.since = "2016-06-13";  // the car's registration, before enrolment
  c.months = {{"2018-03", 70000}, {"2018-04", 70000}, {"2026-11", 70000}};
  std::string html = NoticeHtml(c, Info());
  EXPECT_TRUE(Has(html, "2018年3月至2026年11月，共 3 个月"));
  EXPECT_FALSE(Has(html, "2016-06-13 起"));
  EXPECT_FALSE(Has(html, "自 2016"));
}

TEST(Notice, DeadlineRunsFromDeliveryDeliveryDayNotCounted) {
  NoticeInfo info = Info();
  std::string html = NoticeHtml(ConfirmedCase(), info);
  EXPECT_TRUE(Has(html, "自本告知书送达之日起15日内（送达当日不计入）"));
  EXPECT_FALSE(Has(html, "处理决定之日起"));
  EXPECT_FALSE(Has(html, "2026-12-05"));  // decision + 15
  info.delivered_on = "2026-12-01";
  html = NoticeHtml(ConfirmedCase(), info);
  // Day 1 is 12-02, day 15 is 12-16.
  EXPECT_TRUE(Has(html,
                  "自本告知书送达之日起15日内（送达当日不计入，即至 "
                  "2026-12-16 止）"));
  EXPECT_EQ(NoticeLastDay("2026-12-01", 15), "2026-12-16");
  EXPECT_EQ(NoticeLastDay("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(NoticeLastDay("", 15), "");
}

TEST(Notice, ShowsTheHumanCaseNumberNeverTheFlagHash) {
  NoticeInfo info = Info();
  std::string html = NoticeHtml(ConfirmedCase(), info);
  EXPECT_FALSE(Has(html, "F0123456789abcdef"));
  EXPECT_TRUE(Has(html, "低保案件编号：4103290000123"));
  info.case_number = "〔2026〕410329-00017号";
  html = NoticeHtml(ConfirmedCase(), info);
  EXPECT_TRUE(Has(html, "〔2026〕410329-00017号"));
  EXPECT_FALSE(Has(html, "F0123456789abcdef"));
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
  c.addressee_name = "<iframe src=http://evil>";
  c.evidence[0].values.push_back({"source", "a & b <svg onload=1>"});
  NoticeInfo info = Info();
  info.tmpl.office = "</title><script>alert(3)</script>";
  info.tmpl.phone = "<i>1</i>";
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
                        {{"id_number", "41032920150101006X"},
                         {"institution", "农业银行"},
                         {"account", "6228480012345678901"},
                         {"balance", "98765.43"}}});
  std::string html = NoticeHtml(c, Info());
  EXPECT_TRUE(Has(html, "存款"));
  EXPECT_TRUE(Has(html, "98765.43"));
  EXPECT_FALSE(Has(html, "6228480012345678901"));
  EXPECT_TRUE(Has(html, "6228***********8901"));
}

TEST(Notice, AnotherPersonsRecordShowsWhoNotTheirNumbersOrMoney) {
  ReviewCase c = ConfirmedCase();
  c.rule = "PAYMENT";
  c.evidence = {{"bank",
                 5,
                 "bank.csv",
                 9,
                 {{"id_number", "410329197001010011"},
                  {"institution", "农业银行"},
                  {"account", "6228480012345678901"},
                  {"balance", "98765.43"}}}};
  std::string html = NoticeHtml(c, Info());
  EXPECT_TRUE(WholeIds(html).empty());
  EXPECT_FALSE(Has(html, "98765.43"));
  EXPECT_TRUE(Has(html, "6228***********8901"));
}

// What the letter needs of the household travels with the case: a run's
// line carries it, a stored case keeps it, and a case stored before it was
// added still decodes (without it).
TEST(NoticeFields, StoredAppendOnly) {
  ReviewCase c = ConfirmedCase();
  StatusOr<ReviewCase> back = DecodeReviewCase(EncodeReviewCase(c));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->head_name, "张三");
  EXPECT_EQ(back->addressee_name, "张三");
  EXPECT_EQ(back->addressee_relation, "head");
  EXPECT_EQ(back->member_relation, "child");
  EXPECT_EQ(back->case_monthly_fen, 210000);
  std::string old = EncodeReviewCase(c);
  old = old.substr(0, old.find(",\"head_name\"")) + "}";
  back = DecodeReviewCase(old);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_TRUE(back->head_name.empty());
  EXPECT_EQ(back->case_monthly_fen, 0);
  EXPECT_EQ(back->name, "张小明");
  StatusOr<ReviewCase> flag = ReviewCaseFromFlagLine(
      R"({"flag_id":"F1","rule":"DECEASED","case_id":"C1","amount":"0.00",)"
      R"("monthly_at_stake":"0.00","household_size":3,"head_name":"张三",)"
      R"("addressee_name":"李四","addressee_relation":"spouse",)"
      R"("member_relation":"head","case_monthly_fen":90000})");
  ASSERT_TRUE(flag.ok()) << flag.status().message();
  EXPECT_EQ(flag->addressee_name, "李四");
  EXPECT_EQ(flag->member_relation, "head");
  EXPECT_EQ(flag->case_monthly_fen, 90000);
}

TEST(FieldLabels, CodesAreChineseWords) {
  EXPECT_EQ(ValueLabel("vehicle", "vehicle_type", "truck"), "货车");
  EXPECT_EQ(ValueLabel("vehicle", "status", "active"), "在用（正常）");
  EXPECT_EQ(ValueLabel("business", "status", "active"), "存续（在业）");
  EXPECT_EQ(ValueLabel("population", "sex", "female"), "女");
  EXPECT_EQ(ValueLabel("population", "relation", "child"), "子女");
  EXPECT_EQ(ValueLabel("population", "status", "dead"), "死亡");
  EXPECT_EQ(ValueLabel("vehicle", "plate", "豫C12345"), "豫C12345");
  EXPECT_EQ(ZoneLabel("rural"), "农村");
  EXPECT_EQ(ZoneLabel("urban"), "城市");
  EXPECT_EQ(ZoneLabel("山区"), "山区");
  EXPECT_EQ(FieldLabel("father_id"), "父亲身份号码");
  // A wage on the payroll is not an allowance (a 告知书 of the demo county
  // labelled a public-welfare job's pay 月保障金).
  EXPECT_EQ(FieldLabel("roll", "monthly_amount"), "月保障金（元）");
  EXPECT_EQ(FieldLabel("payroll", "monthly_amount"), "月发放金额（元）");
}

TEST(NoticeTemplate, CountyAdjustsOfficeContactSealAndRights) {
  std::string path = ::testing::TempDir() + "/notice_template_test.toml";
  {
    std::ofstream f(path);
    f << "[notice]\noffice = \"民政局社会救助股\"\nphone = \"0379-7654321\"\n"
         "seal = \"洛宁县民政局（低保专用章）\"\nreconsideration_to = "
         "\"洛阳市民政局\"\nreconsideration_days = 60\nlitigation_months = "
         "6\n[departments]\nvehicle = \"公安局交通警察大队\"\n";
  }
  NoticeTemplate t;
  ASSERT_TRUE(LoadNoticeTemplate(path, &t).ok());
  NoticeInfo info = Info();
  info.tmpl = t;
  ReviewCase c = ConfirmedCase();
  c.evidence = {{"vehicle", 3, "v.csv", 5, {{"plate", "豫C12345"}}}};
  std::string html = NoticeHtml(c, info);
  EXPECT_TRUE(Has(html, "0379-7654321"));
  EXPECT_TRUE(Has(html, "洛宁县民政局（低保专用章）（盖章）"));
  EXPECT_TRUE(Has(html, "向洛宁县民政局社会救助股提出陈述、申辩"));
  EXPECT_TRUE(Has(html, "向洛阳市民政局申请行政复议"));
  EXPECT_TRUE(Has(html, "洛宁县公安局交通警察大队机动车数据"));

  {
    std::ofstream f(path);
    f << "[notice]\noffise = \"x\"\n";
  }
  NoticeTemplate bad;
  Status s = LoadNoticeTemplate(path, &bad);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("offise"), std::string::npos);
  {
    std::ofstream f(path);
    f << "[notice]\nreconsideration_days = 0\n";
  }
  EXPECT_FALSE(LoadNoticeTemplate(path, &bad).ok());
  // No file: the defaults.
  NoticeTemplate none;
  EXPECT_TRUE(LoadNoticeTemplate(path + ".absent", &none).ok());
  EXPECT_EQ(none.office, "民政局");
}

// The roll as the run sees it: relation codes, IDs (birth dates), and the
// death and register records behind DECEASED.
Member Person(const std::string& id, const std::string& name,
              const std::string& relation) {
  Member m;
  m.roll.kind = FeedKind::kRoll;
  m.roll.fields.assign(GetFeedSpec(FeedKind::kRoll).fields.size(), "");
  m.roll.fields[field::kRollIdNumber] = id;
  m.roll.fields[field::kRollName] = name;
  m.roll.fields[field::kRollRelation] = relation;
  return m;
}

std::string Id(const std::string& first17) {
  return first17 + IdCheckCharacter(first17);
}

void Dies(Member* m, const std::string& date) {
  SourceRecord r;
  r.kind = FeedKind::kDeath;
  r.fields.assign(GetFeedSpec(FeedKind::kDeath).fields.size(), "");
  r.fields[field::kDeathDate] = date;
  m->feeds[static_cast<size_t>(FeedKind::kDeath)].push_back(r);
}

TEST(NoticeAddressee, LivingHeadIsTheAddressee) {
  Household h;
  h.members.push_back(Person(Id("41032919800101003"), "张三", "head"));
  h.members.push_back(Person(Id("41032920150101002"), "张小明", "child"));
  Dies(&h.members[1], "2024-07-15");
  NoticeAddressee to = ChooseAddressee(h, Date::FromYmd(2026, 11, 30));
  EXPECT_EQ(to.head_name, "张三");
  EXPECT_EQ(to.name, "张三");
  EXPECT_EQ(to.relation, "head");
}

TEST(NoticeAddressee, DeadHeadGoesToTheNextLivingAdultNeverTheDead) {
  Household h;
  h.members.push_back(Person(Id("41032919500101003"), "张三", "head"));
  h.members.push_back(Person(Id("41032920150101002"), "张小明", "grandchild"));
  h.members.push_back(Person(Id("41032919780101004"), "张大", "child"));
  h.members.push_back(Person(Id("41032919820101001"), "张二", "child"));
  h.members.push_back(Person(Id("41032919520101002"), "王梅", "spouse"));
  Dies(&h.members[0], "2024-07-15");
  Dies(&h.members[4], "2025-01-02");  // the spouse died too
  NoticeAddressee to = ChooseAddressee(h, Date::FromYmd(2026, 11, 30));
  EXPECT_EQ(to.head_name, "张三");  // named as the head, not written to
  EXPECT_EQ(to.name, "张大");       // the elder child; not the 11-year-old
  EXPECT_EQ(to.relation, "child");
  // A death after the as-of date is not yet known to the run.
  NoticeAddressee before = ChooseAddressee(h, Date::FromYmd(2024, 7, 1));
  EXPECT_EQ(before.name, "张三");
}

// An incremental run reuses the flags of a case it does not check again,
// without reading its members' records: the DECEASED flag alone says who
// died.
TEST(NoticeAddressee, DeceasedFlagWithoutRecordsStillRulesOutTheDead) {
  Household h;
  h.members.push_back(Person(Id("41032919500101003"), "张三", "head"));
  h.members.push_back(Person(Id("41032919780101004"), "张大", "child"));
  Flag died;
  died.rule = "DECEASED";
  died.member = 0;
  NoticeAddressee to = ChooseAddressee(h, Date::FromYmd(2026, 11, 30), {died});
  EXPECT_EQ(to.name, "张大");
  Flag moved;
  moved.rule = "MOVED";
  moved.member = 1;
  h.members.push_back(Person(Id("41032919820101001"), "张二", "child"));
  to = ChooseAddressee(h, Date::FromYmd(2026, 11, 30), {died, moved});
  EXPECT_EQ(to.name, "张二");  // the one still at home, though younger
}

TEST(NoticeAddressee, NobodyLivingAndAdult) {
  Household h;
  h.members.push_back(Person(Id("41032919500101003"), "张三", "head"));
  h.members.push_back(Person(Id("41032920150101002"), "张小明", "grandchild"));
  Dies(&h.members[0], "2024-07-15");
  NoticeAddressee to = ChooseAddressee(h, Date::FromYmd(2026, 11, 30));
  EXPECT_TRUE(to.name.empty());
  EXPECT_EQ(to.head_name, "张三");
}

}  // namespace
}  // namespace hedui
