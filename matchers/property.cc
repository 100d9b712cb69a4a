// PROPERTY 有房: the case's members together hold more dwellings than the
// rules allow, or a member holds commercial property, or bought a dwelling
// after the case was enrolled. Co-owners count (a title shared by two
// members counts once); cancelled titles do not. The whole case is at stake.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// Its keys in the rules file, declared and read by these names.
constexpr std::string_view kDwellingsAllowed = "dwellings_allowed";
constexpr std::string_view kCommercialCounts = "commercial_counts";
constexpr std::string_view kBoughtAfterEnrolmentCounts =
    "bought_after_enrolment_counts";

class PropertyMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "PROPERTY"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "property"; }
  std::vector<FeedKind> Needs() const override { return {FeedKind::kProperty}; }
  std::vector<RuleKey> RuleKeys() const override {
    return {RuleKey::Count(kDwellingsAllowed, 1, 0, 1000000),
            RuleKey::Bool(kCommercialCounts, true),
            RuleKey::Bool(kBoughtAfterEnrolmentCounts, true)};
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const RuleValues& params = Params(*context.rules);
    const bool commercial_counts = params.Bool(kCommercialCounts);
    const bool bought_after_counts = params.Bool(kBoughtAfterEnrolmentCounts);
    const size_t kProp = static_cast<size_t>(FeedKind::kProperty);
    auto counts = [&](const SourceRecord& r, Date* registered) {
      if (r.field(field::kPropStatus) != "active") return false;
      std::optional<Date> d = FieldDate(r.field(field::kPropRegisteredOn));
      if (d && *d > context.as_of) return false;
      *registered = d ? *d
                      : (household.has_enrolled_on ? household.enrolled_on
                                                   : context.as_of);
      return true;
    };
    // The case's dwellings: distinct certificates, earliest registration.
    std::map<std::string, Date> dwellings;
    for (const Member& m : household.members) {
      for (const SourceRecord& r : m.feeds[kProp]) {
        Date d;
        if (!counts(r, &d) || r.field(field::kPropUse) != "residential")
          continue;
        auto [it, inserted] =
            dwellings.emplace(r.field(field::kPropCertificate), d);
        if (!inserted && d < it->second) it->second = d;
      }
    }
    std::optional<Date> over_limit;
    const size_t allowed = static_cast<size_t>(
        params.Int(kDwellingsAllowed));  // ≥ 0: checked on load
    if (dwellings.size() > allowed) {
      std::vector<std::pair<Date, std::string>> ordered;
      for (const auto& [cert, d] : dwellings) ordered.emplace_back(d, cert);
      std::sort(ordered.begin(), ordered.end());
      over_limit = ordered[allowed].first;
    }
    for (size_t i = 0; i < household.members.size(); ++i) {
      std::optional<Date> since;
      std::vector<std::string> reasons;
      std::vector<SourceRecord> evidence;
      auto consider = [&](Date d) {
        if (!since || d < *since) since = d;
      };
      for (const SourceRecord& r : household.members[i].feeds[kProp]) {
        Date d;
        if (!counts(r, &d)) continue;
        const std::string& use = r.field(field::kPropUse);
        bool relevant = false;
        if (use == "commercial" && commercial_counts) {
          consider(d);
          reasons.push_back(fmt::format("商业用房 {}，登记于 {}",
                                        r.field(field::kPropCertificate),
                                        d.ToString()));
          relevant = true;
        }
        if (use == "residential") {
          if (bought_after_counts && household.has_enrolled_on &&
              d > household.enrolled_on) {
            consider(d);
            reasons.push_back(
                fmt::format("住房 {} 于 {} 登记，晚于纳入低保日期 {}",
                            r.field(field::kPropCertificate), d.ToString(),
                            household.enrolled_on.ToString()));
            relevant = true;
          }
          if (over_limit) {
            consider(*over_limit);
            relevant = true;
          }
        }
        if (relevant) evidence.push_back(r);
      }
      if (!since) continue;
      if (over_limit) {
        reasons.push_back(fmt::format("全户自 {2} 起有住房 {0} 套（限 {1} 套）",
                                      dwellings.size(), allowed,
                                      over_limit->ToString()));
      }
      Flag flag;
      Stamp(i, *since, FlagScope::kCase, &flag);
      SetCaseMoney(household, FirstAffectedMonth(household, *since),
                   context.as_of, &flag);
      std::string reason;
      for (const std::string& r : reasons)
        reason += (reason.empty() ? "" : "；") + r;
      flag.reason = std::move(reason);
      flag.params = fmt::format(
          "{{\"dwellings_allowed\":{},\"commercial_counts\":{},\"bought_after_"
          "enrolment_counts\":{}}}",
          allowed, commercial_counts, bought_after_counts);
      flag.evidence = std::move(evidence);
      flags->push_back(std::move(flag));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewPropertyMatcher() {
  return std::make_unique<PropertyMatcher>();
}

}  // namespace hedui
