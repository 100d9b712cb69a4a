#include "engine/base/private_files.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace hedui {

Status MakePrivateDirectory(const std::string& dir) {
  // Each missing level is created 0700 whatever the umask; a directory
  // that exists is left as its owner set it (OpenToOthersWarning says so
  // when that is open to others).
  std::filesystem::path path(dir);
  std::filesystem::path partial;
  for (const auto& part : path) {
    partial /= part;
    std::error_code ec;
    if (std::filesystem::is_directory(partial, ec)) continue;
    if (mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status::IOError(fmt::format(
          "{}: cannot create: {}", partial.string(), std::strerror(errno)));
    }
    if (chmod(partial.c_str(), 0700) != 0) {
      return Status::IOError(fmt::format("{}: cannot make it private: {}",
                                         partial.string(),
                                         std::strerror(errno)));
    }
  }
  return Status::OK();
}

Status MakeFilePrivate(const std::string& path) {
  if (chmod(path.c_str(), 0600) != 0) {
    return Status::IOError(fmt::format("{}: cannot make it private: {}", path,
                                       std::strerror(errno)));
  }
  return Status::OK();
}

std::optional<std::string> OpenToOthersWarning(const std::string& dir) {
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) return std::nullopt;
  if ((st.st_mode & 077) == 0) return std::nullopt;
  return fmt::format(
      "warning: {} can be read by other users of this machine (mode {:04o}); "
      "it holds personal data: chmod -R go-rwx {}",
      dir, st.st_mode & 07777, dir);
}

void RestrictNewFilesToOwner() { umask(077); }

}  // namespace hedui
