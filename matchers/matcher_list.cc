// The one list of matchers. A new ground is one line here (and its file,
// its test and its rules-file entry); no static registration that a linker
// could drop.
#include "hedui/matcher.h"

namespace hedui {

std::unique_ptr<Matcher> NewDeceasedMatcher();
std::unique_ptr<Matcher> NewVehicleMatcher();
std::unique_ptr<Matcher> NewPropertyMatcher();
std::unique_ptr<Matcher> NewMovedMatcher();
std::unique_ptr<Matcher> NewIncomeMatcher();
std::unique_ptr<Matcher> NewAssetsMatcher();
std::unique_ptr<Matcher> NewBusinessMatcher();
std::unique_ptr<Matcher> NewPublicPayMatcher();
std::unique_ptr<Matcher> NewDuplicateMatcher();
std::unique_ptr<Matcher> NewPaymentMatcher();
std::unique_ptr<Matcher> NewUnderpaidMatcher();
std::unique_ptr<Matcher> NewSplitMatcher();
std::unique_ptr<Matcher> NewMergeMatcher();
std::unique_ptr<Matcher> NewCadreKinMatcher();

const std::vector<std::unique_ptr<Matcher>>& AllMatchers() {
  static const std::vector<std::unique_ptr<Matcher>>* matchers = [] {
    auto* list = new std::vector<std::unique_ptr<Matcher>>();
    list->push_back(NewDeceasedMatcher());
    list->push_back(NewVehicleMatcher());
    list->push_back(NewPropertyMatcher());
    list->push_back(NewMovedMatcher());
    list->push_back(NewIncomeMatcher());
    list->push_back(NewAssetsMatcher());
    list->push_back(NewBusinessMatcher());
    list->push_back(NewPublicPayMatcher());
    list->push_back(NewDuplicateMatcher());
    list->push_back(NewPaymentMatcher());
    list->push_back(NewUnderpaidMatcher());
    list->push_back(NewSplitMatcher());
    list->push_back(NewMergeMatcher());
    list->push_back(NewCadreKinMatcher());
    return list;
  }();
  return *matchers;
}

void Matcher::Evaluate(const Household& household, const RunContext& context,
                       std::vector<Flag>* flags) const {
  const size_t first = flags->size();
  Check(household, context, flags);
  // The same share the matchers count month by month (SetShareMoney,
  // SetDepartureMoney): the monthly amount ÷ members, rounded down to the
  // fen. A matcher that knows better (the member who left last when nobody
  // is left carries the whole case) has set it already.
  const int64_t n = static_cast<int64_t>(household.members.size());
  const int64_t share = n ? household.monthly_fen / n : 0;
  for (size_t i = first; i < flags->size(); ++i) {
    Flag& flag = (*flags)[i];
    if (flag.monthly_at_stake_fen >= 0) continue;
    flag.monthly_at_stake_fen =
        flag.scope == FlagScope::kCase ? household.monthly_fen : share;
  }
}

}  // namespace hedui
