// Rules files (hedui/rules.h): any TOML text, or any bytes, as a county's
// rules. Besides not crashing: an error names the file, and the standards
// of accepted rules are sorted and found for the months they cover.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "hedui/rules.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  hedui::StatusOr<hedui::Rules> rules = hedui::ParseRules(text, "fuzz.toml");
  if (!rules.ok()) {
    const std::string& message = rules.status().message();
    FUZZ_CHECK(message.find("fuzz.toml") != std::string::npos);
    return 0;
  }
  for (const auto& [zone, standards] : rules->standards) {
    for (size_t i = 0; i < standards.size(); ++i) {
      const hedui::Standard& s = standards[i];
      FUZZ_CHECK(s.zone == zone);
      if (i > 0) FUZZ_CHECK(standards[i - 1].from < s.from);
      // In force by the first day of the month after it takes effect.
      FUZZ_CHECK(rules->StandardFor(zone, s.from.month_index() + 1) != nullptr);
    }
  }
  return 0;
}
