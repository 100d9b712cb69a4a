// DUPLICATE 重复享受: one person is a member of two or more cases of the
// roll, a group of cases. The case enrolled first (ties: the smaller
// case_id, and the reason says so; a case without an enrolment date comes
// last) is the person's own; in every later case the person is flagged,
// since that case's enrolment date, with the person's share (monthly amount
// ÷ members, rounded down to the fen) for every month from that case's
// enrolment month through the as-of month: the person was paid twice from
// the first payment. The first case is flagged too, so that every case of
// the group is reviewed (nobody knows yet which is the wrong one): since the
// group formed (the next case's enrolment), its share shown but not added
// to the totals. Every flag of the group carries one group_id.
//
// Across counties ([county] foreign_rolls): a case of a neighbouring
// county's roll is named "汝阳县 case X" in the reason and "汝阳县:X" in
// group_cases. Only the county's own cases are flagged. The county can stop
// only its own payment, so its case always counts in the totals, whether the
// foreign case is earlier or later (later: since the foreign enrolment, when
// the person began to be paid twice); unless a later case of the county's
// own carries the money, as above.
#include <fmt/format.h>

#include <algorithm>
#include <climits>

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
  int Version() const override { return 2; }
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
      std::vector<const SourceRecord*> earlier, later;
      std::vector<std::string> group = {household.case_id};
      bool later_at_home = false;
      for (size_t c = 0; c < member.other_cases.size(); ++c) {
        const SourceRecord& other = member.other_cases[c];
        const std::string county = CountyOf(member, c);
        const bool is_earlier = CaseOrder(other) < mine;
        (is_earlier ? earlier : later).push_back(&other);
        if (!is_earlier && county.empty()) later_at_home = true;
        group.push_back(county.empty()
                            ? other.field(field::kRollCaseId)
                            : county + ":" + other.field(field::kRollCaseId));
      }
      // The person's key, the same in every case whatever the ID's
      // spelling there (15 or 18 digits).
      const std::string id = std::to_string(member.id_body);
      Flag flag;
      const int64_t share = household.monthly_fen / static_cast<int64_t>(n);
      if (earlier.empty()) {
        // The person's first case: flagged so that every case of the group
        // is on the desk, since the group formed (the next case's
        // enrolment), its own share shown but not added to the totals.
        int32_t formed = INT32_MAX;
        for (const SourceRecord* r : later)
          formed = std::min(formed, CaseOrder(*r).first);
        Stamp(i, formed == INT32_MAX ? context.as_of : Date{formed},
              FlagScope::kMember, &flag);
        SetShareMoney(household, flag.since.month_index(), context.as_of,
                      &flag);
        flag.reason = later_at_home
                          ? fmt::format(
                                "同时是{}的成员（较晚纳入）；本案为其最早的"
                                "案件（其份额不计入合计，由较晚的案件计入）",
                                ListCases(member, later))
                          : fmt::format(
                                "同时是{}的成员（较晚纳入）；自那时起重复领取，"
                                "本县只能停发本县的待遇（其份额计入合计）",
                                ListCases(member, later));
        for (const SourceRecord* r : later) flag.evidence.push_back(*r);
        SetGroup(Name(), std::move(group), id, !later_at_home, &flag);
      } else {
        Stamp(i,
              household.has_enrolled_on ? household.enrolled_on : context.as_of,
              FlagScope::kMember, &flag);
        SetShareMoney(household, flag.since.month_index(), context.as_of,
                      &flag);
        // A case enrolled the same day comes first only by its smaller
        // case ID: say so, "enrolled earlier" would be untrue.
        std::vector<const SourceRecord*> before, same_day;
        for (const SourceRecord* r : earlier)
          (CaseOrder(*r).first < mine.first ? before : same_day).push_back(r);
        std::string reason;
        if (!before.empty())
          reason = fmt::format("同时是{}的成员（较早纳入）",
                               ListCases(member, before));
        if (!same_day.empty()) {
          reason += fmt::format(
              "{}同时是{}的成员（同日纳入：案件编号较小者视为在先）",
              reason.empty() ? "" : "；", ListCases(member, same_day));
        }
        flag.reason = std::move(reason);
        for (const SourceRecord* r : earlier) flag.evidence.push_back(*r);
        SetGroup(Name(), std::move(group), id, true, &flag);
      }
      flag.params =
          fmt::format("{{\"members\":{},\"share_fen\":{}}}", n, share);
      flag.evidence.insert(flag.evidence.begin(), member.roll);
      flags->push_back(std::move(flag));
    }
  }

 private:
  // The county of member.other_cases[c]: empty for the county's own.
  static std::string CountyOf(const Member& member, size_t c) {
    return c < member.other_case_counties.size() ? member.other_case_counties[c]
                                                 : std::string();
  }

  // "C2 (enrolled …), 汝阳县 case R7 (enrolled …)".
  static std::string ListCases(const Member& member,
                               const std::vector<const SourceRecord*>& rs) {
    std::string cases;
    for (const SourceRecord* r : rs) {
      const size_t c = static_cast<size_t>(r - member.other_cases.data());
      const std::string county = CountyOf(member, c);
      cases += fmt::format("{}{}{}（纳入于 {}）", cases.empty() ? "" : "、",
                           county + "低保案件 ", r->field(field::kRollCaseId),
                           r->field(field::kRollEnrolledOn));
    }
    return cases;
  }
};

}  // namespace

std::unique_ptr<Matcher> NewDuplicateMatcher() {
  return std::make_unique<DuplicateMatcher>();
}

}  // namespace hedui
