#include "engine/index/compaction.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/metadata.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>

#include "engine/index/index.h"
#include "hedui/record.h"

namespace hedui {

namespace {

// Past this many distinct batches a file lists none: it is then treated as
// holding every batch (always worth compacting when anything is dead).
constexpr size_t kMaxListedBatches = 1024;

class BatchListCollector : public rocksdb::TablePropertiesCollector {
 public:
  rocksdb::Status AddUserKey(const rocksdb::Slice& key,
                             const rocksdb::Slice& /*value*/,
                             rocksdb::EntryType /*type*/,
                             rocksdb::SequenceNumber /*seq*/,
                             uint64_t /*file_size*/) override {
    RecordKey k;
    if (!DecodeRecordKey(key.ToStringView(), &k)) {
      overflow_ = true;  // not a record key: say nothing precise
      return rocksdb::Status::OK();
    }
    if (k.batch != last_) {
      last_ = k.batch;
      if (!overflow_) batches_.insert(k.batch);
      if (batches_.size() > kMaxListedBatches) overflow_ = true;
    }
    return rocksdb::Status::OK();
  }
  rocksdb::Status Finish(rocksdb::UserCollectedProperties* props) override {
    std::string list;
    if (!overflow_) {
      for (uint32_t b : batches_) {
        if (!list.empty()) list.push_back(',');
        list += std::to_string(b);
      }
    } else {
      list = "*";
    }
    props->emplace(kBatchesProperty, std::move(list));
    return rocksdb::Status::OK();
  }
  rocksdb::UserCollectedProperties GetReadableProperties() const override {
    return {};
  }
  const char* Name() const override { return "hedui.BatchListCollector"; }

 private:
  std::set<uint32_t> batches_;
  uint32_t last_ = UINT32_MAX;
  bool overflow_ = false;
};

class DeadBatchFilter : public rocksdb::CompactionFilter {
 public:
  explicit DeadBatchFilter(std::shared_ptr<const std::vector<uint32_t>> dead)
      : dead_(std::move(dead)) {}
  bool Filter(int /*level*/, const rocksdb::Slice& key,
              const rocksdb::Slice& /*existing_value*/,
              std::string* /*new_value*/,
              bool* /*value_changed*/) const override {
    RecordKey k;
    return DecodeRecordKey(key.ToStringView(), &k) &&
           std::binary_search(dead_->begin(), dead_->end(), k.batch);
  }
  const char* Name() const override { return "hedui.DeadBatchFilter"; }

 private:
  std::shared_ptr<const std::vector<uint32_t>> dead_;
};

}  // namespace

bool ParseBatchList(const std::string& text, std::vector<uint32_t>* batches) {
  batches->clear();
  if (text.empty()) return true;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(',', i);
    if (j == std::string::npos) j = text.size();
    if (j == i) return false;
    uint64_t v = 0;
    for (size_t k = i; k < j; ++k) {
      if (text[k] < '0' || text[k] > '9') return false;
      v = v * 10 + static_cast<uint64_t>(text[k] - '0');
      if (v > UINT32_MAX) return false;
    }
    batches->push_back(static_cast<uint32_t>(v));
    i = j + 1;
  }
  return true;
}

rocksdb::TablePropertiesCollector*
BatchListCollectorFactory::CreateTablePropertiesCollector(
    rocksdb::TablePropertiesCollectorFactory::Context /*context*/) {
  return new BatchListCollector();
}

void DeadBatchFilterFactory::SetDeadBatches(std::vector<uint32_t> sorted) {
  auto list = std::make_shared<const std::vector<uint32_t>>(std::move(sorted));
  std::lock_guard<std::mutex> lock(mu_);
  dead_ = std::move(list);
}

std::unique_ptr<rocksdb::CompactionFilter>
DeadBatchFilterFactory::CreateCompactionFilter(
    const rocksdb::CompactionFilter::Context& /*context*/) {
  std::lock_guard<std::mutex> lock(mu_);
  return std::make_unique<DeadBatchFilter>(dead_);
}

StatusOr<std::vector<FamilyCompaction>> CompactIfWorthwhile(
    Index* index, const CompactOptions& options) {
  std::vector<uint32_t> dead = index->DeadBatches(nullptr);
  index->dead_batch_filter()->SetDeadBatches(dead);
  std::vector<FamilyCompaction> done;
  rocksdb::DB* db = index->db();
  for (int k = 0; k < kFeedKindCount; ++k) {
    FeedKind kind = static_cast<FeedKind>(k);
    rocksdb::ColumnFamilyHandle* cf = index->column_family(kind);
    rocksdb::TablePropertiesCollection tables;
    rocksdb::Status s = db->GetPropertiesOfAllTables(cf, &tables);
    if (!s.ok())
      return Status::IOError(fmt::format("{}: cannot read table properties: {}",
                                         index->dir(), s.ToString()));
    FamilyCompaction report{kind};
    uint64_t dead_bytes = 0;
    for (const auto& [file, props] : tables) {
      uint64_t bytes =
          props->data_size + props->index_size + props->filter_size;
      ++report.files_before;
      report.bytes_before += bytes;
      auto it = props->user_collected_properties.find(kBatchesProperty);
      std::vector<uint32_t> batches;
      bool known = it != props->user_collected_properties.end() &&
                   ParseBatchList(it->second, &batches);
      bool holds_dead =
          !known ? !dead.empty()
                 : std::any_of(batches.begin(), batches.end(), [&](uint32_t b) {
                     return std::binary_search(dead.begin(), dead.end(), b);
                   });
      if (holds_dead) dead_bytes += bytes;
    }
    if (report.files_before == 0) continue;
    bool worth =
        options.force ||
        (dead_bytes > 0 &&
         static_cast<double>(dead_bytes) >=
             options.dead_share * static_cast<double>(report.bytes_before)) ||
        report.files_before > options.max_files;
    if (!worth) continue;
    auto started = std::chrono::steady_clock::now();
    rocksdb::CompactRangeOptions range;
    range.bottommost_level_compaction =
        rocksdb::BottommostLevelCompaction::kForce;
    s = db->CompactRange(range, cf, nullptr, nullptr);
    if (!s.ok())
      return Status::IOError(fmt::format("{}: compaction of {} failed: {}",
                                         index->dir(), GetFeedSpec(kind).name,
                                         s.ToString()));
    report.seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - started)
                         .count();
    tables.clear();
    s = db->GetPropertiesOfAllTables(cf, &tables);
    for (const auto& [file, props] : tables) {
      ++report.files_after;
      report.bytes_after +=
          props->data_size + props->index_size + props->filter_size;
    }
    done.push_back(report);
  }
  return done;
}

}  // namespace hedui
