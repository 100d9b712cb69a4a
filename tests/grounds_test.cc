// The grounds of issue 3 and the dated standards over hand-built
// households: each rule's boundary on both sides, a standard changing
// mid-period, a member leaving in the middle of a month.
#include <gtest/gtest.h>

#include <numeric>

#include "engine/base/toml_check.h"
#include "engine/check/cross_check.h"
#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "matchers/case_money.h"

namespace hedui {
namespace {

const Matcher& Get(std::string_view name) {
  for (const auto& m : AllMatchers()) {
    if (m->Name() == name) return *m;
  }
  ADD_FAILURE() << "no matcher " << name;
  return *AllMatchers().front();
}

SourceRecord Rec(FeedKind kind, std::vector<std::string> fields,
                 uint64_t id_body = 0) {
  SourceRecord r;
  r.kind = kind;
  r.key = RecordKey{id_body, 1, 1};
  r.fields = std::move(fields);
  r.fields.resize(GetFeedSpec(kind).fields.size());
  return r;
}

// Urban 720.00 until 2025-06, 780.00 from 2025-07-01; rural 6000/6700 a year.
Rules TestRules() {
  auto r = ParseRules(R"(
[[standard]]
zone = "urban"
monthly = 720.00
from = "2014-01-01"
[[standard]]
zone = "urban"
monthly = 780.00
from = "2025-07-01"
[[standard]]
zone = "rural"
yearly = 6000
from = "2014-01-01"
[[standard]]
zone = "rural"
yearly = 6700.00
from = 2025-07-01
[business]
capital_threshold = 50000.00
[public_pay]
pension_line = 1000.00
)",
                      "t.toml");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Rules();
}

// An urban case enrolled 2025-01-10 with `n` members, declared income 200.00,
// paid (720 − 200) × n: the amount before the raise.
Household MakeCase(size_t n) {
  Household h;
  h.case_id = "C1";
  h.zone = "urban";
  h.declared_income_fen = 20000;
  h.has_declared_income = true;
  h.monthly_fen = 52000 * static_cast<int64_t>(n);
  h.enrolled_on = Date::FromYmd(2025, 1, 10);
  h.has_enrolled_on = true;
  for (size_t i = 0; i < n; ++i) {
    Member m;
    m.id_body = 1000 + i;
    m.roll = Rec(FeedKind::kRoll,
                 {"C1", "id", "name", "", "", "", "", "urban", "二类", "200.00",
                  "", "2025-01-10", "622800"},
                 m.id_body);
    h.members.push_back(std::move(m));
  }
  return h;
}

const Date kAsOf = Date::FromYmd(2025, 12, 31);

std::vector<Flag> Check(std::string_view matcher, const Household& h,
                        const Rules& rules, Date as_of = kAsOf) {
  std::vector<Flag> flags;
  RunContext context{as_of, &rules};
  Get(matcher).Check(h, context, &flags);
  for (const Flag& f : flags) {
    int64_t sum = 0;
    for (const MonthMoney& m : f.months) sum += m.fen;
    EXPECT_EQ(sum, f.amount_fen)
        << matcher << ": the months add up to the amount";
    EXPECT_FALSE(f.evidence.empty()) << matcher;
  }
  return flags;
}

void Add(Household* h, size_t member, FeedKind kind,
         std::vector<std::string> fields) {
  h->members[member].feeds[static_cast<size_t>(kind)].push_back(
      Rec(kind, std::move(fields)));
}

// --- Rules file -----------------------------------------------------------

std::string Error(const std::string& text) {
  auto r = ParseRules(text, "r.toml");
  return r.ok() ? std::string("ok") : r.status().message();
}

TEST(StandardsTest, YearlyIsMonthlyRoundedHalfUpToTheFen) {
  Rules r = TestRules();
  ASSERT_EQ(r.standards["rural"].size(), 2u);
  EXPECT_EQ(r.standards["rural"][0].monthly_fen, 50000);
  EXPECT_EQ(r.standards["rural"][1].monthly_fen,
            55833);  // 6700 / 12 = 558.333…
  auto half = ParseRules(
      "[[standard]]\nzone = \"z\"\nyearly = 0.06\nfrom = \"2020-01-01\"\n",
      "r.toml");
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half->standards["z"][0].monthly_fen, 1);  // 0.5 fen rounds up
}

TEST(StandardsTest, InForceOnTheFirstDayOfTheMonth) {
  Rules r = TestRules();
  auto month = [](int y, int m) {
    return Date::FromYmd(y, m, 1).month_index();
  };
  EXPECT_EQ(r.StandardFor("urban", month(2025, 6))->monthly_fen, 72000);
  EXPECT_EQ(r.StandardFor("urban", month(2025, 7))->monthly_fen, 78000);
  EXPECT_EQ(r.StandardFor("urban", month(2013, 12)), nullptr);
  EXPECT_EQ(r.StandardFor("mountain", month(2025, 7)), nullptr);
  auto mid = ParseRules(
      "[[standard]]\nzone = \"z\"\nmonthly = 1\nfrom = \"2020-01-01\"\n"
      "[[standard]]\nzone = \"z\"\nmonthly = 2\nfrom = \"2020-03-15\"\n",
      "r.toml");
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->StandardFor("z", month(2020, 3))->monthly_fen,
            100);  // from mid-March: April on
  EXPECT_EQ(mid->StandardFor("z", month(2020, 4))->monthly_fen, 200);
}

TEST(StandardsTest, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(Error("[[standard]]\nzone = \"urban\"\nmonthly = 780\nfrom = "
                  "\"2025-07-01\"\n"
                  "[[standard]]\nzone = \"urban\"\nmonthly = 720\nfrom = "
                  "\"2024-01-01\"\n"),
            "r.toml:5: standard.from 2024-01-01 of zone 'urban' is before the "
            "entry on line 1 (2025-07-01): list each "
            "zone's standards in the order they took effect, one per date");
  EXPECT_NE(
      Error("[[standard]]\nzone = \"u\"\nmonthly = 1\nfrom = \"2025-07-01\"\n"
            "[[standard]]\nzone = \"u\"\nmonthly = 2\nfrom = \"2025-07-01\"\n")
          .find("the same date as the entry on line 1"),
      std::string::npos);
  EXPECT_EQ(Error("[[standard]]\nzone = \"u\"\nmonthly = -780\nfrom = "
                  "\"2025-07-01\"\n"),
            "r.toml:3: standard.monthly must not be negative (got -780)");
  EXPECT_NE(Error("[[standard]]\nzone = \"u\"\nmonthly = 1\nyearly = 12\nfrom "
                  "= \"2025-07-01\"\n")
                .find("exactly one"),
            std::string::npos);
  EXPECT_EQ(Error("[[standard]]\nzone = \"u\"\nmonthly = 1\nfrom = \"July\"\n"),
            "r.toml:4: standard.from must be a date such as \"2025-07-01\"");
  EXPECT_EQ(
      Error("[[standard]]\nzone = \"u\"\nmontly = 1\nfrom = \"2025-07-01\"\n")
          .substr(0, 30),
      "r.toml:3: unknown key 'montly'");
  EXPECT_EQ(Error("[assets]\nmonths = -3\n"),
            "r.toml:2: assets.months must not be negative (got -3)");
  EXPECT_EQ(Error("[business]\ncapital_threshold = \"50万\"\n"),
            "r.toml:2: business.capital_threshold must be an amount in 元 (a "
            "number such as 780.00)");
  EXPECT_NE(Error("[income]\npayroll_kinds = [\"salary\"]\n")
                .find("'salary' is not a kind code"),
            std::string::npos);
  EXPECT_NE(Error("[review]\nmonths = { \"一类\" = 0 }\n")
                .find("review.months.一类 must be a whole number"),
            std::string::npos);
}

// The demo file is the commented example a county copies: every ground of
// the matcher list has its section there, with every key it declares
// written out (every section is optional to the loader, so only this test
// notices a ground left out).
TEST(StandardsTest, DemoRulesFileHasEveryGround) {
  const std::string path =
      std::string(HEDUI_SOURCE_DIR) + "/configs/rules/demo.toml";
  StatusOr<std::string> text = ReadConfigFile(path, "rules file");
  ASSERT_TRUE(text.ok()) << text.status().message();
  StatusOr<toml::table> root = ParseTomlText(*text, path);
  ASSERT_TRUE(root.ok()) << root.status().message();
  for (const auto& m : AllMatchers()) {
    const toml::table* section = (*root)[m->Section()].as_table();
    ASSERT_NE(section, nullptr)
        << m->Name() << ": no [" << m->Section() << "] in demo.toml";
    EXPECT_TRUE(section->contains("enabled")) << m->Section();
    for (const RuleKey& k : m->RuleKeys()) {
      EXPECT_TRUE(section->contains(k.name))
          << m->Section() << "." << k.name << " is not in demo.toml";
    }
  }
}

// --- UNDERPAID -------------------------------------------------------------

TEST(UnderpaidTest, StandardRaisedMidPeriodAndNeverAdjusted) {
  Rules rules = TestRules();
  Household h =
      MakeCase(2);  // paid 1040.00; due from July (780 − 200) × 2 = 1160.00
  auto flags = Check("UNDERPAID", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 7, 1));
  EXPECT_EQ(flags[0].amount_fen, 6 * 12000);  // July..December
  EXPECT_EQ(flags[0].months.size(), 6u);
  EXPECT_EQ(flags[0].scope, FlagScope::kCase);
  h.monthly_fen = 116000;  // adjusted correctly after the raise
  EXPECT_TRUE(Check("UNDERPAID", h, rules).empty());
  h.monthly_fen = 116000 - 1;  // one fen short
  flags = Check("UNDERPAID", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 6);
  h.has_declared_income = false;  // not computed
  EXPECT_TRUE(Check("UNDERPAID", h, rules).empty());
}

// --- INCOME ----------------------------------------------------------------

void AddTax(Household* h, size_t member, const std::string& period,
            const std::string& amount) {
  Add(h, member, FeedKind::kTax, {"id", period, "wage", amount});
}

TEST(IncomeTest, PerCapitaIncomeAtTheStandardIsNotOverOneFenMoreIs) {
  Rules rules = TestRules();
  Household h = MakeCase(2);
  AddTax(&h, 0, "2025-03", "1000.00");
  AddTax(&h, 1, "2025-03", "440.00");  // 1440.00 = 720.00 × 2: at the line
  EXPECT_TRUE(Check("INCOME", h, rules).empty());
  AddTax(&h, 1, "2025-03", "0.01");
  auto flags = Check("INCOME", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].member, 0u);  // the higher earner that month
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 3, 1));
  EXPECT_EQ(flags[0].amount_fen, 9 * 104000);  // April..December, whole case
}

TEST(IncomeTest, StandardChangingMidPeriod) {
  Rules rules = TestRules();
  Household h = MakeCase(1);
  // 750.00 a month: over 720 in June, under 780 from July.
  AddTax(&h, 0, "2025-07", "750.00");
  AddTax(&h, 0, "2025-08", "750.00");
  EXPECT_TRUE(Check("INCOME", h, rules).empty());
  AddTax(&h, 0, "2025-06", "750.00");
  auto flags = Check("INCOME", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 6, 1));
  EXPECT_NE(
      flags[0].reason.find("in 1 month(s): 2025-06 750.00 > 720.00 (+30.00)"),
      std::string::npos);
  // Before enrolment and after the as-of month nothing counts.
  Household g = MakeCase(1);
  AddTax(&g, 0, "2024-12", "9000.00");
  AddTax(&g, 0, "2026-01", "9000.00");
  EXPECT_TRUE(Check("INCOME", g, rules).empty());
}

TEST(IncomeTest, PayrollKindsAndWelfareJobDisregard) {
  Rules rules = TestRules();
  Household h = MakeCase(1);
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "城管局", "public_welfare_job", "800.00", "2025-09"});
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "公积金", "housing_fund", "900.00", "2025-09"});
  ASSERT_EQ(Check("INCOME", h, rules).size(), 1u);  // 800 > 780
  // 780.00 counted: at the line.
  rules.grounds["income"].Set("welfare_job_disregard", int64_t{2000});
  EXPECT_TRUE(Check("INCOME", h, rules).empty());
}

// --- ASSETS ----------------------------------------------------------------

TEST(AssetsTest, ExactlyAtTheThresholdIsAllowed) {
  Rules rules = TestRules();
  Household h = MakeCase(2);
  // 24 × 720.00 × 2 = 34560.00 in March 2025.
  Add(&h, 0, FeedKind::kBank, {"id", "农行", "A1", "20000.00", "2025-03-10"});
  Add(&h, 1, FeedKind::kBank, {"id", "邮储", "B1", "14560.00", "2025-03-10"});
  EXPECT_TRUE(Check("ASSETS", h, rules).empty());
  Add(&h, 1, FeedKind::kBank,
      {"id", "邮储", "B1", "14560.01",
       "2025-04-02"});  // the same account, later
  auto flags = Check("ASSETS", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 4, 2));
  EXPECT_EQ(flags[0].member, 0u);
  EXPECT_EQ(flags[0].amount_fen, 8 * 104000);  // May..December
}

TEST(AssetsTest, ThresholdFollowsTheStandardOfTheBalanceDate) {
  Rules rules = TestRules();
  Household h = MakeCase(1);
  // 18720.00 = 24 × 780.00: at the line from July, over it in June.
  Add(&h, 0, FeedKind::kBank, {"id", "农行", "A1", "18720.00", "2025-07-20"});
  EXPECT_TRUE(Check("ASSETS", h, rules).empty());
  Add(&h, 0, FeedKind::kBank, {"id", "农行", "A2", "18720.00", "2025-06-30"});
  ASSERT_EQ(Check("ASSETS", h, rules).size(), 1u);
  EXPECT_EQ(Check("ASSETS", h, rules)[0].since, Date::FromYmd(2025, 6, 30));
}

// --- BUSINESS, PUBLIC_PAY ----------------------------------------------------

TEST(BusinessTest, CapitalAboveTheThresholdInAnActiveCompany) {
  Rules rules = TestRules();
  Household h = MakeCase(1);
  Add(&h, 0, FeedKind::kBusiness,
      {"id", "甲公司", "50000.00", "legal_rep", "active", "2025-05-05"});
  Add(&h, 0, FeedKind::kBusiness,
      {"id", "乙公司", "900000.00", "legal_rep", "deregistered", "2020-01-01"});
  Add(&h, 0, FeedKind::kBusiness,
      {"id", "丙公司", "900000.00", "other", "active", "2020-01-01"});
  EXPECT_TRUE(Check("BUSINESS", h, rules).empty());
  Add(&h, 0, FeedKind::kBusiness,
      {"id", "丁公司", "50000.01", "shareholder", "active", "2025-05-05"});
  auto flags = Check("BUSINESS", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 7 * 52000);  // June..December
}

TEST(PublicPayTest, PensionLineWelfareJobAndPayroll) {
  Rules rules = TestRules();
  Household h = MakeCase(1);
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "社保", "pension", "1000.00", "2025-02"});
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "县财政", "public_payroll", "4000.00", "2026-01"});  // after as-of
  EXPECT_TRUE(Check("PUBLIC_PAY", h, rules).empty());
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "社保", "pension", "1000.01", "2025-10"});
  ASSERT_EQ(Check("PUBLIC_PAY", h, rules).size(), 1u);
  Add(&h, 0, FeedKind::kPayroll,
      {"id", "城管局", "public_welfare_job", "1800.00", "2025-08"});
  auto flags = Check("PUBLIC_PAY", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 8, 1));
  EXPECT_EQ(flags[0].amount_fen, 4 * 52000);  // September..December
  rules.grounds["public_pay"].Set("welfare_job_counts", false);
  EXPECT_EQ(Check("PUBLIC_PAY", h, rules)[0].since, Date::FromYmd(2025, 10, 1));
}

// --- MOVED, DECEASED in the middle of a month --------------------------------

TEST(MovedTest, MovingOutMidMonthCostsTheShareFromTheNextMonth) {
  Rules rules = TestRules();
  Household h = MakeCase(2);
  Add(&h, 1, FeedKind::kMigration,
      {"id", "married", "2025-03-01", ""});  // married, stayed
  Add(&h, 1, FeedKind::kMigration, {"id", "moved_in", "2025-03-01", ""});
  EXPECT_TRUE(Check("MOVED", h, rules).empty());
  Add(&h, 1, FeedKind::kMigration, {"id", "married_out", "2025-09-15", "郑州"});
  auto flags = Check("MOVED", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 3 * 52000);  // October..December, share 520.00
  EXPECT_EQ(flags[0].scope, FlagScope::kMember);
  // The other member goes to prison in November: nobody left from December.
  Add(&h, 0, FeedKind::kPopulation,
      {"id", "", "", "", "", "", "", "", "", "", "imprisoned", "2025-11-20"});
  flags = Check("MOVED", h, rules);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].amount_fen,
            1 * 104000);  // December, whole case: the last to leave
  EXPECT_EQ(flags[1].amount_fen, 2 * 52000);  // October, November: share
  rules.grounds["moved"].Set("imprisoned_counts", false);
  EXPECT_EQ(Check("MOVED", h, rules).size(), 1u);
}

TEST(DeceasedMidMonthTest, DyingOnTheFifteenthStopsTheShareFromTheNextMonth) {
  Rules rules = TestRules();
  Household h = MakeCase(2);
  Add(&h, 0, FeedKind::kDeath, {"id", "name", "2025-06-15", "殡葬"});
  auto flags = Check("DECEASED", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 6 * 52000);  // July..December
  EXPECT_EQ(flags[0].months.front().month,
            Date::FromYmd(2025, 7, 1).month_index());
}

// --- DUPLICATE, PAYMENT
// ---------------------------------------------------------

TEST(DuplicateTest, TheLaterCaseIsFlagged) {
  Rules rules = TestRules();
  Household h = MakeCase(2);
  h.members[1].other_cases.push_back(Rec(
      FeedKind::kRoll,
      {"C0", "id", "n", "", "", "", "", "urban", "", "", "", "2024-05-01"}));
  auto flags = Check("DUPLICATE", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].member, 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2025, 1, 10));
  EXPECT_EQ(flags[0].amount_fen, 12 * 52000);  // January..December, the share
  h.members[1].other_cases[0].fields[field::kRollEnrolledOn] = "2025-01-10";
  h.members[1].other_cases[0].fields[field::kRollCaseId] =
      "C2";  // same day, larger case_id: C1 is first
  EXPECT_TRUE(Check("DUPLICATE", h, rules).empty());
}

TEST(PaymentTest, SomeoneElsesAccountOrSharedWithAnEarlierCase) {
  Rules rules = TestRules();
  Household h = MakeCase(2);
  h.bank_account = "622800";
  EXPECT_TRUE(
      Check("PAYMENT", h, rules).empty());  // the bank feed does not know it
  h.account_holders.push_back(Rec(
      FeedKind::kBank, {"id", "农行", "622800", "10.00"}, 1001));  // a member's
  EXPECT_TRUE(Check("PAYMENT", h, rules).empty());
  h.account_holders[0].key.id_body = 5555;  // someone else's
  auto flags = Check("PAYMENT", h, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 12 * 104000);  // from the enrolment month
  h.account_holders.clear();
  h.account_other_cases.push_back(Rec(
      FeedKind::kRoll,
      {"C9", "id", "n", "", "", "", "", "urban", "", "", "", "2026-01-01"}));
  EXPECT_TRUE(Check("PAYMENT", h, rules).empty());  // the other case came later
  h.account_other_cases[0].fields[field::kRollEnrolledOn] = "2020-01-01";
  EXPECT_EQ(Check("PAYMENT", h, rules).size(), 1u);
}

// --- Re-review cadence ------------------------------------------------------

TEST(ReviewTest, DueOnMultiplesOfTheCadenceSinceEnrolment) {
  Rules rules = TestRules();
  std::vector<Household> cases(4, MakeCase(1));
  cases[0].category =
      "一类";  // enrolled 2025-01: due every 6 months, July, January
  cases[1].category = "二类";  // every 3 months: April, July, October
  cases[2].category = "三类";  // every month
  cases[3].category = "五保";  // no cadence
  std::vector<std::string> notes;
  auto due = ReviewsDue(cases, rules, Date::FromYmd(2025, 7, 31), &notes);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].every_months, 6);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("1 case(s) of category '五保'"), std::string::npos);
  notes.clear();
  due = ReviewsDue(cases, rules, Date::FromYmd(2025, 8, 31), &notes);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].household, 2u);
  due = ReviewsDue(cases, rules, Date::FromYmd(2025, 1, 31),
                   &notes);  // the enrolment month itself
  EXPECT_TRUE(due.empty());
}

// --- What the run builds across cases ----------------------------------------

// The driver builds what the enabled grounds ask for, and nothing for a
// ground that is switched off.
TEST(CrossCaseNeedsTest, TheEnabledGroundsDecide) {
  Rules rules = TestRules();
  CrossCaseNeeds all = EnabledCrossCaseNeeds(rules);
  EXPECT_TRUE(all.person_other_cases);
  EXPECT_TRUE(all.account_other_cases);
  EXPECT_TRUE(all.account_holders);
  EXPECT_TRUE(all.family_ties);
  EXPECT_TRUE(all.cadre_ties);
  EXPECT_EQ(all.generic_max_cases, 3);

  auto r = ParseRules(
      "[split]\ngeneric_max_cases = 7\n[cadre_kin]\nenabled = false\n"
      "[payment]\nenabled = false\n",
      "r.toml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  CrossCaseNeeds some = EnabledCrossCaseNeeds(*r);
  EXPECT_TRUE(some.person_other_cases);
  EXPECT_FALSE(some.account_other_cases);
  EXPECT_FALSE(some.account_holders);
  EXPECT_TRUE(some.family_ties);
  EXPECT_FALSE(some.cadre_ties);
  EXPECT_EQ(some.generic_max_cases, 7);

  for (auto& [section, values] : rules.grounds) values.Set("enabled", false);
  CrossCaseNeeds none = EnabledCrossCaseNeeds(rules);
  EXPECT_FALSE(none.person_other_cases || none.account_other_cases ||
               none.account_holders || none.family_ties || none.cadre_ties);
}

// Notes about the cases come from the enabled grounds: UNDERPAID's about a
// roll without declared incomes, and the zones without a standard name the
// grounds that use standards.
TEST(CrossCaseNeedsTest, CaseNotesComeFromTheEnabledGrounds) {
  Rules rules = TestRules();
  std::vector<Household> cases(2, MakeCase(1));
  cases[0].has_declared_income = false;
  cases[1].zone = "mountain";
  std::vector<std::string> notes;
  CaseNotes(cases, rules, kAsOf, &notes);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0],
            "UNDERPAID not computed for 1 of 2 cases: the roll carries no "
            "declared_income (家庭月人均收入)");
  EXPECT_EQ(notes[1],
            "1 case(s) of zone 'mountain' have no standard in t.toml: INCOME, "
            "ASSETS and UNDERPAID skip them");
  rules.grounds["underpaid"].Set("enabled", false);
  rules.grounds["assets"].Set("enabled", false);
  notes.clear();
  CaseNotes(cases, rules, kAsOf, &notes);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0],
            "1 case(s) of zone 'mountain' have no standard in t.toml: INCOME "
            "skips them");
}

}  // namespace
}  // namespace hedui
