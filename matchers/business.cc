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

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// Its keys in the rules file, declared and read by these names.
constexpr std::string_view kCapitalThreshold = "capital_threshold";
constexpr std::string_view kRoles = "roles";

class BusinessMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "BUSINESS"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "business"; }
  std::vector<FeedKind> Needs() const override { return {FeedKind::kBusiness}; }
  std::vector<RuleKey> RuleKeys() const override {
    return {RuleKey::Amount(kCapitalThreshold, 0),
            RuleKey::Codes(kRoles, FeedKind::kBusiness, field::kBizRole,
                           {"legal_rep", "shareholder"})};
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const RuleValues& params = Params(*context.rules);
    const std::vector<std::string>& roles = params.Codes(kRoles);
    const int64_t threshold_fen = params.Int(kCapitalThreshold);
    for (size_t i = 0; i < household.members.size(); ++i) {
      std::optional<Date> since;
      std::vector<SourceRecord> evidence;
      std::string companies;
      for (const SourceRecord& r :
           household.members[i]
               .feeds[static_cast<size_t>(FeedKind::kBusiness)]) {
        if (r.field(field::kBizStatus) != "active") continue;
        const std::string& role = r.field(field::kBizRole);
        if (std::find(roles.begin(), roles.end(), role) == roles.end()) {
          continue;
        }
        int64_t capital = FieldFen(r.field(field::kBizCapital));
        if (capital <= threshold_fen) continue;
        std::optional<Date> registered =
            FieldDate(r.field(field::kBizRegisteredOn));
        if (registered && *registered > context.as_of) continue;
        Date d = registered ? *registered
                            : (household.has_enrolled_on ? household.enrolled_on
                                                         : context.as_of);
        if (!since || d < *since) since = d;
        companies += fmt::format("{}{}（{}，注册资本 {} 元，成立于 {}）",
                                 companies.empty() ? "" : "；",
                                 r.field(field::kBizCompany),
                                 role == "legal_rep"     ? "法定代表人"
                                 : role == "shareholder" ? "股东"
                                                         : "其他身份",
                                 FormatFen(capital), d.ToString());
        evidence.push_back(r);
      }
      if (!since) continue;
      Flag flag;
      Stamp(i, *since, FlagScope::kCase, &flag);
      SetCaseMoney(household, FirstAffectedMonth(household, *since),
                   context.as_of, &flag);
      flag.reason = "名下存续企业：" + companies;
      flag.params = fmt::format("{{\"capital_threshold\":\"{}\",\"roles\":{}}}",
                                FormatFen(threshold_fen), JsonCodes(roles));
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
