// CADRE_KIN 关系保: a member is a village cadre or civil-affairs worker of
// the case's township (cadre roster), or the spouse, parent, child or
// sibling of one (population register). The roster row is tied to a person
// by a valid ID, or, without one, by name + birth date + township with at
// least high confidence (engine/linkage/family_graph.h); the confidence
// and the agreeing comparison levels are in the flag's params, so a fuzzy
// match is never passed off as an exact one. The case was granted under the
// cadre's influence: the whole case from its enrolment month, since its
// enrolment date. One flag per case, on the tied member with the smallest
// ID (the closest relation first when one member has several).
#include <fmt/format.h>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

int Closeness(const std::string& relation) {
  return relation == "self"      ? 0
         : relation == "spouse"  ? 1
         : relation == "sibling" ? 3
                                 : 2;
}

class CadreKinMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "CADRE_KIN"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "cadre_kin"; }
  std::vector<FeedKind> Needs() const override { return {}; }
  void AddCrossCaseNeeds(const Rules& /*rules*/,
                         CrossCaseNeeds* needs) const override {
    needs->cadre_ties = true;
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const FamilyTie* best = nullptr;
    for (const FamilyTie& t : household.cadre_ties) {
      if (best == nullptr || t.member < best->member ||
          (t.member == best->member &&
           Closeness(t.relation) < Closeness(best->relation))) {
        best = &t;
      }
    }
    if (best == nullptr) return;
    Flag flag;
    Stamp(best->member,
          household.has_enrolled_on ? household.enrolled_on : context.as_of,
          FlagScope::kCase, &flag);
    SetCaseMoney(household, flag.since.month_index(), context.as_of, &flag);
    const SourceRecord& cadre = best->evidence.front();
    const std::string& confidence = best->confidence;
    const std::string who = fmt::format(
        "{}（{} {} {}）", cadre.field(field::kCadreName),
        cadre.field(field::kCadrePost), cadre.field(field::kCadreTownship),
        cadre.field(field::kCadreVillage));
    const std::string how =
        confidence == "exact_id" ? "按身份证号认定"
        : confidence == "high" ? "按姓名、出生日期和乡镇认定（高可信）"
        : confidence == "possible" ? "按姓名、出生日期和乡镇认定（可能）"
                                   : "认定方式 " + confidence;
    flag.reason = best->relation == "self"
                      ? fmt::format("本人即干部名册人员 {}，{}", who, how)
                      : fmt::format("为干部名册人员 {}的{}，{}", who,
                                    KinPathWords(best->relation), how);
    flag.params = fmt::format(
        "{{\"relation\":\"{}\",\"confidence\":\"{}\",\"labels\":\"{}\"}}",
        best->relation, best->confidence, best->labels);
    flag.evidence.push_back(household.members[best->member].roll);
    for (const SourceRecord& r : best->evidence) flag.evidence.push_back(r);
    flags->push_back(std::move(flag));
  }
};

}  // namespace

std::unique_ptr<Matcher> NewCadreKinMatcher() {
  return std::make_unique<CadreKinMatcher>();
}

}  // namespace hedui
