// ASSETS 存款超标: the household's deposits exceed `assets.months` months of
// the standard per member. Deposits on a date D are, for every account of
// every member, its latest balance dated on or before D (a balance without
// a date counts as of the as-of date); they are evaluated on every balance
// date up to the as-of date, against the standard of the case's zone in
// force in D's month × months × members. Strictly above flags; exactly at
// the threshold does not. The condition begins on the first such D; the
// whole case's payments from the month after are at stake. The flag names
// the member holding the most on that date.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// Its keys in the rules file, declared and read by these names.
constexpr std::string_view kMonths = "months";

class AssetsMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "ASSETS"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "assets"; }
  std::vector<FeedKind> Needs() const override { return {FeedKind::kBank}; }
  std::vector<RuleKey> RuleKeys() const override {
    // Up to a century of the standard: a product with the standard and the
    // members that cannot overflow.
    return {RuleKey::Count(kMonths, 24, 0, 1200)};
  }
  bool UsesStandards() const override { return true; }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const Rules& rules = *context.rules;
    const int64_t months = Params(rules).Int(kMonths);
    const size_t n = household.members.size();
    struct Balance {
      Date date;
      const SourceRecord* record;
      size_t member;
    };
    // account (member, institution, account) → balances in date order.
    std::map<std::tuple<size_t, std::string, std::string>, std::vector<Balance>>
        accounts;
    std::vector<Date> dates;
    for (size_t i = 0; i < n; ++i) {
      for (const SourceRecord& r :
           household.members[i].feeds[static_cast<size_t>(FeedKind::kBank)]) {
        std::optional<Date> d = FieldDate(r.field(field::kBankAsOf));
        Date date = d ? *d : context.as_of;
        if (date > context.as_of) continue;
        std::string account = r.field(field::kBankAccount);
        if (account.empty())
          account = fmt::format("#{}:{}", r.key.batch, r.key.line);
        accounts[{i, r.field(field::kBankInstitution), account}].push_back(
            {date, &r, i});
        dates.push_back(date);
      }
    }
    if (accounts.empty()) return;
    for (auto& [key, list] : accounts) {
      // Same date: the later record (batch, line) wins.
      std::stable_sort(
          list.begin(), list.end(),
          [](const Balance& a, const Balance& b) { return a.date < b.date; });
    }
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    for (Date d : dates) {
      const Standard* s = rules.StandardFor(household.zone, d.month_index());
      if (s == nullptr) continue;
      const int64_t threshold =
          s->monthly_fen * months * static_cast<int64_t>(n);
      int64_t total = 0;
      std::vector<int64_t> held(n);
      std::vector<const SourceRecord*> counted;
      for (const auto& [key, list] : accounts) {
        const Balance* latest = nullptr;
        for (const Balance& b : list) {
          if (b.date <= d) latest = &b;
        }
        if (latest == nullptr) continue;
        int64_t fen = FieldFen(latest->record->field(field::kBankBalance));
        total += fen;
        held[latest->member] += fen;
        counted.push_back(latest->record);
      }
      if (total <= threshold) continue;
      Flag flag;
      Stamp(static_cast<size_t>(std::max_element(held.begin(), held.end()) -
                                held.begin()),
            d, FlagScope::kCase, &flag);
      SetCaseMoney(household, FirstAffectedMonth(household, d), context.as_of,
                   &flag);
      flag.reason = fmt::format(
          "{1} 存款合计 {0} 元，超过限额 {5} 元（{2} 个月 × 标准 {3} 元 × "
          "{4} 人）",
          FormatFen(total), d.ToString(), months, FormatFen(s->monthly_fen), n,
          FormatFen(threshold));
      flag.params = fmt::format(
          "{{\"months\":{},\"zone\":\"{}\",\"standard\":\"{}\",\"members\":{}}"
          "}",
          months, household.zone, FormatFen(s->monthly_fen), n);
      for (const SourceRecord* r : counted) flag.evidence.push_back(*r);
      flags->push_back(std::move(flag));
      return;
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewAssetsMatcher() {
  return std::make_unique<AssetsMatcher>();
}

}  // namespace hedui
