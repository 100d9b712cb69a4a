#include "connectors/ingest.h"

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>
#include <xxhash.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "connectors/chunk_parser.h"
#include "connectors/csv_parser.h"
#include "connectors/input_file.h"
#include "connectors/row_converter.h"
#include "engine/base/files.h"
#include "engine/base/huge_page_allocator.h"
#include "engine/base/private_files.h"
#include "engine/base/timing.h"
#include "engine/index/sst_writer.h"
#include "hedui/record.h"

namespace hedui {

namespace {

namespace fs = std::filesystem;

class FileIngester {
 public:
  FileIngester(Index* index, const Mapping& mapping, const std::string& file,
               const IngestOptions& options)
      : index_(index),
        mapping_(mapping),
        file_(file),
        options_(options),
        parser_(mapping, file) {
    // A delta is resolved against itself (the last row of a key wins), so
    // it is held whole; deltas are the day's changes, not the feed.
    if (mapping.mode == FeedMode::kDelta)
      options_.memory_budget_bytes = SIZE_MAX;
  }

  // Opens the file and learns its size.
  Status Open();
  // With `hash_now`, hashes the file and finds an earlier batch of the same
  // content; checks the header against the mapping. Writes nothing.
  // Without, the hash is taken as the chunks go by: IngestFiles asks for it
  // up front only where another file of the kind has the same size, the
  // only way the content can be the same.
  Status Prepare(bool hash_now);
  bool duplicate() const { return result_.duplicate; }
  bool hash_known() const { return hash_known_; }
  // Parses the file as batch `number` (ignored for a duplicate) into its
  // staging folder; nothing is committed yet.
  Status Stage(uint32_t number);
  // Why this staged snapshot must not replace the feed's live one (the
  // shrink guard), or empty.
  std::string HeldBack() const;
  // Commits what Stage wrote. Unless committed, the staging folder goes
  // with the ingester.
  StatusOr<IngestResult> Commit();
  const BatchInfo& info() const { return result_.batch; }
  ~FileIngester();
  void set_progress(std::function<void(size_t, size_t)> progress) {
    options_.progress = std::move(progress);
  }

 private:
  Status HashWholeFile();
  Status PrepareUntimed(bool hash_now);
  Status WriteRun();
  Status WriteQuarantine(const std::string& path);

  Index* index_;
  const Mapping& mapping_;
  std::string file_;
  IngestOptions options_;
  ChunkParser parser_;
  // Keyed feeds: every entry's natural key, for deltas and the key register.
  struct Keyed {
    std::string key;
    uint64_t id_body;
    uint32_t line;
    bool deletion;
  };
  std::vector<Keyed> keyed_;
  std::unordered_set<uint32_t> losing_lines_;
  std::vector<uint64_t> changed_people_;  // besides the records written
  HugePageVector<uint64_t> run_people_;   // the current run's, reused
  ChangedPeopleWriter people_writer_;
  HugePageVector<Entry> run_entries_;
  std::vector<std::string>
      deleted_keys_;  // index keys of records a delta removes
  std::vector<std::pair<std::string, std::optional<std::string>>> register_;

  Status ResolveKeys(BatchInfo* info);
  Status WriteDeletions();

  std::string staging_;
  uint32_t batch_number_ = 0;
  // The records since the last run, packed: each chunk's arena is copied
  // here as it arrives and goes back to the pool, so that a run holds its
  // records and not a chunk-sized block per chunk (half the memory, which
  // is slow to touch for the first time). Entries hold arena offsets until
  // WriteRun.
  ByteArena run_arena_;
  size_t pending_bytes_ = 0;
  std::vector<std::string> sst_files_;
  InputFile input_;
  bool hash_known_ = false;
  IngestResult result_;
  size_t body_ = 0;
  uint64_t header_lines_ = 0;
  // The file's own time: its Prepare and Run, not the files before it.
  double prepare_seconds_ = 0;
  std::chrono::steady_clock::time_point run_started_;
  // Quarantine lines per (field, reason), for the guard's message.
  std::map<std::pair<std::string, std::string>, uint64_t> reasons_;
  bool committed_ = false;
  std::string quarantine_tmp_;
  FILE* quarantine_ = nullptr;
  uint64_t read_ = 0, accepted_ = 0, quarantined_ = 0;
  Status error_;
};

Status FileIngester::WriteRun() {
  // Reused from run to run: fresh memory is slow to touch.
  HugePageVector<Entry>& entries = run_entries_;
  const char* base = run_arena_.data();
  size_t kept = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    Entry e = entries[i];
    // Deletion rows and rows a later row of the same delta replaced are
    // not records.
    if (e.deletion || (!losing_lines_.empty() && losing_lines_.count(e.line)))
      continue;
    e.data = base + reinterpret_cast<uintptr_t>(e.data);
    entries[kept++] = e;
  }
  entries.resize(kept);
  if (entries.empty()) {
    run_arena_.clear();
    pending_bytes_ = 0;
    return Status::OK();
  }
  tbb::parallel_sort(
      entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.id_body != b.id_body ? a.id_body < b.id_body : a.line < b.line;
      });
  // Everyone this run writes records for, for the batch's people-changed
  // list: already in order.
  HugePageVector<uint64_t>& people = run_people_;
  people.clear();
  for (const Entry& e : entries) {
    if (people.empty() || people.back() != e.id_body)
      people.push_back(e.id_body);
  }
  HEDUI_RETURN_IF_ERROR(people_writer_.Append(people));
  // Disjoint key ranges, one SST writer each, in parallel.
  size_t parts = static_cast<size_t>(tbb::this_task_arena::max_concurrency());
  if (entries.size() < 20000) parts = 1;
  size_t run = sst_files_.size();
  std::vector<std::string> files(parts);
  std::vector<Status> statuses(parts);
  tbb::parallel_for(size_t{0}, parts, [&](size_t p) {
    size_t begin = entries.size() * p / parts;
    size_t end = entries.size() * (p + 1) / parts;
    files[p] = fmt::format("{}/run-{}-part-{}.sst", staging_, run, p);
    RecordSstWriter writer;
    Status s = writer.Open(files[p]);
    for (size_t i = begin; s.ok() && i < end; ++i) {
      // The records are scattered over the run's arena: fetch a record
      // (both its cache lines) well before the writer copies it.
      if (i + 16 < end) {
        __builtin_prefetch(entries[i + 16].data);
        __builtin_prefetch(entries[i + 16].data + 64);
      }
      s = writer.Put(
          RecordKey{entries[i].id_body, batch_number_, entries[i].line},
          std::string_view(entries[i].data, entries[i].length));
    }
    if (s.ok()) s = writer.Finish();
    statuses[p] = std::move(s);
  });
  for (const Status& s : statuses) HEDUI_RETURN_IF_ERROR(s);
  sst_files_.insert(sst_files_.end(), files.begin(), files.end());
  entries.clear();
  run_arena_.clear();
  pending_bytes_ = 0;
  return Status::OK();
}

// Keyed feeds: the last row of each natural key wins; a delta removes the
// record each key had before, and a deletion row removes it without a new
// one. The key register then points every key at its current record.
Status FileIngester::ResolveKeys(BatchInfo* info) {
  info->mode = std::string(FeedModeName(mapping_.mode));
  info->source = mapping_.source;
  if (mapping_.mode == FeedMode::kSnapshot) {
    // Whoever had records in the batches this snapshot replaces may have
    // lost them: they count as changed.
    std::vector<uint32_t> replaced;
    for (const BatchInfo& b : index_->ListBatches()) {
      if (b.kind == mapping_.kind && b.source == mapping_.source &&
          b.superseded_by == 0)
        replaced.push_back(b.number);
    }
    if (!replaced.empty()) {
      std::vector<uint64_t> people =
          index_->PeopleInBatches(mapping_.kind, replaced);
      changed_people_.insert(changed_people_.end(), people.begin(),
                             people.end());
    }
  }
  if (keyed_.empty()) return Status::OK();
  std::stable_sort(keyed_.begin(), keyed_.end(),
                   [](const Keyed& a, const Keyed& b) {
                     return a.key != b.key ? a.key < b.key : a.line < b.line;
                   });
  std::vector<uint32_t> dead = index_->DeadBatches(nullptr);
  char key[kRecordKeySize];
  for (size_t i = 0; i < keyed_.size();) {
    size_t j = i;
    while (j + 1 < keyed_.size() && keyed_[j + 1].key == keyed_[i].key) ++j;
    const Keyed& winner = keyed_[j];
    std::string register_key =
        Index::NaturalKey(mapping_.kind, mapping_.source, winner.key);
    if (mapping_.mode == FeedMode::kDelta) {
      for (size_t k = i; k < j; ++k) losing_lines_.insert(keyed_[k].line);
      std::optional<std::string> before = index_->Get(register_key);
      RecordKey old;
      if (before && DecodeRecordKey(*before, &old) &&
          !std::binary_search(dead.begin(), dead.end(), old.batch)) {
        deleted_keys_.push_back(*before);
        changed_people_.push_back(old.id_body);
        ++info->removed;
      } else if (winner.deletion) {
        ++info->unmatched_deletions;
      }
    }
    if (winner.deletion) {
      register_.emplace_back(register_key, std::nullopt);
    } else {
      EncodeRecordKey(RecordKey{winner.id_body, batch_number_, winner.line},
                      key);
      register_.emplace_back(register_key, std::string(key, kRecordKeySize));
    }
    i = j + 1;
  }
  return Status::OK();
}

Status FileIngester::WriteDeletions() {
  if (deleted_keys_.empty()) return Status::OK();
  std::sort(deleted_keys_.begin(), deleted_keys_.end());
  deleted_keys_.erase(std::unique(deleted_keys_.begin(), deleted_keys_.end()),
                      deleted_keys_.end());
  std::string path = fmt::format("{}/deletions.sst", staging_);
  HEDUI_RETURN_IF_ERROR(WriteDeletionSst(path, deleted_keys_));
  sst_files_.push_back(path);
  return Status::OK();
}

Status FileIngester::Open() {
  HEDUI_RETURN_IF_ERROR(input_.Open(file_));
  BatchInfo& info = result_.batch;
  info.kind = mapping_.kind;
  info.file = file_;
  info.mapping = mapping_.path;
  info.bytes = input_.size();
  return Status::OK();
}

Status FileIngester::HashWholeFile() {
  // XXH3, not XXH64: Debian's libxxhash runs XXH64 at 2 GB/s here and
  // XXH3 at 15 GB/s. Streamed, so that it equals the hash taken chunk by
  // chunk during an ingest.
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(
      XXH3_createState(), &XXH3_freeState);
  XXH3_64bits_reset(state.get());
  ByteArena buffer;
  const size_t piece = 4 << 20;
  for (size_t offset = 0; offset < input_.size(); offset += piece) {
    size_t n = std::min(piece, input_.size() - offset);
    HEDUI_RETURN_IF_ERROR(input_.Read(offset, n, &buffer));
    XXH3_64bits_update(state.get(), buffer.data(), n);
  }
  result_.batch.content_hash = XXH3_64bits_digest(state.get());
  hash_known_ = true;
  return Status::OK();
}

Status FileIngester::Prepare(bool hash_now) {
  auto started = std::chrono::steady_clock::now();
  Status s = PrepareUntimed(hash_now);
  prepare_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return s;
}

Status FileIngester::PrepareUntimed(bool hash_now) {
  if (hash_now) {
    HEDUI_RETURN_IF_ERROR(HashWholeFile());
    TimingMark(file_ + " hashed");
    if (auto earlier = index_->FindBatchByHash(mapping_.kind,
                                               result_.batch.content_hash)) {
      result_.batch = *earlier;
      result_.duplicate = true;
      return Status::OK();
    }
  }
  if (mapping_.format == SourceFormat::kCsv) {
    // The header from the head of the file, read further if it is long.
    ByteArena head;
    size_t want = std::min<size_t>(input_.size(), 64 << 10);
    for (;;) {
      HEDUI_RETURN_IF_ERROR(input_.Read(0, want, &head));
      bool needs_more = false;
      HEDUI_RETURN_IF_ERROR(
          parser_.ResolveCsvHeader(head.view(), want == input_.size(),
                                   &needs_more, &body_, &header_lines_));
      if (!needs_more) break;
      want = std::min(input_.size(), want * 4);
    }
  }
  return Status::OK();
}

FileIngester::~FileIngester() {
  if (quarantine_ != nullptr) std::fclose(quarantine_);
  if (!committed_ && !staging_.empty()) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
}

Status FileIngester::Stage(uint32_t number) {
  if (result_.duplicate) return Status::OK();
  run_started_ = std::chrono::steady_clock::now();
  const size_t size = input_.size();
  BatchInfo& info = result_.batch;
  batch_number_ = number;
  info.number = number;
  size_t body = body_;
  uint64_t header_lines = header_lines_;

  std::error_code ec;
  staging_ = fmt::format("{}/staging/batch-{}", index_->dir(), batch_number_);
  fs::remove_all(staging_, ec);
  HEDUI_RETURN_IF_ERROR(MakePrivateDirectory(staging_));
  std::string quarantine_dir = index_->dir() + "/quarantine";
  HEDUI_RETURN_IF_ERROR(MakePrivateDirectory(quarantine_dir));
  info.quarantine_file =
      fmt::format("{}/batch-{}-{}.tsv", quarantine_dir, batch_number_,
                  GetFeedSpec(mapping_.kind).name);
  HEDUI_RETURN_IF_ERROR(people_writer_.Open(staging_ + "/people.bin"));
  quarantine_tmp_ = staging_ + "/quarantine.tsv";
  quarantine_ = std::fopen(quarantine_tmp_.c_str(), "wb");
  if (quarantine_ == nullptr)
    return Status::IOError(fmt::format("{}: cannot write: {}", quarantine_tmp_,
                                       std::strerror(errno)));
  std::fputs(kQuarantineHeader, quarantine_);

  // The pipeline: cut chunks in order, convert in parallel, collect in order.
  CsvOptions csv;
  csv.delimiter = mapping_.delimiter;
  size_t next = body;
  uint64_t line_base = header_lines;
  bool is_csv = mapping_.format == SourceFormat::kCsv;
  // The content hash as the chunks go by, header first, unless Prepare
  // took it.
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> hash(
      XXH3_createState(), &XXH3_freeState);
  XXH3_64bits_reset(hash.get());
  if (!hash_known_ && body > 0) {
    ByteArena head;
    HEDUI_RETURN_IF_ERROR(input_.Read(0, body, &head));
    XXH3_64bits_update(hash.get(), head.data(), body);
  }
  // Room for a run: the budget and the chunk that crosses it, or the file.
  if (options_.memory_budget_bytes != SIZE_MAX) {
    options_.memory_budget_bytes =
        std::max(options_.memory_budget_bytes,
                 std::min(options_.max_run_bytes, size / 2));
  }
  run_arena_.Reserve(std::min(options_.memory_budget_bytes, size + size / 2) +
                     2 * options_.chunk_bytes);
  size_t tokens =
      static_cast<size_t>(tbb::this_task_arena::max_concurrency()) * 2;
  std::string feed_name(GetFeedSpec(mapping_.kind).name);
  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, ChunkResult*>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> ChunkResult* {
            if (next >= size) {
              fc.stop();
              return nullptr;
            }
            auto* chunk = new ChunkResult();
            chunk->begin = next;
            size_t window = options_.chunk_bytes;
            size_t cut = 0;
            for (;;) {
              bool at_eof = next + window >= size;
              Status read =
                  input_.Read(next, at_eof ? size - next : window, &chunk->raw);
              if (!read.ok()) {
                chunk->read_error = read;
                chunk->end = next;
                next = size;  // no more chunks
                return chunk;
              }
              std::string_view rest = chunk->raw.view();
              if (is_csv) {
                cut = FindCsvCut(rest, at_eof, csv);
              } else if (at_eof) {
                cut = rest.size();
              } else {
                const void* nl = memrchr(rest.data(), '\n', rest.size());
                cut = nl ? static_cast<size_t>(static_cast<const char*>(nl) -
                                               rest.data()) +
                               1
                         : 0;
              }
              if (cut > 0) break;
              window *= 2;  // one record longer than the window
            }
            chunk->end = next + cut;
            next += cut;
            return chunk;
          }) &
          tbb::make_filter<ChunkResult*, ChunkResult*>(
              tbb::filter_mode::parallel,
              [&](ChunkResult* chunk) {
                if (!chunk->read_error.ok()) return chunk;
                std::string_view raw =
                    chunk->raw.view().substr(0, chunk->end - chunk->begin);
                if (is_csv) {
                  parser_.ProcessCsvChunk(raw, chunk);
                } else {
                  parser_.ProcessNdjsonChunk(raw, chunk);
                }
                return chunk;
              }) &
          tbb::make_filter<ChunkResult*, void>(
              tbb::filter_mode::serial_in_order, [&](ChunkResult* raw_chunk) {
                std::unique_ptr<ChunkResult> chunk(raw_chunk);
                if (error_.ok() && !chunk->read_error.ok())
                  error_ = chunk->read_error;
                if (!error_.ok()) return;
                if (!hash_known_)
                  XXH3_64bits_update(hash.get(), chunk->raw.data(),
                                     chunk->end - chunk->begin);
                chunk->raw = ByteArena();  // back to the pool
                // Lines become 1-based physical line numbers of the file,
                // offsets are into the run's arena.
                const size_t base = run_arena_.size();
                run_arena_.Append(chunk->arena.view());
                for (Entry& e : chunk->entries) {
                  e.line = static_cast<uint32_t>(e.line + line_base + 1);
                  uintptr_t offset = reinterpret_cast<uintptr_t>(e.data);
                  if (e.key_length > 0) {
                    const char* value = chunk->arena.data() + offset;
                    keyed_.push_back(
                        Keyed{std::string(value + e.length, e.key_length),
                              e.id_body, e.line, e.deletion});
                  }
                  e.data = reinterpret_cast<const char*>(base + offset);
                }
                run_entries_.insert(run_entries_.end(), chunk->entries.begin(),
                                    chunk->entries.end());
                for (const QuarantineRow& q : chunk->quarantine) {
                  std::fprintf(
                      quarantine_, "%s\t%s\t%llu\t%.*s\t%.*s\t%s\n",
                      feed_name.c_str(), file_.c_str(),
                      static_cast<unsigned long long>(q.line + line_base + 1),
                      static_cast<int>(q.field.size()), q.field.data(),
                      static_cast<int>(q.reason.size()), q.reason.data(),
                      q.value.c_str());
                  ++reasons_[{std::string(q.field), std::string(q.reason)}];
                }
                line_base += chunk->lines;
                read_ += chunk->read;
                accepted_ += chunk->entries.size();
                quarantined_ += chunk->rejected_rows;
                pending_bytes_ =
                    run_arena_.size() + run_entries_.size() * sizeof(Entry);
                size_t done = chunk->end;
                chunk.reset();  // its buffers back to the pool
                if (pending_bytes_ > options_.memory_budget_bytes)
                  error_ = WriteRun();
                if (options_.progress) options_.progress(done, size);
              }));
  TimingMark(file_ + " parsed");
  if (!hash_known_) info.content_hash = XXH3_64bits_digest(hash.get());
  Status status = error_;
  if (status.ok()) status = ResolveKeys(&info);
  if (status.ok()) status = WriteRun();
  if (status.ok()) status = WriteDeletions();
  // The run's buffers back to the pool, for the next file to fill.
  run_arena_ = ByteArena();
  HugePageVector<Entry>().swap(run_entries_);
  HugePageVector<uint64_t>().swap(run_people_);
  TimingMark(file_ + " written");
  if (std::fclose(quarantine_) != 0 && status.ok()) {
    status = Status::IOError(fmt::format(
        "{}: cannot write: {}", quarantine_tmp_, std::strerror(errno)));
  }
  quarantine_ = nullptr;
  if (status.ok() && read_ != accepted_ + quarantined_) {
    status = Status::Internal(fmt::format(
        "{}: counts do not add up: read {} ≠ accepted {} + quarantined {}",
        file_, read_, accepted_, quarantined_));
  }
  if (status.ok()) {
    info.read = read_;
    info.accepted = accepted_;
    info.quarantined = quarantined_;
  }
  info.seconds =
      prepare_seconds_ + std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - run_started_)
                             .count();
  return status;
}

std::string FileIngester::HeldBack() const {
  if (result_.duplicate) return "";
  const BatchInfo& info = result_.batch;
  std::vector<std::string> why;
  // A file mostly unreadable is a wrong encoding, a wrong mapping or a
  // damaged export, whatever it would replace.
  if (info.read > 0 &&
      static_cast<double>(info.quarantined) >
          mapping_.max_quarantined_share * static_cast<double>(info.read)) {
    why.push_back(
        fmt::format("{} of its {} rows were quarantined (more than {:g}%, "
                    "feed.max_quarantined_share in {})",
                    info.quarantined, info.read,
                    mapping_.max_quarantined_share * 100, mapping_.path));
  }
  if (mapping_.mode == FeedMode::kSnapshot) {
    uint64_t before = 0;
    std::vector<uint32_t> live;
    for (const BatchInfo& b : index_->ListBatches()) {
      if (b.kind == mapping_.kind && b.source == mapping_.source &&
          b.superseded_by == 0) {
        before += b.accepted;
        live.push_back(b.number);
      }
    }
    if (before > 0 &&
        static_cast<double>(info.accepted) <
            (1.0 - mapping_.max_shrink) * static_cast<double>(before)) {
      std::string batches;
      for (uint32_t n : live)
        batches += fmt::format("{}{}", batches.empty() ? "" : ", ", n);
      why.push_back(fmt::format(
          "it would replace the {} snapshot of source '{}' (batch {}: {} "
          "records) with {} records, {:.0f}% fewer (more than {:g}%, "
          "feed.max_shrink in {})",
          GetFeedSpec(mapping_.kind).name, mapping_.source, batches, before,
          info.accepted,
          100.0 * static_cast<double>(before - info.accepted) /
              static_cast<double>(before),
          mapping_.max_shrink * 100, mapping_.path));
    }
  }
  if (why.empty()) return "";
  std::string text = fmt::format("{}: held back: ", file_);
  for (size_t i = 0; i < why.size(); ++i) text += (i ? "; and " : "") + why[i];
  // The commonest reasons, so that the officer knows where to look.
  std::vector<std::pair<uint64_t, std::pair<std::string, std::string>>> top;
  for (const auto& [key, n] : reasons_) top.push_back({n, key});
  std::stable_sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
    return a.first > b.first;
  });
  if (!top.empty()) {
    text += ". Quarantined:";
    for (size_t i = 0; i < top.size() && i < 3; ++i) {
      text += fmt::format(
          "{} {} × {}{}", i ? "," : "", top[i].first, top[i].second.second,
          top[i].second.first.empty() ? "" : " in " + top[i].second.first);
    }
  }
  return text;
}

StatusOr<IngestResult> FileIngester::Commit() {
  if (result_.duplicate) return result_;
  IngestResult result = result_;
  BatchInfo& info = result.batch;
  auto started = std::chrono::steady_clock::now();
  std::error_code ec;
  Status status;
  info.ingested_at = NowUtcText();
  fs::rename(quarantine_tmp_, info.quarantine_file, ec);
  if (ec)
    status = Status::IOError(fmt::format("{}: cannot write: {}",
                                         info.quarantine_file, ec.message()));
  if (status.ok()) {
    // Besides the people of the records written (appended run by run),
    // those a delta or snapshot removed records of. The list lives beside
    // the index, unsynced (8 MB for a register of a million, and a sync of
    // it cost a tenth of the ingest); the register entry carries its
    // checksum, so a damaged list is known to be unknown.
    std::sort(changed_people_.begin(), changed_people_.end());
    status = people_writer_.Append(changed_people_);
    StatusOr<std::string> changes =
        status.ok() ? people_writer_.Finish(*index_, info.number)
                    : StatusOr<std::string>(status);
    if (!changes.ok()) status = changes.status();
    TimingMark(file_ + " people listed");
    if (status.ok()) {
      register_.emplace_back(Index::ChangesKey(info.number),
                             std::move(changes.value()));
      info.seconds += std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - started)
                          .count();
      status = index_->CommitBatch(info, sst_files_, staging_, register_);
    }
  }
  TimingMark(file_ + " committed");
  if (!status.ok()) fs::remove(info.quarantine_file, ec);
  fs::remove_all(staging_, ec);
  committed_ = true;
  if (!status.ok()) return status;
  return result;
}

}  // namespace

StatusOr<std::vector<IngestResult>> IngestFiles(
    Index* index, const std::vector<IngestJob>& jobs,
    const IngestOptions& options) {
  std::vector<std::unique_ptr<FileIngester>> ingesters;
  for (const IngestJob& job : jobs) {
    ingesters.push_back(
        std::make_unique<FileIngester>(index, *job.mapping, job.file, options));
  }
  TimingMark("ingest starts");
  for (const auto& ingester : ingesters)
    HEDUI_RETURN_IF_ERROR(ingester->Open());
  // A file is hashed before it is ingested only if its content may be a
  // batch's already: another file of its kind, earlier or in this call,
  // has the same size. Otherwise the hash is taken during the ingest.
  std::vector<bool> hash_now(jobs.size(), false);
  std::vector<BatchInfo> batches = index->ListBatches();
  for (size_t i = 0; i < jobs.size(); ++i) {
    const BatchInfo& mine = ingesters[i]->info();
    for (const BatchInfo& b : batches)
      hash_now[i] =
          hash_now[i] || (b.kind == mine.kind && b.bytes == mine.bytes);
    for (size_t j = 0; j < jobs.size(); ++j) {
      hash_now[i] =
          hash_now[i] || (j != i && ingesters[j]->info().kind == mine.kind &&
                          ingesters[j]->info().bytes == mine.bytes);
    }
  }
  std::vector<Status> prepared(jobs.size());
  tbb::parallel_for(size_t{0}, jobs.size(), [&](size_t i) {
    prepared[i] = ingesters[i]->Prepare(hash_now[i]);
  });
  for (const Status& s : prepared) HEDUI_RETURN_IF_ERROR(s);
  TimingMark("prepared");
  // Batch numbers in the order the files were given, whatever finishes
  // first, so that evidence is the same at any thread count. The same
  // content twice in one call is one batch.
  std::vector<uint32_t> numbers(jobs.size(), 0);
  uint32_t next = index->NextBatchNumber();
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (ingesters[i]->duplicate()) continue;
    bool repeated = false;
    for (size_t j = 0; j < i; ++j) {
      repeated = repeated ||
                 (!ingesters[j]->duplicate() && ingesters[i]->hash_known() &&
                  ingesters[j]->hash_known() &&
                  ingesters[j]->info().kind == ingesters[i]->info().kind &&
                  ingesters[j]->info().content_hash ==
                      ingesters[i]->info().content_hash);
    }
    if (!repeated) numbers[i] = next++;
  }
  // One progress line for all files together.
  size_t total_bytes = 0;
  for (const auto& ingester : ingesters) total_bytes += ingester->info().bytes;
  std::mutex progress_mu;
  std::vector<size_t> done_bytes(jobs.size(), 0);
  for (size_t i = 0; i < jobs.size() && options.progress; ++i) {
    ingesters[i]->set_progress([&, i](size_t done, size_t) {
      std::lock_guard<std::mutex> lock(progress_mu);
      done_bytes[i] = done;
      size_t sum = 0;
      for (size_t d : done_bytes) sum += d;
      options.progress(sum, total_bytes);
    });
  }
  std::vector<Status> staged(jobs.size());
  // One file after the other, each over every core, so that the next
  // file's chunks and run reuse the buffers the last one returned to the
  // pool: staged all at once, every file's chunks in flight took fresh
  // memory, and memory touched for the first time is slow here: the
  // five exports of the 1-million county (roll 3%), 5 runs each
  // interleaved on the loaded machine, peak RSS 311 MB -> 214 MB, system
  // time 0.17-0.72 s (median 0.50) -> 0.18-0.40 s (0.32), wall 2.89-5.80
  // s (4.35) -> 3.07-5.08 s (3.58).
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (numbers[i] == 0 && !ingesters[i]->duplicate()) continue;
    staged[i] = ingesters[i]->Stage(numbers[i]);
  }
  // Every file staged, none committed: an error or a held-back snapshot
  // stops the whole call, as a bad header does (each ingester's staging
  // goes with it).
  for (const Status& s : staged) HEDUI_RETURN_IF_ERROR(s);
  if (!options.accept_shrink) {
    std::string held;
    for (size_t i = 0; i < jobs.size(); ++i) {
      if (numbers[i] == 0) continue;
      std::string why = ingesters[i]->HeldBack();
      if (!why.empty()) held += (held.empty() ? "" : "\n") + why;
    }
    if (!held.empty()) {
      return Status::InvalidArgument(fmt::format(
          "{}\nNothing was ingested{}. Check the file (its encoding, whether "
          "the export is complete); if it is right, ingest again with "
          "--accept-shrink.",
          held, jobs.size() > 1 ? " from any of the files given" : ""));
    }
  }
  std::vector<StatusOr<IngestResult>> results(jobs.size(),
                                              Status::Internal("not run"));
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (numbers[i] == 0 && !ingesters[i]->duplicate()) continue;
    results[i] = ingesters[i]->Commit();
    if (!results[i].ok()) return results[i].status();
  }
  std::vector<IngestResult> out;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (numbers[i] == 0 && !ingesters[i]->duplicate()) {
      // The same content earlier in this call: report that batch.
      for (size_t j = 0; j < i; ++j) {
        if (numbers[j] != 0 && ingesters[j]->hash_known() &&
            ingesters[j]->info().kind == ingesters[i]->info().kind &&
            ingesters[j]->info().content_hash ==
                ingesters[i]->info().content_hash &&
            results[j].ok()) {
          IngestResult dup = results[j].value();
          dup.duplicate = true;
          out.push_back(dup);
        }
      }
      continue;
    }
    if (!results[i].ok()) return results[i].status();
    out.push_back(std::move(results[i].value()));
  }
  return out;
}

StatusOr<IngestResult> IngestFile(Index* index, const Mapping& mapping,
                                  const std::string& file,
                                  const IngestOptions& options) {
  StatusOr<std::vector<IngestResult>> results =
      IngestFiles(index, {IngestJob{&mapping, file}}, options);
  if (!results.ok()) return results.status();
  return std::move(results.value().front());
}

}  // namespace hedui
