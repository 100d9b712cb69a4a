#include "connectors/input_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hedui {

InputFile::~InputFile() {
  if (fd_ >= 0) close(fd_);
}

Status InputFile::Open(const std::string& path) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0)
    return Status::IOError(
        fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  struct stat st;
  if (fstat(fd_, &st) != 0)
    return Status::IOError(
        fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  if (!S_ISREG(st.st_mode))
    return Status::IOError(fmt::format("{}: not a regular file", path));
  size_ = static_cast<size_t>(st.st_size);
  posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  return Status::OK();
}

Status InputFile::Read(size_t offset, size_t n, ByteArena* out) const {
  out->Reserve(n + kPadding);
  out->Resize(n);
  size_t done = 0;
  while (done < n) {
    ssize_t r = pread(fd_, out->data() + done, n - done,
                      static_cast<off_t>(offset + done));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0)
      return Status::IOError(
          fmt::format("{}: cannot read: {}", path_, std::strerror(errno)));
    if (r == 0)
      return Status::IOError(fmt::format(
          "{}: the file shrank while it was read; nothing was ingested",
          path_));
    done += static_cast<size_t>(r);
  }
  std::memset(out->data() + n, 0, kPadding);
  return Status::OK();
}

}  // namespace hedui
