// SST files of a batch, written beside the index (in its staging folder) for
// Index::CommitBatch to take in with the batch's register entry in one
// atomic step.
#ifndef HEDUI_ENGINE_INDEX_SST_WRITER_H_
#define HEDUI_ENGINE_INDEX_SST_WRITER_H_

#include <rocksdb/sst_file_writer.h>

#include <span>
#include <string>
#include <string_view>

#include "hedui/record.h"
#include "hedui/status.h"

namespace hedui {

// One SST of a feed's records, with the feed families' table options. Put
// is inline: it runs once per record of an ingest, in a loop that also
// prefetches the records ahead.
class RecordSstWriter {
 public:
  RecordSstWriter();
  RecordSstWriter(const RecordSstWriter&) = delete;
  RecordSstWriter& operator=(const RecordSstWriter&) = delete;

  [[nodiscard]] Status Open(const std::string& path);
  // Records in key order, as an SST needs them.
  [[nodiscard]] Status Put(const RecordKey& key, std::string_view value) {
    char bytes[kRecordKeySize];
    EncodeRecordKey(key, bytes);
    rocksdb::Status s = writer_.Put(rocksdb::Slice(bytes, kRecordKeySize),
                                    rocksdb::Slice(value.data(), value.size()));
    return s.ok() ? Status::OK() : Error(s);
  }
  [[nodiscard]] Status Finish();

 private:
  Status Error(const rocksdb::Status& s) const;

  std::string path_;
  rocksdb::SstFileWriter writer_;
};

// An SST of deletions of the feed records at `sorted_keys` (encoded record
// keys, sorted and unique): the records a delta removes.
[[nodiscard]] Status WriteDeletionSst(const std::string& path,
                                      std::span<const std::string> sorted_keys);

}  // namespace hedui

#endif  // HEDUI_ENGINE_INDEX_SST_WRITER_H_
