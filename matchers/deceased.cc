// DECEASED 死亡仍领: a member with a death record, or a population status
// 死亡, dated on or before the as-of date. The member's share is at stake
// while others remain; once no member is left, the whole case is, and that
// money is put on the flag of the member who died last.
#include <fmt/format.h>

#include <algorithm>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

class DeceasedMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "DECEASED"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "deceased"; }
  std::vector<FeedKind> Needs() const override {
    return {FeedKind::kDeath, FeedKind::kPopulation};
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const size_t n = household.members.size();
    std::vector<std::optional<Date>> death(n);
    std::vector<std::vector<SourceRecord>> evidence(n);
    std::vector<std::string> source(n);  // the earliest record's, in words
    for (size_t i = 0; i < n; ++i) {
      const Member& member = household.members[i];
      for (const SourceRecord& r :
           member.feeds[static_cast<size_t>(FeedKind::kDeath)]) {
        std::optional<Date> d = FieldDate(r.field(field::kDeathDate));
        if (!d || *d > context.as_of) continue;
        evidence[i].push_back(r);
        if (!death[i] || *d < *death[i]) {
          death[i] = d;
          const std::string& from = r.field(field::kDeathSource);
          source[i] = from.empty() ? "死亡记录" : from + "记录";
        }
      }
      for (const SourceRecord& r :
           member.feeds[static_cast<size_t>(FeedKind::kPopulation)]) {
        if (r.field(field::kPopStatus) != "dead") continue;
        std::optional<Date> d = FieldDate(r.field(field::kPopStatusDate));
        if (!d || *d > context.as_of) continue;
        evidence[i].push_back(r);
        if (!death[i] || *d < *death[i]) {
          death[i] = d;
          source[i] = "户籍死亡登记";
        }
      }
    }
    std::vector<Flag> out(n);
    size_t last = n;
    bool everyone_dead = false;
    SetDepartureMoney(household, death, context.as_of, &out, &last,
                      &everyone_dead);
    const int64_t share =
        n ? household.monthly_fen / static_cast<int64_t>(n) : 0;
    for (size_t i = 0; i < n; ++i) {
      if (!death[i]) continue;
      Flag& flag = out[i];
      Stamp(i, *death[i], FlagScope::kMember, &flag);
      flag.reason =
          fmt::format("{} 死亡（{}）{}", death[i]->ToString(), source[i],
                      everyone_dead && i == last ? "；全户已无在世成员" : "");
      flag.params =
          fmt::format("{{\"members\":{},\"share_fen\":{}}}", n, share);
      flag.evidence = std::move(evidence[i]);
      flags->push_back(std::move(flag));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewDeceasedMatcher() {
  return std::make_unique<DeceasedMatcher>();
}

}  // namespace hedui
