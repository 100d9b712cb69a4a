// Reclaiming the space of superseded batches.
//
// A snapshot feed replaces its previous batch every night; readers skip the
// old batch's records at once (Index::DeadBatches), but the records stay in
// the SST files until a compaction drops them. Without one, a county's data
// directory would grow by the size of its snapshot feeds every night. Each
// SST file records which batches it holds (a table property), so the files
// worth compacting are known without reading them; the compaction filter
// drops the records of dead batches as it rewrites the rest.
//
// Automatic compaction is off for the feed families: an ingest is a short
// process, and a background compaction it started would be cancelled at
// exit with its work lost. `hedui ingest` compacts, in the foreground and
// with a report, when most of a family's bytes are dead records or its
// files pile up (CompactIfWorthwhile); `hedui compact` forces it.
#ifndef HEDUI_ENGINE_INDEX_COMPACTION_H_
#define HEDUI_ENGINE_INDEX_COMPACTION_H_

#include <rocksdb/compaction_filter.h>
#include <rocksdb/table_properties.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hedui/feed_schema.h"
#include "hedui/status.h"

namespace hedui {

class Index;

// The user table property that lists the batches of an SST's records.
inline constexpr char kBatchesProperty[] = "hedui.batches";

// Parses kBatchesProperty ("3,7,12"); false if malformed.
bool ParseBatchList(const std::string& text, std::vector<uint32_t>* batches);

// Collects the batch numbers of every key written to an SST file.
class BatchListCollectorFactory
    : public rocksdb::TablePropertiesCollectorFactory {
 public:
  rocksdb::TablePropertiesCollector* CreateTablePropertiesCollector(
      rocksdb::TablePropertiesCollectorFactory::Context context) override;
  const char* Name() const override { return "hedui.BatchListCollector"; }
};

// Drops the records of the batches it was last told are dead.
class DeadBatchFilterFactory : public rocksdb::CompactionFilterFactory {
 public:
  void SetDeadBatches(std::vector<uint32_t> sorted);
  std::unique_ptr<rocksdb::CompactionFilter> CreateCompactionFilter(
      const rocksdb::CompactionFilter::Context& context) override;
  const char* Name() const override { return "hedui.DeadBatchFilter"; }

 private:
  std::mutex mu_;
  std::shared_ptr<const std::vector<uint32_t>> dead_ =
      std::make_shared<std::vector<uint32_t>>();
};

struct FamilyCompaction {
  FeedKind kind;
  uint64_t files_before = 0, files_after = 0;
  uint64_t bytes_before = 0, bytes_after = 0;
  double seconds = 0;
};

struct CompactOptions {
  // Compact every family that holds anything, whatever its state.
  bool force = false;
  // Otherwise a family is compacted when the bytes of its files that hold
  // dead batches reach this share of its bytes, or when it has more files
  // than max_files (each is probed by every seek). A compaction rewrites
  // the live records: at three quarters, a feed replaced nightly is
  // compacted every third night, and its data takes at most four times
  // its size (1 million residents: 1.8 s per compaction of 250 MB live).
  double dead_share = 0.75;
  uint64_t max_files = 24;
};

// Compacts the feed families that need it (all of them with `force`) and
// reports each one compacted. Needs the index open for writing.
StatusOr<std::vector<FamilyCompaction>> CompactIfWorthwhile(
    Index* index, const CompactOptions& options);

}  // namespace hedui

#endif  // HEDUI_ENGINE_INDEX_COMPACTION_H_
