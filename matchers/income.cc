// INCOME 收入超标: in some month from the enrolment month through the as-of
// month, the household's income found in the feeds, divided by its members,
// is above the standard of its zone in force in that month. A month's
// income is every tax record of that period plus the payroll records of
// that period whose kind the rules count (a public-welfare job wage less the
// rules' disregard, never below zero). Income strictly above standard ×
// members flags; equal does not. Months without a standard are skipped.
// The condition begins on the first day of the first month over the line;
// the whole case's payments from the month after through the as-of month
// are at stake. The flag names the member with the highest income in that
// month and lists every month over the line with the excess.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// Its keys in the rules file, declared and read by these names.
constexpr std::string_view kPayrollKinds = "payroll_kinds";
constexpr std::string_view kWelfareJobDisregard = "welfare_job_disregard";

class IncomeMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "INCOME"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "income"; }
  std::vector<FeedKind> Needs() const override {
    return {FeedKind::kTax, FeedKind::kPayroll};
  }
  std::vector<RuleKey> RuleKeys() const override {
    return {RuleKey::Codes(kPayrollKinds, FeedKind::kPayroll, field::kPayKind,
                           {"public_payroll", "public_welfare_job", "pension"}),
            RuleKey::Amount(kWelfareJobDisregard, 0)};
  }
  bool UsesStandards() const override { return true; }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const Rules& rules = *context.rules;
    const RuleValues& params = Params(rules);
    const std::vector<std::string>& payroll_kinds = params.Codes(kPayrollKinds);
    const int64_t disregard_fen = params.Int(kWelfareJobDisregard);
    const size_t n = household.members.size();
    if (n == 0) return;
    const int first = household.has_enrolled_on
                          ? household.enrolled_on.month_index()
                          : INT32_MIN;
    const int last = context.as_of.month_index();
    // month → per member income, and the records behind it.
    std::map<int, std::vector<int64_t>> income;
    std::map<int, std::vector<const SourceRecord*>> records;
    for (size_t i = 0; i < n; ++i) {
      const Member& member = household.members[i];
      for (const SourceRecord& r :
           member.feeds[static_cast<size_t>(FeedKind::kTax)]) {
        std::optional<int> m = FieldMonth(r.field(field::kTaxPeriod));
        if (!m || *m < first || *m > last) continue;
        auto& v = income[*m];
        v.resize(n);
        v[i] += FieldFen(r.field(field::kTaxAmount));
        records[*m].push_back(&r);
      }
      for (const SourceRecord& r :
           member.feeds[static_cast<size_t>(FeedKind::kPayroll)]) {
        const std::string& kind = r.field(field::kPayKind);
        if (std::find(payroll_kinds.begin(), payroll_kinds.end(), kind) ==
            payroll_kinds.end()) {
          continue;
        }
        std::optional<int> m = FieldMonth(r.field(field::kPayPeriod));
        if (!m || *m < first || *m > last) continue;
        int64_t fen = FieldFen(r.field(field::kPayMonthlyAmount));
        if (kind == "public_welfare_job")
          fen = std::max<int64_t>(0, fen - disregard_fen);
        auto& v = income[*m];
        v.resize(n);
        v[i] += fen;
        records[*m].push_back(&r);
      }
    }
    Flag flag;
    std::string over;
    int over_months = 0;
    for (const auto& [m, per_member] : income) {
      const Standard* s = rules.StandardFor(household.zone, m);
      if (s == nullptr) continue;
      int64_t total = 0;
      for (int64_t v : per_member) total += v;
      const int64_t line = s->monthly_fen * static_cast<int64_t>(n);
      if (total <= line) continue;
      if (over_months++ == 0) {
        flag.since = MonthStart(m);
        flag.member = static_cast<size_t>(
            std::max_element(per_member.begin(), per_member.end()) -
            per_member.begin());
      }
      for (const SourceRecord* r : records[m]) flag.evidence.push_back(*r);
      // Per capita to the fen, rounded down; the comparison above is exact.
      over += fmt::format("{}{} 人均 {} 元，高于标准 {} 元（超出 {} 元）",
                          over.empty() ? "" : "；", MonthName(m),
                          FormatFen(total / static_cast<int64_t>(n)),
                          FormatFen(s->monthly_fen),
                          FormatFen((total - line) / static_cast<int64_t>(n)));
    }
    if (over_months == 0) return;
    Stamp(flag.member, flag.since, FlagScope::kCase, &flag);
    SetCaseMoney(household, FirstAffectedMonth(household, flag.since),
                 context.as_of, &flag);
    flag.reason =
        fmt::format("据税务和工资数据，家庭人均收入有 {} 个月高于低保标准：{}",
                    over_months, over);
    flag.params = fmt::format(
        "{{\"zone\":\"{}\",\"members\":{},\"payroll_kinds\":{},\"welfare_job_"
        "disregard\":\"{}\"}}",
        household.zone, n, JsonCodes(payroll_kinds), FormatFen(disregard_fen));
    flags->push_back(std::move(flag));
  }
};

}  // namespace

std::unique_ptr<Matcher> NewIncomeMatcher() {
  return std::make_unique<IncomeMatcher>();
}

}  // namespace hedui
