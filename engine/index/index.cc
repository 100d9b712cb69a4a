#include "engine/index/index.h"

#include <fmt/format.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <utility>

#include "engine/base/json.h"
#include "engine/base/private_files.h"
#include "engine/index/compaction.h"
#include "simdjson.h"

namespace hedui {

namespace {

constexpr char kBatchPrefix[] = "batch/";
constexpr char kHashPrefix[] = "hash/";

rocksdb::BlockBasedTableOptions FeedTableOptions() {
  rocksdb::BlockBasedTableOptions t;
  // One Seek per person: the 8-byte ID prefix is what the filter answers for.
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  t.whole_key_filtering = false;
  t.checksum = rocksdb::kXXH3;  // cheaper than CRC32c (docs/ENGINEERING.md)
  t.block_size =
      16 << 10;  // fewer blocks to build and index; a lookup reads one
  static std::shared_ptr<rocksdb::Cache> cache =
      rocksdb::NewLRUCache(256 << 20);
  t.block_cache = cache;
  return t;
}

rocksdb::ColumnFamilyOptions FeedColumnFamilyOptions() {
  rocksdb::ColumnFamilyOptions cf;
  cf.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(8));
  cf.table_factory.reset(
      rocksdb::NewBlockBasedTableFactory(FeedTableOptions()));
  // Uncompressed SSTs ingest fastest (0.80 s against 0.94 s with LZ4 on
  // the 1-million county); disk is cheaper than the nightly window.
  cf.compression = rocksdb::kNoCompression;
  // Each SST lists its batches; compactions are ours
  // (engine/index/compaction.h).
  cf.table_properties_collector_factories.push_back(
      std::make_shared<BatchListCollectorFactory>());
  cf.disable_auto_compactions = true;
  return cf;
}

std::string BatchKey(uint32_t number) {
  return fmt::format("{}{:010}", kBatchPrefix, number);
}
std::string HashKey(FeedKind kind, uint64_t hash) {
  return fmt::format("{}{}/{:016x}", kHashPrefix, GetFeedSpec(kind).name, hash);
}

// The schema version the index was written with (hedui/feed_schema.h),
// decimal text in the register. After "people-changed/": register SSTs
// never overlap it, so it never forces a memtable flush on ingest.
constexpr char kSchemaVersionKey[] = "schema-version";

// Reads the stored schema version and refuses an index written by another
// one: records would be misread, field by field, without a word. An index
// without the key was written before it existed, in the format of version
// 1; a read-write open stores the key for it (and for a new index).
//
// Not synced: an index that loses the key in a crash reads as version 1
// and gets it back on its next read-write open, as an older index does.
Status CheckSchemaVersion(rocksdb::DB* db,
                          rocksdb::ColumnFamilyHandle* register_family,
                          const std::string& dir, Index::Mode mode) {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), register_family,
                              kSchemaVersionKey, &value);
  bool written = false;
  if (s.IsNotFound()) {
    constexpr int kVersionBeforeTheKey = 1;
    static_assert(kSchemaVersion == kVersionBeforeTheKey,
                  "an index without a stored version is in the format of "
                  "version 1: refuse it, or convert it, here");
    if (mode == Index::Mode::kReadOnly) return Status::OK();
    s = db->Put(rocksdb::WriteOptions(), register_family, kSchemaVersionKey,
                std::to_string(kSchemaVersion));
    written = true;
  }
  if (!s.ok()) {
    return Status::IOError(
        fmt::format("{}: cannot {} the index's schema version: {}", dir,
                    written ? "write" : "read", s.ToString()));
  }
  if (written) return Status::OK();
  int stored = 0;
  auto [end, ec] =
      std::from_chars(value.data(), value.data() + value.size(), stored);
  if (ec != std::errc() || end != value.data() + value.size() || stored <= 0) {
    return Status::Corruption(fmt::format(
        "{}: the index's schema version is not a number: '{}'", dir, value));
  }
  if (stored != kSchemaVersion) {
    return Status::InvalidArgument(fmt::format(
        "{}: the index was written with schema version {} and this hedui "
        "reads schema version {}; {}",
        dir, stored, kSchemaVersion,
        stored > kSchemaVersion
            ? "use the newer hedui that wrote it"
            : "ingest the exports again into a new data directory"));
  }
  return Status::OK();
}

}  // namespace

std::string BatchInfo::ToJson() const {
  return fmt::format(
      "{{\"batch\":{},\"kind\":\"{}\",\"file\":\"{}\",\"mapping\":\"{}\","
      "\"xxh3\":\"{:016x}\",\"bytes\":{},"
      "\"read\":{},\"accepted\":{},\"quarantined\":{},\"quarantine_file\":\"{}"
      "\",\"ingested_at\":\"{}\","
      "\"seconds\":{:.3f},\"mode\":\"{}\",\"source\":\"{}\",\"superseded_by\":{"
      "},\"removed\":{},"
      "\"unmatched_deletions\":{}}}",
      number, GetFeedSpec(kind).name, JsonEscape(file), JsonEscape(mapping),
      content_hash, bytes, read, accepted, quarantined,
      JsonEscape(quarantine_file), ingested_at, seconds, mode,
      JsonEscape(source), superseded_by, removed, unmatched_deletions);
}

bool BatchInfo::FromJson(std::string_view json, BatchInfo* info) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size()).get(doc)) return false;
  uint64_t u;
  std::string_view s;
  double d;
  if (doc["batch"].get(u)) return false;
  info->number = static_cast<uint32_t>(u);
  if (doc["kind"].get(s)) return false;
  auto kind = FeedKindFromName(s);
  if (!kind) return false;
  info->kind = *kind;
  if (!doc["file"].get(s)) info->file = std::string(s);
  if (!doc["mapping"].get(s)) info->mapping = std::string(s);
  if (!doc["xxh3"].get(s))
    info->content_hash = std::stoull(std::string(s), nullptr, 16);
  if (!doc["bytes"].get(u)) info->bytes = u;
  if (!doc["read"].get(u)) info->read = u;
  if (!doc["accepted"].get(u)) info->accepted = u;
  if (!doc["quarantined"].get(u)) info->quarantined = u;
  if (!doc["quarantine_file"].get(s)) info->quarantine_file = std::string(s);
  if (!doc["ingested_at"].get(s)) info->ingested_at = std::string(s);
  if (!doc["seconds"].get(d)) info->seconds = d;
  if (!doc["mode"].get(s)) info->mode = std::string(s);
  if (!doc["source"].get(s)) info->source = std::string(s);
  if (!doc["superseded_by"].get(u))
    info->superseded_by = static_cast<uint32_t>(u);
  if (!doc["removed"].get(u)) info->removed = u;
  if (!doc["unmatched_deletions"].get(u)) info->unmatched_deletions = u;
  return true;
}

rocksdb::Options Index::SstWriterOptions() {
  rocksdb::Options options;
  static_cast<rocksdb::ColumnFamilyOptions&>(options) =
      FeedColumnFamilyOptions();
  return options;
}

StatusOr<std::unique_ptr<Index>> Index::Open(const std::string& dir,
                                             Mode mode) {
  std::unique_ptr<Index> index(new Index());
  index->dir_ = dir;
  std::error_code ec;
  std::string db_dir = dir + "/index";
  if (mode == Mode::kReadWrite) {
    Status made = MakePrivateDirectory(db_dir);
    if (!made.ok())
      return Status::IOError(fmt::format("{}: cannot create data directory: {}",
                                         dir, made.message()));
  } else if (!std::filesystem::exists(db_dir + "/CURRENT")) {
    return Status::NotFound(fmt::format(
        "{}: no index here (run `hedui ingest --data {}` first)", dir, dir));
  }
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.info_log_level = rocksdb::WARN_LEVEL;
  db_options.keep_log_file_num = 2;
  // RocksDB starts this many threads per column family on every open to
  // load table handles (16 by default: 200 threads for our 12 families,
  // 25 ms of a 45 ms open). One does it, on machines of 2 cores.
  db_options.max_file_opening_threads = 1;
  db_options.max_subcompactions = 2;  // `hedui compact` on both cores
  // Blocks are read into the block cache (256 MB), not mapped: mapped SST
  // pages count in the process's memory, and at 10 million residents the
  // cross-check touched 3.1 GB of them (1.1 GB peak read into the cache,
  // and 6.1 s against 7.4 s); at 1 million the two are even.
  db_options.allow_mmap_reads = false;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  rocksdb::ColumnFamilyOptions register_options;
  register_options.compression =
      rocksdb::kNoCompression;  // small, and read on every check
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, register_options);
  index->dead_filter_ = std::make_shared<DeadBatchFilterFactory>();
  for (int k = 0; k < kFeedKindCount; ++k) {
    descriptors.emplace_back(
        std::string(GetFeedSpec(static_cast<FeedKind>(k)).name),
        FeedColumnFamilyOptions());
    descriptors.back().options.compaction_filter_factory = index->dead_filter_;
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s;
  if (mode == Mode::kReadWrite &&
      !std::filesystem::exists(db_dir + "/CURRENT", ec)) {
    // A new index: the feed families in one step. Opened with them all,
    // RocksDB adds them one by one, rewriting and syncing its options file
    // each time (45 ms against 20 ms).
    s = rocksdb::DB::Open(db_options, db_dir, {descriptors.front()}, &handles,
                          &db);
    std::vector<rocksdb::ColumnFamilyHandle*> feed_handles;
    if (s.ok()) {
      s = db->CreateColumnFamilies({descriptors.begin() + 1, descriptors.end()},
                                   &feed_handles);
      handles.insert(handles.end(), feed_handles.begin(), feed_handles.end());
      if (!s.ok()) {
        for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
        delete db;
        db = nullptr;
      }
    }
  } else if (mode == Mode::kReadWrite) {
    s = rocksdb::DB::Open(db_options, db_dir, descriptors, &handles, &db);
  } else {
    s = rocksdb::DB::OpenForReadOnly(db_options, db_dir, descriptors, &handles,
                                     &db);
  }
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
      return Status::IOError(
          fmt::format("{}: another hedui process is writing this data "
                      "directory; wait for it to finish",
                      dir));
    }
    if (s.ToString().find("Read-only file system") != std::string::npos ||
        s.ToString().find("Permission denied") != std::string::npos) {
      return Status::IOError(fmt::format(
          "{}: the data directory cannot be written ({}); nothing was changed",
          dir, s.ToString()));
    }
    return Status::IOError(
        fmt::format("{}: cannot open index: {}", dir, s.ToString()));
  }
  index->db_.reset(db);
  index->default_handle_ = handles[0];
  for (int k = 0; k < kFeedKindCount; ++k) index->handles_[k] = handles[k + 1];
  HEDUI_RETURN_IF_ERROR(
      CheckSchemaVersion(db, index->default_handle_, dir, mode));
  if (mode == Mode::kReadWrite) index->RemoveLeftovers();
  return index;
}

void Index::RemoveLeftovers() {
  // An ingest killed before its commit leaves its staging files, and maybe
  // a quarantine file for a batch that never entered the index. We hold the
  // database lock, so no other ingest is using them.
  std::error_code ec;
  std::filesystem::remove_all(dir_ + "/staging", ec);
  std::filesystem::path quarantine = dir_ + "/quarantine";
  if (!std::filesystem::exists(quarantine, ec)) return;
  for (const auto& entry :
       std::filesystem::directory_iterator(quarantine, ec)) {
    std::string name = entry.path().filename().string();
    unsigned number = 0;
    if (std::sscanf(name.c_str(), "batch-%u-", &number) == 1 &&
        !GetBatch(number)) {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

Index::~Index() {
  if (!db_) return;
  for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  db_->DestroyColumnFamilyHandle(default_handle_);
  db_->Close();
}

std::optional<BatchInfo> Index::FindBatchByHash(FeedKind kind,
                                                uint64_t hash) const {
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), default_handle_, HashKey(kind, hash),
                &value)
           .ok())
    return std::nullopt;
  return GetBatch(static_cast<uint32_t>(std::stoul(value)));
}

std::optional<BatchInfo> Index::GetBatch(uint32_t number) const {
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), default_handle_, BatchKey(number),
                &value)
           .ok())
    return std::nullopt;
  BatchInfo info;
  if (!BatchInfo::FromJson(value, &info)) return std::nullopt;
  return info;
}

std::vector<BatchInfo> Index::ListBatches() const {
  std::vector<BatchInfo> out;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), default_handle_));
  for (it->Seek(kBatchPrefix);
       it->Valid() && it->key().starts_with(kBatchPrefix); it->Next()) {
    BatchInfo info;
    if (BatchInfo::FromJson(it->value().ToStringView(), &info))
      out.push_back(std::move(info));
  }
  return out;
}

uint32_t Index::NextBatchNumber() const {
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), default_handle_));
  it->SeekForPrev(std::string(kBatchPrefix) + "9999999999");
  if (!it->Valid() || !it->key().starts_with(kBatchPrefix)) return 1;
  return static_cast<uint32_t>(std::stoul(
             it->key().ToString().substr(sizeof(kBatchPrefix) - 1))) +
         1;
}

Status Index::CommitBatch(
    const BatchInfo& info, const std::vector<std::string>& sst_files,
    const std::string& staging_dir,
    const std::vector<std::pair<std::string, std::optional<std::string>>>&
        meta) {
  std::string meta_path =
      fmt::format("{}/batch-{}-register.sst", staging_dir, info.number);
  // The register entries, sorted as an SST needs them; a snapshot marks the
  // batches it replaces in the same atomic step.
  std::map<std::string, std::optional<std::string>> entries(meta.begin(),
                                                            meta.end());
  entries[BatchKey(info.number)] = info.ToJson();
  entries[HashKey(info.kind, info.content_hash)] = std::to_string(info.number);
  if (info.mode == "snapshot") {
    for (BatchInfo& earlier : ListBatches()) {
      if (earlier.kind != info.kind || earlier.source != info.source ||
          earlier.superseded_by != 0 || earlier.number == info.number) {
        continue;
      }
      earlier.superseded_by = info.number;
      entries[BatchKey(earlier.number)] = earlier.ToJson();
    }
  }
  rocksdb::Options register_options;
  register_options.compression = rocksdb::kNoCompression;
  rocksdb::SstFileWriter writer{rocksdb::EnvOptions(), register_options};
  rocksdb::Status s = writer.Open(meta_path);
  for (auto it = entries.begin(); s.ok() && it != entries.end(); ++it) {
    s = it->second ? writer.Put(it->first, *it->second)
                   : writer.Delete(it->first);
  }
  if (s.ok()) s = writer.Finish();
  if (!s.ok())
    return Status::IOError(fmt::format("{}: cannot write batch register: {}",
                                       meta_path, s.ToString()));

  std::vector<rocksdb::IngestExternalFileArg> args;
  rocksdb::IngestExternalFileOptions ingest;
  ingest.move_files = true;           // a copy cost 0.31 s against 6 ms
  ingest.write_global_seqno = false;  // the seqno lives in the manifest
  if (!sst_files.empty()) {
    rocksdb::IngestExternalFileArg data;
    data.column_family = column_family(info.kind);
    data.external_files = sst_files;
    data.options = ingest;
    args.push_back(std::move(data));
  }
  rocksdb::IngestExternalFileArg register_arg;
  register_arg.column_family = default_handle_;
  register_arg.external_files = {meta_path};
  register_arg.options = ingest;
  args.push_back(std::move(register_arg));
  s = db_->IngestExternalFiles(args);
  if (!s.ok())
    return Status::IOError(fmt::format("{}: ingest of batch {} failed: {}",
                                       dir_, info.number, s.ToString()));
  return Status::OK();
}

Status Index::GetPersonRecords(FeedKind kind, uint64_t id_body,
                               const rocksdb::Snapshot* snapshot,
                               std::vector<Record>* out) const {
  PersonReader reader(*this, snapshot);
  return reader.Read(kind, id_body, out);
}

PersonReader::PersonReader(const Index& index,
                           const rocksdb::Snapshot* snapshot)
    : index_(index), dead_batches_(index.DeadBatches(snapshot)) {
  options_.snapshot = snapshot;
  options_.prefix_same_as_start = true;
}

std::vector<uint32_t> Index::DeadBatches(
    const rocksdb::Snapshot* snapshot) const {
  std::vector<uint32_t> dead;
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, default_handle_));
  for (it->Seek(kBatchPrefix);
       it->Valid() && it->key().starts_with(kBatchPrefix); it->Next()) {
    BatchInfo info;
    if (BatchInfo::FromJson(it->value().ToStringView(), &info) &&
        info.superseded_by != 0) {
      dead.push_back(info.number);
    }
  }
  std::sort(dead.begin(), dead.end());
  return dead;
}

std::string Index::NaturalKey(FeedKind kind, std::string_view source,
                              std::string_view key) {
  return fmt::format("nk/{}/{}/{}", GetFeedSpec(kind).name, source, key);
}

// After "batch/", "hash/" and "nk/": a scan of the batch list must not
// stop on (and read) a large list of people.
std::string Index::ChangesKey(uint32_t batch) {
  return fmt::format("people-changed/{:010}", batch);
}

std::optional<std::string> Index::Get(const std::string& register_key) const {
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), default_handle_, register_key, &value)
           .ok())
    return std::nullopt;
  return value;
}

Status Index::ScanLiveRecords(
    FeedKind kind, const rocksdb::Snapshot* snapshot,
    const std::function<Status(const RecordKey&, std::string_view value)>&
        visit) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.total_order_seek = true;
  ro.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(ro, column_family(kind)));
  std::vector<uint32_t> dead = DeadBatches(snapshot);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    RecordKey key;
    if (!DecodeRecordKey(it->key().ToStringView(), &key)) {
      return Status::Corruption(
          fmt::format("{}: malformed {} key", dir_, GetFeedSpec(kind).name));
    }
    if (std::binary_search(dead.begin(), dead.end(), key.batch)) continue;
    HEDUI_RETURN_IF_ERROR(visit(key, it->value().ToStringView()));
  }
  if (!it->status().ok()) return Status::IOError(it->status().ToString());
  return Status::OK();
}

uint64_t Index::EstimateRecords(FeedKind kind) const {
  uint64_t n = 0;
  if (!db_->GetIntProperty(column_family(kind), "rocksdb.estimate-num-keys",
                           &n))
    return 0;
  return n;
}

std::vector<uint64_t> Index::PeopleInBatches(
    FeedKind kind, const std::vector<uint32_t>& batches) const {
  std::vector<uint64_t> people;
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  ro.fill_cache = false;  // a whole feed once: keep the cache for lookups
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(ro, column_family(kind)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    RecordKey key;
    if (!DecodeRecordKey(it->key().ToStringView(), &key)) continue;
    if (std::find(batches.begin(), batches.end(), key.batch) == batches.end())
      continue;
    if (people.empty() || people.back() != key.id_body)
      people.push_back(key.id_body);
  }
  return people;
}

namespace {
std::string PeopleFile(const std::string& dir, uint32_t batch) {
  return fmt::format("{}/people-changed/batch-{}.bin", dir, batch);
}
}  // namespace

std::string Index::ChangedPeopleFile(uint32_t batch) const {
  return PeopleFile(dir_, batch);
}

ChangedPeopleWriter::~ChangedPeopleWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(path_.c_str());
  }
  if (hash_state_ != nullptr)
    XXH3_freeState(static_cast<XXH3_state_t*>(hash_state_));
}

Status ChangedPeopleWriter::Open(const std::string& staging_path) {
  path_ = staging_path;
  file_ = std::fopen(path_.c_str(), "wb");
  if (file_ == nullptr)
    return Status::IOError(
        fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
  auto* state = XXH3_createState();
  XXH3_64bits_reset(state);
  hash_state_ = state;
  return Status::OK();
}

Status ChangedPeopleWriter::Append(std::span<const uint64_t> sorted_run) {
  // Big-endian, so that the file sorts as the index keys do; in small
  // pieces through one buffer, which stays in cache.
  constexpr size_t kPiece = 8192;
  buffer_.resize(kPiece * 8);
  for (size_t begin = 0; begin < sorted_run.size(); begin += kPiece) {
    size_t end = std::min(sorted_run.size(), begin + kPiece);
    char* out = buffer_.data();
    for (size_t i = begin; i < end; ++i) {
      uint64_t v = sorted_run[i];
      for (int b = 7; b >= 0; --b) {
        out[b] = static_cast<char>(v & 0xFF);
        v >>= 8;
      }
      out += 8;
    }
    size_t bytes = (end - begin) * 8;
    XXH3_64bits_update(static_cast<XXH3_state_t*>(hash_state_), buffer_.data(),
                       bytes);
    if (std::fwrite(buffer_.data(), 1, bytes, file_) != bytes)
      return Status::IOError(
          fmt::format("{}: cannot write: {}", path_, std::strerror(errno)));
  }
  count_ += sorted_run.size();
  return Status::OK();
}

StatusOr<std::string> ChangedPeopleWriter::Finish(const Index& index,
                                                  uint32_t batch) {
  FILE* f = std::exchange(file_, nullptr);
  std::string path = index.ChangedPeopleFile(batch);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(),
                                      ec);
  if (std::fclose(f) != 0 || std::rename(path_.c_str(), path.c_str()) != 0) {
    std::remove(path_.c_str());
    return Status::IOError(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  return fmt::format(
      "{} {:016x}", count_,
      XXH3_64bits_digest(static_cast<XXH3_state_t*>(hash_state_)));
}

std::optional<std::vector<uint64_t>> Index::ChangedPeople(
    uint32_t batch) const {
  std::optional<std::string> entry = Get(ChangesKey(batch));
  if (!entry) return std::nullopt;
  unsigned long long count = 0, hash = 0;
  if (std::sscanf(entry->c_str(), "%llu %llx", &count, &hash) != 2)
    return std::nullopt;
  FILE* f = std::fopen(PeopleFile(dir_, batch).c_str(), "rb");
  if (f == nullptr) return std::nullopt;
  std::string bytes(count * 8, '\0');
  bool ok = std::fread(bytes.data(), 1, bytes.size(), f) == bytes.size() &&
            std::fgetc(f) == EOF;
  std::fclose(f);
  if (!ok || XXH3_64bits(bytes.data(), bytes.size()) != hash)
    return std::nullopt;
  std::vector<uint64_t> people(count);
  for (size_t i = 0; i < count; ++i) {
    uint64_t v = 0;
    for (size_t k = 0; k < 8; ++k)
      v = (v << 8) | static_cast<unsigned char>(bytes[i * 8 + k]);
    people[i] = v;
  }
  // Sorted runs, one after the other (ChangedPeopleWriter).
  if (!std::is_sorted(people.begin(), people.end()))
    std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  return people;
}

Status PersonReader::Read(FeedKind kind, uint64_t id_body,
                          std::vector<Index::Record>* out) {
  out->clear();
  auto& it = iterators_[static_cast<size_t>(kind)];
  if (!it)
    it.reset(index_.db()->NewIterator(options_, index_.column_family(kind)));
  std::string prefix = EncodeIdPrefix(id_body);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);
       it->Next()) {
    Index::Record r;
    if (!DecodeRecordKey(it->key().ToStringView(), &r.key)) {
      return Status::Corruption(
          fmt::format("{}: malformed key in column family {}", index_.dir(),
                      GetFeedSpec(kind).name));
    }
    if (!dead_batches_.empty() &&
        std::binary_search(dead_batches_.begin(), dead_batches_.end(),
                           r.key.batch)) {
      continue;
    }
    r.value = it->value().ToString();
    out->push_back(std::move(r));
  }
  if (!it->status().ok()) return Status::IOError(it->status().ToString());
  return Status::OK();
}

FeedCursor::FeedCursor(const Index& index, const rocksdb::Snapshot* snapshot,
                       FeedKind kind, const std::vector<uint32_t>& dead_batches,
                       int max_steps)
    : index_(index),
      kind_(kind),
      dead_batches_(dead_batches),
      max_steps_(max_steps) {
  options_.snapshot = snapshot;
  // Walks across people, so not bounded to one prefix.
  options_.total_order_seek = true;
  // Each block is read once, in order, into a buffer the next block
  // reuses. Kept in the block cache, every block took fresh memory, and a
  // page touched for the first time costs more than reading the block:
  // the roll's records of the 1-million county, 3% roll, read in 0.98-1.98
  // s (0.30-0.93 s of it system time clearing pages) filling the cache,
  // 0.66-0.71 s (0.05-0.09 s) not.
  options_.fill_cache = false;
}

Status FeedCursor::Read(uint64_t id_body) {
  if (has_last_ && id_body == last_id_) return Status::OK();  // same records
  std::vector<Index::Record>* out = &records_;
  out->clear();
  has_last_ = true;
  last_id_ = id_body;
  auto corrupt = [&] {
    return Status::Corruption(
        fmt::format("{}: malformed key in column family {}", index_.dir(),
                    GetFeedSpec(kind_).name));
  };
  RecordKey key;
  if (!it_) {
    it_.reset(index_.db()->NewIterator(options_, index_.column_family(kind_)));
    it_->Seek(EncodeIdPrefix(id_body));
  } else {
    int steps = 0;
    while (it_->Valid()) {
      if (!DecodeRecordKey(it_->key().ToStringView(), &key)) return corrupt();
      if (key.id_body >= id_body) break;
      if (++steps > max_steps_) {
        it_->Seek(EncodeIdPrefix(id_body));
        break;
      }
      it_->Next();
    }
  }
  for (; it_->Valid(); it_->Next()) {
    Index::Record r;
    if (!DecodeRecordKey(it_->key().ToStringView(), &r.key)) return corrupt();
    if (r.key.id_body != id_body) break;
    if (!dead_batches_.empty() &&
        std::binary_search(dead_batches_.begin(), dead_batches_.end(),
                           r.key.batch)) {
      continue;
    }
    r.value = it_->value().ToString();
    out->push_back(std::move(r));
  }
  if (!it_->status().ok()) return Status::IOError(it_->status().ToString());
  return Status::OK();
}

}  // namespace hedui
