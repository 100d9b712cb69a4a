// Writing files whole, and the time stamps written into them.
#ifndef HEDUI_ENGINE_BASE_FILES_H_
#define HEDUI_ENGINE_BASE_FILES_H_

#include <string>
#include <string_view>

#include "hedui/status.h"

namespace hedui {

// Writes `contents` to `path` through a temporary file and rename, so a
// reader (or a crash) sees the old file or the new one, never a part.
[[nodiscard]] Status WriteFileAtomically(const std::string& path,
                                         std::string_view contents);
// The same, the file getting exactly `mode` (0600 for files about people)
// whatever the umask: the temporary file is created with it, so the
// contents are never readable by others, not even for a moment.
[[nodiscard]] Status WriteFileAtomically(const std::string& path,
                                         std::string_view contents,
                                         unsigned mode);

// The time now, UTC, ISO 8601 ("2026-11-30T09:27:02Z").
std::string NowUtcText();

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_FILES_H_
