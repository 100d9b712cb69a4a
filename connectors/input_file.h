// Reading an export file in pieces, for the ingest pipeline.
#ifndef HEDUI_CONNECTORS_INPUT_FILE_H_
#define HEDUI_CONNECTORS_INPUT_FILE_H_

#include <cstddef>
#include <string>

#include "engine/base/byte_arena.h"
#include "hedui/status.h"

namespace hedui {

// The input file, read piece by piece with pread into buffers from the
// huge-page pool. Streaming: a file larger than memory works, and the
// process never holds more of it than the chunks in flight.
//
// Why not mmap: on the virtual machines hedui runs on, the first touch of
// each mapped page costs far more than a copy into memory that is already
// mapped (56 ms against 24 ms for a register of 117 MB, hash included),
// and dropping pages behind the pipeline cost TLB shootdowns.
class InputFile {
 public:
  // Bytes past the end of what Read returns, readable: simdjson's padding.
  static constexpr size_t kPadding = 64;

  InputFile() = default;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  [[nodiscard]] Status Open(const std::string& path);
  size_t size() const { return size_; }

  // Reads [offset, offset + n) into `out`, followed by kPadding zero bytes.
  [[nodiscard]] Status Read(size_t offset, size_t n, ByteArena* out) const;

 private:
  std::string path_;
  int fd_ = -1;
  size_t size_ = 0;
};

}  // namespace hedui

#endif  // HEDUI_CONNECTORS_INPUT_FILE_H_
