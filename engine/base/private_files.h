// Personal data at rest is the owner's alone: what hedui creates in a data
// directory (index, case store, run log, quarantine) and the reports it
// writes are directories 0700 and files 0600. The CLI sets umask 077 at
// start so that every file any library opens (RocksDB's too) is created
// that way; these make it true also for a caller that did not, and say when
// an existing directory is open to others.
#ifndef HEDUI_ENGINE_BASE_PRIVATE_FILES_H_
#define HEDUI_ENGINE_BASE_PRIVATE_FILES_H_

#include <optional>
#include <string>

#include "hedui/status.h"

namespace hedui {

// Creates `dir` and its missing parents, each 0700 whatever the umask;
// leaves a directory that exists as it is.
[[nodiscard]] Status MakePrivateDirectory(const std::string& dir);
// Sets `path` to 0600.
[[nodiscard]] Status MakeFilePrivate(const std::string& path);
// A warning, when group or others may read or enter `dir`.
std::optional<std::string> OpenToOthersWarning(const std::string& dir);
// umask(077): for programs (the CLI, the review server), never a library.
void RestrictNewFilesToOwner();

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_PRIVATE_FILES_H_
