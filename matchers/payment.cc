// PAYMENT 发放异常: the case's payment account (a) is held, by the bank
// feed, only by people who are not members of the case, or (b) also
// receives another case of the roll that was enrolled first (ties: the
// smaller case_id). An account the bank feed does not know proves nothing
// for (a). The money went astray from the first payment: the whole case's
// payments from its enrolment month through the as-of month are at stake,
// since the enrolment date. One flag per case, on its member with the
// smallest ID. The cases one account pays are a group: the first case into
// the account is flagged too (see below), and every flag of the group
// carries one group_id.
#include <fmt/format.h>

#include <algorithm>
#include <climits>

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
  int Version() const override { return 2; }
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
        reason = fmt::format("发放账户 {} 的持有人为本案以外的 {} 人",
                             household.bank_account,
                             household.account_holders.size());
        for (const SourceRecord& r : household.account_holders)
          flag.evidence.push_back(r);
      }
    }
    auto mine = CaseOrder(household.members[0].roll);
    std::string earlier;
    std::vector<std::string> group;
    int32_t formed = INT32_MAX;  // the next case's enrolment, if first
    for (const SourceRecord& r : household.account_other_cases) {
      group.push_back(r.field(field::kRollCaseId));
      if (CaseOrder(r) < mine) {
        earlier += (earlier.empty() ? "" : "、") + r.field(field::kRollCaseId);
        flag.evidence.push_back(r);
      }
    }
    if (!earlier.empty()) {
      reason += fmt::format("{}发放账户 {} 同时为低保案件 {} 发放",
                            reason.empty() ? "" : "；", household.bank_account,
                            earlier);
    }
    // The first case into a shared account: flagged too, so that every case
    // the account pays is reviewed (nobody knows yet which is the wrong
    // one), since the group formed, its money shown but not added to the
    // totals (the later cases carry it). Unless the account is someone
    // else's: then it is at stake on its own ground.
    bool first_of_group = false;
    if (reason.empty() && !group.empty()) {
      std::string later;
      for (const SourceRecord& r : household.account_other_cases) {
        later += (later.empty() ? "" : "、") + r.field(field::kRollCaseId);
        formed = std::min(formed, CaseOrder(r).first);
        flag.evidence.push_back(r);
      }
      reason = fmt::format(
          "发放账户 {} 同时为较晚纳入的低保案件 {} 发放；本案在先"
          "（金额不计入合计，由较晚的案件计入）",
          household.bank_account, later);
      first_of_group = true;
    }
    if (reason.empty()) return;
    Date since =
        household.has_enrolled_on ? household.enrolled_on : context.as_of;
    if (first_of_group)
      since = formed == INT32_MAX ? context.as_of : Date{formed};
    Stamp(0, since, FlagScope::kCase, &flag);
    SetCaseMoney(household, flag.since.month_index(), context.as_of, &flag);
    flag.reason = std::move(reason);
    flag.params = fmt::format("{{\"account\":\"{}\"}}", household.bank_account);
    flag.evidence.insert(flag.evidence.begin(), household.members[0].roll);
    if (!group.empty()) {
      group.push_back(household.case_id);
      SetGroup(Name(), std::move(group), "", !first_of_group, &flag);
    }
    flags->push_back(std::move(flag));
  }
};

}  // namespace

std::unique_ptr<Matcher> NewPaymentMatcher() {
  return std::make_unique<PaymentMatcher>();
}

}  // namespace hedui
