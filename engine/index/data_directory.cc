#include "hedui/data_directory.h"

#include "engine/index/compaction.h"
#include "engine/index/index.h"

namespace hedui {

DataDirectory::DataDirectory(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
DataDirectory::~DataDirectory() = default;

StatusOr<std::unique_ptr<DataDirectory>> DataDirectory::Open(
    const std::string& dir, Mode mode) {
  StatusOr<std::unique_ptr<Index>> index =
      Index::Open(dir, mode == Mode::kReadWrite ? Index::Mode::kReadWrite
                                                : Index::Mode::kReadOnly);
  if (!index.ok()) return index.status();
  auto impl = std::make_unique<Impl>();
  impl->index = std::move(index.value());
  return std::unique_ptr<DataDirectory>(new DataDirectory(std::move(impl)));
}

const std::string& DataDirectory::dir() const { return impl_->index->dir(); }

std::vector<BatchInfo> DataDirectory::ListBatches() const {
  return impl_->index->ListBatches();
}

std::optional<BatchInfo> DataDirectory::GetBatch(uint32_t number) const {
  return impl_->index->GetBatch(number);
}

StatusOr<std::vector<FamilyCompaction>> CompactIfWorthwhile(
    DataDirectory* data, const CompactOptions& options) {
  return CompactIfWorthwhile(&IndexOf(*data), options);
}

}  // namespace hedui
