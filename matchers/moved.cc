// MOVED 迁出/出嫁: a member left the county or married out (migration feed
// events moved_out / married_out), or the population register gives status
// 迁出 (or 服刑, imprisoned, when the rules count it) with its date, on or
// before the as-of date. Money as for DECEASED: the member's share while
// others remain, the whole case once nobody is left (on the member who left
// last). Deaths are DECEASED's business and do not enter this count.
#include <fmt/format.h>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// Its keys in the rules file, declared and read by these names.
constexpr std::string_view kImprisonedCounts = "imprisoned_counts";

class MovedMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "MOVED"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "moved"; }
  std::vector<FeedKind> Needs() const override {
    return {FeedKind::kMigration, FeedKind::kPopulation};
  }
  std::vector<RuleKey> RuleKeys() const override {
    return {RuleKey::Bool(kImprisonedCounts, true)};
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const size_t n = household.members.size();
    const bool imprisoned_counts =
        Params(*context.rules).Bool(kImprisonedCounts);
    std::vector<std::optional<Date>> gone(n);
    std::vector<std::vector<SourceRecord>> evidence(n);
    std::vector<std::string> why(n);
    auto consider = [&](size_t i, Date d, const SourceRecord& r,
                        std::string what) {
      evidence[i].push_back(r);
      if (!gone[i] || d < *gone[i]) {
        gone[i] = d;
        why[i] = std::move(what);
      }
    };
    for (size_t i = 0; i < n; ++i) {
      const Member& member = household.members[i];
      for (const SourceRecord& r :
           member.feeds[static_cast<size_t>(FeedKind::kMigration)]) {
        const std::string& event = r.field(field::kMigEvent);
        if (event != "moved_out" && event != "married_out") continue;
        std::optional<Date> d = FieldDate(r.field(field::kMigEventDate));
        if (!d || *d > context.as_of) continue;
        consider(
            i, *d, r,
            fmt::format("{} {}{}{}",
                        event == "moved_out" ? "moved out" : "married out",
                        d->ToString(),
                        r.field(field::kMigDestination).empty() ? "" : " to ",
                        r.field(field::kMigDestination)));
      }
      for (const SourceRecord& r :
           member.feeds[static_cast<size_t>(FeedKind::kPopulation)]) {
        const std::string& status = r.field(field::kPopStatus);
        bool counts = status == "moved_out" ||
                      (status == "imprisoned" && imprisoned_counts);
        if (!counts) continue;
        std::optional<Date> d = FieldDate(r.field(field::kPopStatusDate));
        if (!d || *d > context.as_of) continue;
        consider(i, *d, r,
                 fmt::format("population register: {} since {}", status,
                             d->ToString()));
      }
    }
    std::vector<Flag> out(n);
    size_t last = n;
    bool everyone_gone = false;
    SetDepartureMoney(household, gone, context.as_of, &out, &last,
                      &everyone_gone);
    const int64_t share =
        n ? household.monthly_fen / static_cast<int64_t>(n) : 0;
    for (size_t i = 0; i < n; ++i) {
      if (!gone[i]) continue;
      Flag& flag = out[i];
      Stamp(i, *gone[i], FlagScope::kMember, &flag);
      flag.reason =
          why[i] +
          (everyone_gone && i == last ? "; no member of the case is left" : "");
      flag.params = fmt::format(
          "{{\"members\":{},\"share_fen\":{},\"imprisoned_counts\":{}}}", n,
          share, imprisoned_counts);
      flag.evidence = std::move(evidence[i]);
      flags->push_back(std::move(flag));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewMovedMatcher() {
  return std::make_unique<MovedMatcher>();
}

}  // namespace hedui
