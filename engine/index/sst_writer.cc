#include "engine/index/sst_writer.h"

#include <fmt/format.h>

#include "engine/index/index.h"

namespace hedui {

namespace {

rocksdb::EnvOptions RecordEnvOptions() {
  // Writeback starts every 4 MB instead of all at the sync in Finish.
  rocksdb::EnvOptions env_options;
  env_options.bytes_per_sync = 4 << 20;
  return env_options;
}

}  // namespace

// invalidate_page_cache = false: by default the writer drops what it
// wrote from the page cache, and the cross-check that follows an ingest
// then reads it all back from disk (1.9 s against 0.4 s at 1 million).
RecordSstWriter::RecordSstWriter()
    : writer_(RecordEnvOptions(), Index::SstWriterOptions(), nullptr,
              /*invalidate_page_cache=*/false) {}

Status RecordSstWriter::Open(const std::string& path) {
  path_ = path;
  rocksdb::Status s = writer_.Open(path);
  return s.ok() ? Status::OK() : Error(s);
}

Status RecordSstWriter::Finish() {
  rocksdb::Status s = writer_.Finish();
  return s.ok() ? Status::OK() : Error(s);
}

Status RecordSstWriter::Error(const rocksdb::Status& s) const {
  return Status::IOError(
      fmt::format("{}: cannot write: {}", path_, s.ToString()));
}

Status WriteDeletionSst(const std::string& path,
                        std::span<const std::string> sorted_keys) {
  rocksdb::SstFileWriter writer{rocksdb::EnvOptions(),
                                Index::SstWriterOptions(), nullptr, false};
  rocksdb::Status s = writer.Open(path);
  for (size_t i = 0; s.ok() && i < sorted_keys.size(); ++i)
    s = writer.Delete(sorted_keys[i]);
  if (s.ok()) s = writer.Finish();
  if (!s.ok())
    return Status::IOError(
        fmt::format("{}: cannot write: {}", path, s.ToString()));
  return Status::OK();
}

}  // namespace hedui
