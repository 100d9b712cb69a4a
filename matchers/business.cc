// BUSINESS 经商: a member is, in a role the rules count (legal
// representative, shareholder), in a company that is active (存续) with a
// registered capital strictly above the rules' threshold (a blank capital
// is 0). Deregistered and revoked companies never count: the export is a
// snapshot of today's register. The condition begins on the company's
// registration date (without one, the case's enrolment date); a company
// registered after the as-of date does not count. The whole case is at
// stake, as for VEHICLE.
#include <fmt/format.h>

#include <algorithm>

#include "matchers/case_money.h"
#include "hedui/matcher.h"

namespace hedui {

namespace {

class BusinessMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "BUSINESS"; }
  int Version() const override { return 1; }
  std::vector<FeedKind> Needs() const override { return {FeedKind::kBusiness}; }
  bool Enabled(const Rules& rules) const override {
    return rules.business_enabled;
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const Rules& rules = *context.rules;
    for (size_t i = 0; i < household.members.size(); ++i) {
      std::optional<Date> since;
      std::vector<SourceRecord> evidence;
      std::string companies;
      for (const SourceRecord& r :
           household.members[i]
               .feeds[static_cast<size_t>(FeedKind::kBusiness)]) {
        if (r.field(field::kBizStatus) != "active") continue;
        const std::string& role = r.field(field::kBizRole);
        if (std::find(rules.business_roles.begin(), rules.business_roles.end(),
                      role) == rules.business_roles.end()) {
          continue;
        }
        int64_t capital = FieldFen(r.field(field::kBizCapital));
        if (capital <= rules.business_capital_threshold_fen) continue;
        std::optional<Date> registered =
            FieldDate(r.field(field::kBizRegisteredOn));
        if (registered && *registered > context.as_of) continue;
        Date d = registered ? *registered
                            : (household.has_enrolled_on ? household.enrolled_on
                                                         : context.as_of);
        if (!since || d < *since) since = d;
        companies += fmt::format("{}{} ({}, capital {}, registered {})",
                                 companies.empty() ? "" : "; ",
                                 r.field(field::kBizCompany), role,
                                 FormatFen(capital), d.ToString());
        evidence.push_back(r);
      }
      if (!since) continue;
      Flag flag;
      flag.rule = Name();
      flag.matcher_version = Version();
      flag.member = i;
      flag.since = *since;
      flag.scope = FlagScope::kCase;
      SetCaseMoney(household, FirstAffectedMonth(household, *since),
                   context.as_of, &flag);
      flag.reason = "active company: " + companies;
      std::string roles;
      for (const std::string& r : rules.business_roles)
        roles += (roles.empty() ? "\"" : ",\"") + r + "\"";
      flag.params =
          fmt::format("{{\"capital_threshold\":\"{}\",\"roles\":[{}]}}",
                      FormatFen(rules.business_capital_threshold_fen), roles);
      flag.evidence = std::move(evidence);
      flags->push_back(std::move(flag));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewBusinessMatcher() {
  return std::make_unique<BusinessMatcher>();
}

}  // namespace hedui
