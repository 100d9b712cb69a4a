// UNDERPAID 少发: the case is paid less than the top-up rule gives
// (DOMAIN.md §1): due = (standard in force − declared per-capita income) ×
// members, for each month from the enrolment month through the as-of month,
// with the standard of the case's zone in force in that month. The roll
// carries only the current monthly amount, which is taken as what was paid
// in every month. Typically a standard was raised and the case was never
// adjusted (003_e17af244c26142d9.txt: 施保标准不规范). The amount is the sum
// of the monthly shortfalls, from the first short month (this ground has no
// "month after": the shortfall is in the month itself). Cases without a
// declared income are not computed (the run notes it once).
#include <fmt/format.h>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

class UnderpaidMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "UNDERPAID"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "underpaid"; }
  std::vector<FeedKind> Needs() const override { return {}; }
  bool UsesStandards() const override { return true; }
  void AddRunNotes(const std::vector<Household>& households,
                   std::vector<std::string>* notes) const override {
    size_t no_income = 0;
    for (const Household& h : households) no_income += !h.has_declared_income;
    if (no_income == 0) return;
    notes->push_back(
        fmt::format("{} not computed for {} of {} cases: the roll "
                    "carries no declared_income (家庭月人均收入)",
                    Name(), no_income, households.size()));
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    if (!household.has_declared_income || household.members.empty()) return;
    const int64_t n = static_cast<int64_t>(household.members.size());
    const int first = household.has_enrolled_on
                          ? household.enrolled_on.month_index()
                          : context.as_of.month_index();
    Flag flag;
    std::string standards;
    for (int m = first; m <= context.as_of.month_index(); ++m) {
      const Standard* s = context.rules->StandardFor(household.zone, m);
      if (s == nullptr) continue;
      int64_t per_capita =
          std::max<int64_t>(0, s->monthly_fen - household.declared_income_fen);
      int64_t due = per_capita * n;
      if (household.monthly_fen >= due) continue;
      if (flag.months.empty()) flag.since = MonthStart(m);
      int64_t short_fen = due - household.monthly_fen;
      flag.amount_fen += short_fen;
      flag.months.push_back(
          {m, short_fen,
           fmt::format("due ({} − {}) × {} = {}, paid {}",
                       FormatFen(s->monthly_fen),
                       FormatFen(household.declared_income_fen), n,
                       FormatFen(due), FormatFen(household.monthly_fen))});
      if (standards.find(s->from.ToString()) == std::string::npos) {
        standards += fmt::format("{}{{\"from\":\"{}\",\"monthly\":\"{}\"}}",
                                 standards.empty() ? "" : ",",
                                 s->from.ToString(), FormatFen(s->monthly_fen));
      }
    }
    if (flag.months.empty()) return;
    Stamp(0, flag.since, FlagScope::kCase, &flag);
    flag.reason = fmt::format(
        "每月发放 {0} 元，自 {3} 起 {2} 个月按补差规则共少发 {1} 元",
        FormatFen(household.monthly_fen), FormatFen(flag.amount_fen),
        flag.months.size(), MonthName(flag.months.front().month));
    flag.params = fmt::format(
        "{{\"zone\":\"{}\",\"declared_income\":\"{}\",\"members\":{},"
        "\"standards\":[{}]}}",
        household.zone, FormatFen(household.declared_income_fen), n, standards);
    flag.evidence.push_back(household.members[0].roll);
    flags->push_back(std::move(flag));
  }
};

}  // namespace

std::unique_ptr<Matcher> NewUnderpaidMatcher() {
  return std::make_unique<UnderpaidMatcher>();
}

}  // namespace hedui
