#include "engine/base/files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace hedui {

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr)
    return Status::IOError(
        fmt::format("{}: cannot write: {}", tmp, std::strerror(errno)));
  bool ok =
      std::fwrite(contents.data(), 1, contents.size(), f) == contents.size();
  ok = (std::fflush(f) == 0) && ok;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IOError(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IOError(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  return Status::OK();
}

Status WriteFileAtomically(const std::string& path, std::string_view contents,
                           unsigned mode) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                  static_cast<mode_t>(mode));
  if (fd < 0)
    return Status::IOError(
        fmt::format("{}: cannot write: {}", tmp, std::strerror(errno)));
  // open() applies the umask, and a stale temporary file keeps its mode.
  bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0;
  const char* p = contents.data();
  size_t left = contents.size();
  while (ok && left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  int saved = errno;
  ok = (::close(fd) == 0) && ok;
  if (!ok) {
    if (saved != 0) errno = saved;
    std::remove(tmp.c_str());
    return Status::IOError(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IOError(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  return Status::OK();
}

std::string NowUtcText() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace hedui
