// The places inside the county, as the roll names them: every township and
// village value of the roll. A migration record whose destination is one of
// them (城关镇, 城关镇西街, 西场社区) is a move within the county.
#ifndef HEDUI_COUNTY_PLACES_H_
#define HEDUI_COUNTY_PLACES_H_

#include <string>
#include <string_view>
#include <vector>

#include "hedui/case_model.h"

namespace hedui {

class CountyPlaces {
 public:
  CountyPlaces() = default;
  // The given names, trimmed and full-width folded; blanks dropped.
  static CountyPlaces FromNames(std::vector<std::string> names);
  // The township and village values of every member's roll record.
  static CountyPlaces FromRoll(const std::vector<Household>& households);

  // Whether `name` (trimmed, folded) is one of the places.
  bool Contains(std::string_view name) const;
  // Whether `text` (trimmed, folded) begins with one of the places: 城关镇西街
  // begins with 城关镇.
  bool BeginsWithAny(std::string_view text) const;
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;  // sorted, unique
};

}  // namespace hedui

#endif  // HEDUI_COUNTY_PLACES_H_
