// SPLIT 拆户: one family in two or more cases. The family pass
// (engine/linkage/family_graph.h) ties a member to another case when they
// are one family with a member of it: same 户号, spouses, or parent, child,
// sibling, shared account or phone while living at one dwelling. The case
// enrolled first (ties: the smaller case_id; no enrolment date: last) is the
// family's own; every later case is the split-off one and is flagged whole:
// since its enrolment date, the whole monthly amount from its enrolment month
// (it should never have been a case of its own). One flag per case, on the
// tied member with the smallest ID, with the chain of links as evidence.
// The family's cases are a group: the first case is flagged too (see
// Check), and every flag of the group carries one group_id.
#include <fmt/format.h>

#include <algorithm>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// Its keys in the rules file, declared and read by these names.
constexpr std::string_view kGenericMaxCases = "generic_max_cases";

// The family graph keeps case counts as int (loader-checked range).
constexpr int64_t kMaxGenericCases = 1000000;

class SplitMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "SPLIT"; }
  int Version() const override { return 2; }
  std::string_view Section() const override { return "split"; }
  std::vector<FeedKind> Needs() const override { return {}; }
  std::vector<RuleKey> RuleKeys() const override {
    // Fewer than 2 would make every shared account generic.
    return {RuleKey::Count(kGenericMaxCases, 3, 2, kMaxGenericCases)};
  }
  void AddCrossCaseNeeds(const Rules& rules,
                         CrossCaseNeeds* needs) const override {
    needs->family_ties = true;
    // In range when loaded; clamped again for rules set in code, so the
    // narrowing to int is always exact.
    needs->generic_max_cases = static_cast<int>(std::clamp<int64_t>(
        Params(rules).Int(kGenericMaxCases), 2, kMaxGenericCases));
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    if (household.split_ties.empty()) return;
    auto order = [](bool has, Date d, const std::string& id) {
      return std::make_pair(has ? d.days : INT32_MAX, id);
    };
    auto mine = order(household.has_enrolled_on, household.enrolled_on,
                      household.case_id);
    const FamilyTie* first = nullptr;
    std::string others;
    std::vector<std::string> group = {household.case_id};
    for (const FamilyTie& t : household.split_ties) {
      group.push_back(t.other_case);
      if (order(t.other_has_enrolled, t.other_enrolled, t.other_case) >= mine)
        continue;
      if (first == nullptr) first = &t;
      if (t.member == first->member)
        others += fmt::format("{}{}", others.empty() ? "" : "、", t.other_case);
    }
    Flag flag;
    if (first != nullptr) {
      Stamp(first->member,
            household.has_enrolled_on ? household.enrolled_on : context.as_of,
            FlagScope::kCase, &flag);
      flag.reason = fmt::format("与低保案件 {}（较早纳入）属同一家庭：{}",
                                others, KinPathWords(first->relation));
      SetGroup(Name(), std::move(group), "", true, &flag);
    } else {
      // The family's own case, enrolled first: flagged too, so that every
      // household of the family is on the inspector's desk, since the group
      // formed (the next case's approval), its money shown but not added to
      // the totals (the split-off cases carry it).
      first = &household.split_ties.front();
      int32_t formed = INT32_MAX;
      for (const FamilyTie& t : household.split_ties) {
        if (t.member != first->member) continue;
        others += fmt::format("{}{}", others.empty() ? "" : "、", t.other_case);
      }
      for (const FamilyTie& t : household.split_ties) {
        if (t.other_has_enrolled)
          formed = std::min(formed, t.other_enrolled.days);
      }
      Stamp(first->member, formed == INT32_MAX ? context.as_of : Date{formed},
            FlagScope::kCase, &flag);
      flag.reason = fmt::format(
          "与低保案件 {}（较晚纳入）属同一家庭：{}；本案为该家庭最早的案件"
          "（金额不计入合计，由较晚的案件计入）",
          others, KinPathWords(first->relation));
      SetGroup(Name(), std::move(group), "", false, &flag);
    }
    SetCaseMoney(household, flag.since.month_index(), context.as_of, &flag);
    flag.params = fmt::format(
        "{{\"other_case\":\"{}\",\"path\":\"{}\",\"generic_max_cases\":{}}}",
        first->other_case, first->relation,
        Params(*context.rules).Int(kGenericMaxCases));
    flag.evidence.push_back(household.members[first->member].roll);
    for (const SourceRecord& r : first->evidence) flag.evidence.push_back(r);
    flags->push_back(std::move(flag));
  }
};

}  // namespace

std::unique_ptr<Matcher> NewSplitMatcher() {
  return std::make_unique<SplitMatcher>();
}

}  // namespace hedui
