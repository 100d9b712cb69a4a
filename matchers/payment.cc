// PAYMENT 发放异常: the case's payment account (a) is held, by the bank
// feed, only by people who are not members of the case, or (b) also
// receives another case of the roll that was enrolled first (ties: the
// smaller case_id; the first case into an account is not flagged). An
// account the bank feed does not know proves nothing for (a). The money went
// astray from the first payment: the whole case's payments from its
// enrolment month through the as-of month are at stake, since the enrolment
// date. One flag per case, on its member with the smallest ID.
#include <fmt/format.h>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

std::pair<int32_t, std::string> CaseOrder(const SourceRecord& roll) {
  std::optional<Date> d = FieldDate(roll.field(field::kRollEnrolledOn));
  return {d ? d->days : INT32_MAX, roll.field(field::kRollCaseId)};
}

class PaymentMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "PAYMENT"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "payment"; }
  std::vector<FeedKind> Needs() const override { return {}; }
  void AddCrossCaseNeeds(const Rules& /*rules*/,
                         CrossCaseNeeds* needs) const override {
    needs->account_other_cases = true;
    needs->account_holders = true;
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    if (household.bank_account.empty() || household.members.empty()) return;
    Flag flag;
    std::string reason;
    if (!household.account_holders.empty()) {
      bool member_holds = false;
      for (const SourceRecord& r : household.account_holders) {
        for (const Member& m : household.members)
          member_holds = member_holds || m.id_body == r.key.id_body;
      }
      if (!member_holds) {
        reason = fmt::format(
            "account {} is held by {} person(s) outside the case",
            household.bank_account, household.account_holders.size());
        for (const SourceRecord& r : household.account_holders)
          flag.evidence.push_back(r);
      }
    }
    auto mine = CaseOrder(household.members[0].roll);
    std::string earlier;
    for (const SourceRecord& r : household.account_other_cases) {
      if (CaseOrder(r) < mine) {
        earlier += (earlier.empty() ? "" : ", ") + r.field(field::kRollCaseId);
        flag.evidence.push_back(r);
      }
    }
    if (!earlier.empty()) {
      reason += fmt::format("{}account {} also pays case {}",
                            reason.empty() ? "" : "; ", household.bank_account,
                            earlier);
    }
    if (reason.empty()) return;
    Stamp(0, household.has_enrolled_on ? household.enrolled_on : context.as_of,
          FlagScope::kCase, &flag);
    SetCaseMoney(household, flag.since.month_index(), context.as_of, &flag);
    flag.reason = std::move(reason);
    flag.params = fmt::format("{{\"account\":\"{}\"}}", household.bank_account);
    flag.evidence.insert(flag.evidence.begin(), household.members[0].roll);
    flags->push_back(std::move(flag));
  }
};

}  // namespace

std::unique_ptr<Matcher> NewPaymentMatcher() {
  return std::make_unique<PaymentMatcher>();
}

}  // namespace hedui
