// A county's rules file (configs/rules/*.toml): which grounds run and
// their thresholds. Every key is documented in configs/rules/README.md;
// unknown keys, wrong types and negative thresholds are errors that name
// the file, line and key.
#ifndef HEDUI_MATCHERS_RULES_H_
#define HEDUI_MATCHERS_RULES_H_

#include <string>
#include <vector>

#include "engine/status.h"

namespace hedui {

struct Rules {
  std::string path;
  std::string county;
  uint64_t content_hash = 0;  // xxHash64 of the file, stored with each run

  bool deceased_enabled = true;

  bool vehicle_enabled = true;
  // Canonical vehicle_type codes that do not count as owning a car.
  std::vector<std::string> vehicle_exempt_types = {"motorcycle", "tricycle", "low_speed", "disability", "tractor"};

  bool property_enabled = true;
  int property_dwellings_allowed = 1;  // per case, all members together
  bool property_commercial_counts = true;
  bool property_bought_after_enrolment_counts = true;
};

StatusOr<Rules> LoadRules(const std::string& path);
StatusOr<Rules> ParseRules(std::string_view toml_text, const std::string& path);

}  // namespace hedui

#endif  // HEDUI_MATCHERS_RULES_H_
