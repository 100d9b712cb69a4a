// A data directory: the index of every ingested feed (and the run log beside
// it), opened for writing by one process at a time or for reading by many.
// Every call of the public API that reads or writes the index takes one.
//
// The storage engine stays behind this class (a pimpl): a program that
// links hedui::hedui never sees a RocksDB type, and the engine can change
// how it stores records without recompiling its callers.
#ifndef HEDUI_DATA_DIRECTORY_H_
#define HEDUI_DATA_DIRECTORY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hedui/batch.h"
#include "hedui/status.h"

namespace hedui {

class DataDirectory {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating in kReadWrite) the data directory `dir`. A second
  // writer is refused with a message naming the directory; a directory
  // that holds no index is an error in kReadOnly.
  [[nodiscard]] static StatusOr<std::unique_ptr<DataDirectory>> Open(
      const std::string& dir, Mode mode);
  ~DataDirectory();
  DataDirectory(const DataDirectory&) = delete;
  DataDirectory& operator=(const DataDirectory&) = delete;

  const std::string& dir() const;
  // Every batch ever ingested, live or replaced, by number.
  std::vector<BatchInfo> ListBatches() const;
  std::optional<BatchInfo> GetBatch(uint32_t number) const;

  // The engine's own layers reach the index through this
  // (engine/index/index.h: IndexOf); it is opaque here on purpose.
  struct Impl;
  Impl& impl() const { return *impl_; }

 private:
  explicit DataDirectory(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hedui

#endif  // HEDUI_DATA_DIRECTORY_H_
