// DUPLICATE 重复享受: one person is a member of two or more cases of the
// roll. The case enrolled first (ties: the smaller case_id; a case without
// an enrolment date comes last) is the person's own; in every later case the
// person is flagged, since that case's enrolment date, with the person's
// share (monthly amount ÷ members, rounded down to the fen) for every month
// from that case's enrolment month through the as-of month: the person was
// paid twice from the first payment.
#include <fmt/format.h>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// (enrolment, case_id) of a roll row, for ordering cases.
std::pair<int32_t, std::string> CaseOrder(const SourceRecord& roll) {
  std::optional<Date> d = FieldDate(roll.field(field::kRollEnrolledOn));
  return {d ? d->days : INT32_MAX, roll.field(field::kRollCaseId)};
}

class DuplicateMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "DUPLICATE"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "duplicate"; }
  std::vector<FeedKind> Needs() const override { return {}; }
  void AddCrossCaseNeeds(const Rules& /*rules*/,
                         CrossCaseNeeds* needs) const override {
    needs->person_other_cases = true;
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const size_t n = household.members.size();
    for (size_t i = 0; i < n; ++i) {
      const Member& member = household.members[i];
      if (member.other_cases.empty()) continue;
      auto mine = CaseOrder(member.roll);
      std::vector<const SourceRecord*> earlier;
      for (const SourceRecord& other : member.other_cases) {
        if (CaseOrder(other) < mine) earlier.push_back(&other);
      }
      if (earlier.empty()) continue;
      Flag flag;
      Stamp(i,
            household.has_enrolled_on ? household.enrolled_on : context.as_of,
            FlagScope::kMember, &flag);
      const int64_t share = household.monthly_fen / static_cast<int64_t>(n);
      SetShareMoney(household, flag.since.month_index(), context.as_of, &flag);
      std::string cases;
      for (const SourceRecord* r : earlier) {
        cases += fmt::format("{}{} (enrolled {})", cases.empty() ? "" : ", ",
                             r->field(field::kRollCaseId),
                             r->field(field::kRollEnrolledOn));
      }
      flag.reason = fmt::format("also a member of {}, enrolled earlier", cases);
      flag.params =
          fmt::format("{{\"members\":{},\"share_fen\":{}}}", n, share);
      flag.evidence.push_back(member.roll);
      for (const SourceRecord* r : earlier) flag.evidence.push_back(*r);
      flags->push_back(std::move(flag));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewDuplicateMatcher() {
  return std::make_unique<DuplicateMatcher>();
}

}  // namespace hedui
