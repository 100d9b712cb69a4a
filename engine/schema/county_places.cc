#include "hedui/county_places.h"

#include <algorithm>

#include "engine/base/text.h"

namespace hedui {

namespace {

std::string Fold(std::string_view raw) { return FoldFullWidth(TrimBlank(raw)); }

}  // namespace

CountyPlaces CountyPlaces::FromNames(std::vector<std::string> names) {
  CountyPlaces places;
  for (const std::string& name : names) {
    std::string folded = Fold(name);
    if (!folded.empty()) places.names_.push_back(std::move(folded));
  }
  std::sort(places.names_.begin(), places.names_.end());
  places.names_.erase(std::unique(places.names_.begin(), places.names_.end()),
                      places.names_.end());
  return places;
}

CountyPlaces CountyPlaces::FromRoll(const std::vector<Household>& households) {
  std::vector<std::string> names;
  for (const Household& h : households) {
    for (const Member& m : h.members) {
      names.push_back(m.roll.field(field::kRollTownship));
      names.push_back(m.roll.field(field::kRollVillage));
    }
  }
  return FromNames(std::move(names));
}

bool CountyPlaces::Contains(std::string_view name) const {
  return std::binary_search(names_.begin(), names_.end(), Fold(name));
}

bool CountyPlaces::BeginsWithAny(std::string_view text) const {
  const std::string folded = Fold(text);
  // A few hundred names, and only the few destinations MOVED reads.
  return std::any_of(names_.begin(), names_.end(), [&](const std::string& n) {
    return folded.compare(0, n.size(), n) == 0;
  });
}

}  // namespace hedui
