// MERGE 合户: one case whose members come from unrelated households
// (004_1874f41cf4839ad4.txt: "多户人集中一个户头，每户保1至2人"). The family
// pass groups the members by kin (same 户号, spouse, parent, child, sibling
// in the population register, wherever they live). The case's own family is
// the group with the most members (ties: the group of the 户主, then of the
// member with the smallest ID); every member of another group is flagged,
// since the enrolment date, with the member's share (monthly amount ÷
// members, rounded down to the fen) from the enrolment month: they were
// counted from the first payment. Members missing from the register, or in
// two cases (DUPLICATE's), are not judged.
#include <fmt/format.h>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

class MergeMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "MERGE"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "merge"; }
  std::vector<FeedKind> Needs() const override { return {}; }
  void AddCrossCaseNeeds(const Rules& /*rules*/,
                         CrossCaseNeeds* needs) const override {
    needs->family_ties = true;
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const size_t n = household.members.size();
    for (const FamilyTie& t : household.merge_ties) {
      Flag flag;
      Stamp(t.member,
            household.has_enrolled_on ? household.enrolled_on : context.as_of,
            FlagScope::kMember, &flag);
      const int64_t share = household.monthly_fen / static_cast<int64_t>(n);
      SetShareMoney(household, flag.since.month_index(), context.as_of, &flag);
      flag.reason = fmt::format("与本户其他成员不属同一家庭：{}",
                                KinPathWords(t.relation));
      flag.params =
          fmt::format("{{\"members\":{},\"share_fen\":{}}}", n, share);
      flag.evidence.push_back(household.members[t.member].roll);
      for (const SourceRecord& r : t.evidence) flag.evidence.push_back(r);
      flags->push_back(std::move(flag));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewMergeMatcher() {
  return std::make_unique<MergeMatcher>();
}

}  // namespace hedui
