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

#include "hedui/compaction.h"
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

// The engine's form of hedui/compaction.h's CompactIfWorthwhile.
StatusOr<std::vector<FamilyCompaction>> CompactIfWorthwhile(
    Index* index, const CompactOptions& options);

}  // namespace hedui

#endif  // HEDUI_ENGINE_INDEX_COMPACTION_H_
