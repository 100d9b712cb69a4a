// The index: the engine's side of a data directory (hedui/data_directory.h,
// the public facade, holds one). A RocksDB database in a data directory, one
// column family per feed kind (named as the kind: "roll", "vehicle", …), keyed
// as hedui/record.h describes, plus the batch register in the default column
// family.
//
// Batches are loaded as sorted SST files through IngestExternalFiles. The
// batch's register entry travels in the same atomic ingest, so a batch is
// either wholly in the index, register entry included, or not at all.
#ifndef HEDUI_ENGINE_INDEX_INDEX_H_
#define HEDUI_ENGINE_INDEX_INDEX_H_

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hedui/batch.h"
#include "hedui/data_directory.h"
#include "hedui/feed_schema.h"
#include "hedui/record.h"
#include "hedui/status.h"

namespace hedui {

class DeadBatchFilterFactory;

class Index {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens (creating in kReadWrite) the index in `dir`. A second writer is
  // refused with a message naming the directory.
  static StatusOr<std::unique_ptr<Index>> Open(const std::string& dir,
                                               Mode mode);
  ~Index();

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* column_family(FeedKind kind) const {
    return handles_[static_cast<size_t>(kind)];
  }
  const std::string& dir() const { return dir_; }
  // What compactions of the feed families drop (engine/index/compaction.h).
  DeadBatchFilterFactory* dead_batch_filter() const {
    return dead_filter_.get();
  }

  // Options that SST files for a feed column family must be written with,
  // so that they carry the same prefix filter and checksum as the family.
  static rocksdb::Options SstWriterOptions();

  // The batch that ingested this exact content for this kind, if any.
  std::optional<BatchInfo> FindBatchByHash(FeedKind kind, uint64_t hash) const;
  std::vector<BatchInfo> ListBatches() const;
  std::optional<BatchInfo> GetBatch(uint32_t number) const;
  uint32_t NextBatchNumber() const;

  // Atomically ingests the batch's SST files (moved, not copied) and its
  // register entry, with `meta` (more register keys: a value, or nothing to
  // delete the key) and the entries of the batches it supersedes.
  // `staging_dir` is where the register SST is written.
  Status CommitBatch(
      const BatchInfo& info, const std::vector<std::string>& sst_files,
      const std::string& staging_dir,
      const std::vector<std::pair<std::string, std::optional<std::string>>>&
          meta = {});

  // Batches whose records no longer count (superseded by a snapshot), as
  // seen by `snapshot` (null: now), sorted.
  std::vector<uint32_t> DeadBatches(const rocksdb::Snapshot* snapshot) const;

  // The register key under which a keyed feed maps a record's natural key
  // to its index key.
  static std::string NaturalKey(FeedKind kind, std::string_view source,
                                std::string_view key);
  std::optional<std::string> Get(const std::string& register_key) const;
  // The person IDs a batch added or removed records for (register
  // "changes/N"), for nightly runs that re-check only what changed.
  // Nothing when the list is unknown: a batch from before lists were kept,
  // or a list a crash damaged (it is written without a sync; the register
  // holds its size and checksum). A nightly run then checks every case.
  std::optional<std::vector<uint64_t>> ChangedPeople(uint32_t batch) const;
  // The file ChangedPeople reads for `batch` (ChangedPeopleWriter's).
  std::string ChangedPeopleFile(uint32_t batch) const;
  static std::string ChangesKey(uint32_t batch);
  // Every live record of one feed in key order, as seen by `snapshot`
  // (null: now): records of superseded batches are skipped. Stops at the
  // first error `visit` returns. The scan does not fill the block cache (a
  // whole feed once would push out what lookups need). A malformed key is
  // a Corruption naming the feed.
  Status ScanLiveRecords(
      FeedKind kind, const rocksdb::Snapshot* snapshot,
      const std::function<Status(const RecordKey&, std::string_view value)>&
          visit) const;
  // About how many records one feed holds (RocksDB's estimate, superseded
  // batches included): cheap, for choosing how to read it.
  uint64_t EstimateRecords(FeedKind kind) const;
  // Everyone with a record in any of `batches` of one feed (a full scan).
  std::vector<uint64_t> PeopleInBatches(
      FeedKind kind, const std::vector<uint32_t>& batches) const;

  // Every record of one person in one feed, in batch and line order.
  struct Record {
    RecordKey key;
    std::string value;
  };
  Status GetPersonRecords(FeedKind kind, uint64_t id_body,
                          const rocksdb::Snapshot* snapshot,
                          std::vector<Record>* out) const;

 private:
  friend class PersonReader;
  Index() = default;
  void RemoveLeftovers();
  std::string dir_;
  std::shared_ptr<DeadBatchFilterFactory> dead_filter_;
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::ColumnFamilyHandle* default_handle_ = nullptr;
  std::array<rocksdb::ColumnFamilyHandle*, kFeedKindCount> handles_{};
};

// Reads people's records with one long-lived iterator per column family:
// creating an iterator costs more than the Seek itself. One per thread.
// Records of superseded batches are skipped.
// Writes a batch's people-changed list while the batch is ingested: each
// sorted run of IDs is appended as soon as it is known, so that a register
// of a million leaves no list to merge at the end (40 ms on one core); the
// reader merges the runs. The file grows in the staging directory and is
// moved beside the index by Finish.
class ChangedPeopleWriter {
 public:
  ChangedPeopleWriter() = default;
  ChangedPeopleWriter(const ChangedPeopleWriter&) = delete;
  ChangedPeopleWriter& operator=(const ChangedPeopleWriter&) = delete;
  ~ChangedPeopleWriter();
  Status Open(const std::string& staging_path);
  // IDs in ascending order (repeats across runs are allowed).
  Status Append(std::span<const uint64_t> sorted_run);
  // Moves the list into place for `batch` and returns the register entry
  // (Index::ChangesKey) that vouches for it.
  StatusOr<std::string> Finish(const Index& index, uint32_t batch);

 private:
  FILE* file_ = nullptr;
  std::string path_;
  void* hash_state_ = nullptr;  // XXH3_state_t, kept out of this header
  uint64_t count_ = 0;
  std::string buffer_;
};

// One read snapshot of the index, released when it goes out of scope: what
// a cross-check reads from start to end.
class ScopedSnapshot {
 public:
  explicit ScopedSnapshot(const Index& index)
      : db_(index.db()), snapshot_(db_->GetSnapshot()) {}
  ~ScopedSnapshot() { db_->ReleaseSnapshot(snapshot_); }
  ScopedSnapshot(const ScopedSnapshot&) = delete;
  ScopedSnapshot& operator=(const ScopedSnapshot&) = delete;
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
};

class PersonReader {
 public:
  PersonReader(const Index& index, const rocksdb::Snapshot* snapshot);
  Status Read(FeedKind kind, uint64_t id_body, std::vector<Index::Record>* out);

 private:
  const Index& index_;
  rocksdb::ReadOptions options_;
  std::vector<uint32_t> dead_batches_;
  std::array<std::unique_ptr<rocksdb::Iterator>, kFeedKindCount> iterators_;
};

// Reads people's records from one feed in ascending ID order by walking
// the feed's keys forward beside the sorted IDs (a merge join), instead of
// one Seek per person: when the people asked for are a sizeable share of
// the feed, stepping over the records between two of them costs less than
// a Seek, and a person with no record costs nothing (the cursor already
// stands past them). After `max_steps` steps without reaching the person
// it Seeks, so a gap in the IDs costs at most that many steps more than a
// Seek. One per thread and feed; the IDs given to Read must not decrease
// (the same ID twice, a person in two cases, reads the same records).
// Records of superseded batches are skipped.
class FeedCursor {
 public:
  FeedCursor(const Index& index, const rocksdb::Snapshot* snapshot,
             FeedKind kind, const std::vector<uint32_t>& dead_batches,
             int max_steps);
  // The person's records, in batch and line order, into records().
  Status Read(uint64_t id_body);
  const std::vector<Index::Record>& records() const { return records_; }

 private:
  const Index& index_;
  FeedKind kind_;
  const std::vector<uint32_t>& dead_batches_;
  int max_steps_;
  rocksdb::ReadOptions options_;
  std::unique_ptr<rocksdb::Iterator> it_;
  bool has_last_ = false;
  uint64_t last_id_ = 0;
  std::vector<Index::Record> records_;
};

// What a DataDirectory holds: the facade keeps RocksDB out of the public
// headers, and the engine's layers reach the index through IndexOf.
struct DataDirectory::Impl {
  std::unique_ptr<Index> index;
};
inline Index& IndexOf(const DataDirectory& data) { return *data.impl().index; }

}  // namespace hedui

#endif  // HEDUI_ENGINE_INDEX_INDEX_H_
