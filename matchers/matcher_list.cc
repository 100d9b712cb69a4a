// The one list of matchers. A new ground is one line here (and its file,
// its test and its rules-file entry); no static registration that a linker
// could drop.
#include "matchers/matcher.h"

namespace hedui {

std::unique_ptr<Matcher> NewDeceasedMatcher();
std::unique_ptr<Matcher> NewVehicleMatcher();
std::unique_ptr<Matcher> NewPropertyMatcher();

const std::vector<std::unique_ptr<Matcher>>& AllMatchers() {
  static const std::vector<std::unique_ptr<Matcher>>* matchers = [] {
    auto* list = new std::vector<std::unique_ptr<Matcher>>();
    list->push_back(NewDeceasedMatcher());
    list->push_back(NewVehicleMatcher());
    list->push_back(NewPropertyMatcher());
    return list;
  }();
  return *matchers;
}

}  // namespace hedui
