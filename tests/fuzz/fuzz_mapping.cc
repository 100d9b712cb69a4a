// Mapping files (connectors/mapping): any TOML text, or any bytes, as a
// feed mapping. Besides not crashing: an error is one line naming the file,
// and an accepted mapping maps at least one field of its feed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/mapping.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  hedui::StatusOr<hedui::Mapping> mapping =
      hedui::ParseMapping(text, "fuzz.toml");
  if (!mapping.ok()) {
    const std::string& message = mapping.status().message();
    FUZZ_CHECK(!message.empty());
    FUZZ_CHECK(message.find("fuzz.toml") != std::string::npos);
    return 0;
  }
  FUZZ_CHECK(!mapping->fields.empty());
  for (const hedui::FieldMapping& f : mapping->fields) {
    FUZZ_CHECK(f.spec != nullptr);
    FUZZ_CHECK(f.unit >= 1);
  }
  return 0;
}
