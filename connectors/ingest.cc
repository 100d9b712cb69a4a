#include "connectors/ingest.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <rocksdb/sst_file_writer.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>
#include <unistd.h>
#include <xxhash.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "connectors/csv_parser.h"
#include "connectors/encoding.h"
#include "engine/base/huge_page_allocator.h"
#include "engine/base/files.h"
#include "engine/base/id_number.h"
#include "hedui/record.h"
#include "engine/base/text.h"
#include "engine/base/timing.h"

namespace hedui {

namespace {

namespace fs = std::filesystem;

// The input file, read piece by piece with pread into buffers from the
// huge-page pool. Streaming: a file larger than memory works, and the
// process never holds more of it than the chunks in flight.
//
// Why not mmap: on the virtual machines hedui runs on, the first touch of
// each mapped page costs far more than a copy into memory that is already
// mapped (56 ms against 24 ms for a register of 117 MB, hash included),
// and dropping pages behind the pipeline cost TLB shootdowns.
class InputFile {
 public:
  // Bytes past the end of what Read returns, readable: simdjson's padding.
  static constexpr size_t kPadding = 64;

  ~InputFile() {
    if (fd_ >= 0) close(fd_);
  }
  Status Open(const std::string& path) {
    path_ = path;
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
      return Status::IOError(
          fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    struct stat st;
    if (fstat(fd_, &st) != 0)
      return Status::IOError(
          fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
    if (!S_ISREG(st.st_mode))
      return Status::IOError(fmt::format("{}: not a regular file", path));
    size_ = static_cast<size_t>(st.st_size);
    posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    return Status::OK();
  }
  size_t size() const { return size_; }

  // Reads [offset, offset + n) into `out`, followed by kPadding zero bytes.
  Status Read(size_t offset, size_t n, ByteArena* out) const {
    out->Reserve(n + kPadding);
    out->Resize(n);
    size_t done = 0;
    while (done < n) {
      ssize_t r = pread(fd_, out->data() + done, n - done,
                        static_cast<off_t>(offset + done));
      if (r < 0 && errno == EINTR) continue;
      if (r < 0)
        return Status::IOError(
            fmt::format("{}: cannot read: {}", path_, std::strerror(errno)));
      if (r == 0)
        return Status::IOError(fmt::format(
            "{}: the file shrank while it was read; nothing was ingested",
            path_));
      done += static_cast<size_t>(r);
    }
    std::memset(out->data() + n, 0, kPadding);
    return Status::OK();
  }

 private:
  std::string path_;
  int fd_ = -1;
  size_t size_ = 0;
};

struct Entry {
  uint64_t id_body;
  uint32_t line;
  uint32_t length;
  const char* data;  // into a chunk's arena, fixed once the chunk is done
  // A keyed feed's natural key follows the value in the arena.
  uint32_t key_length = 0;
  bool deletion = false;  // a delta row that removes the record with its key
};

struct QuarantineRow {
  uint64_t line;
  std::string_view field;
  std::string_view reason;
  std::string value;
};

// What one chunk produced. Lines are relative to the chunk until the
// in-order stage adds the chunk's first line.
struct ChunkResult {
  size_t begin = 0;
  size_t end = 0;
  ByteArena raw;  // the file's bytes [begin, end), and then some
  Status read_error;
  ByteArena arena;
  HugePageVector<Entry> entries;  // `data` holds an arena offset until fixed up
  std::vector<QuarantineRow> quarantine;
  uint64_t lines = 0;
  uint64_t read = 0;
};

std::string EscapeForTsv(std::string_view raw) {
  std::string out;
  size_t limit = raw.size() < 300 ? raw.size() : 300;
  for (size_t i = 0; i < limit; ++i) {
    char c = raw[i];
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
    }
  }
  if (raw.size() > limit) out += "…";
  // Invalid bytes would make the quarantine file itself unreadable.
  if (!IsValidUtf8(out)) {
    std::string hex;
    for (unsigned char c : out) {
      if (c < 0x80) {
        hex.push_back(static_cast<char>(c));
      } else {
        hex += fmt::format("\\x{:02x}", c);
      }
    }
    return hex;
  }
  return out;
}

bool ParseMonth(std::string_view raw, std::string* out) {
  std::string folded = FoldFullWidth(TrimBlank(raw));
  int digits[2] = {0, 0};
  int lengths[2] = {0, 0};
  int g = 0;
  size_t i = 0;
  while (i < folded.size() && g < 2) {
    char c = folded[i];
    if (c >= '0' && c <= '9') {
      int len = 0, v = 0;
      while (i < folded.size() && folded[i] >= '0' && folded[i] <= '9') {
        if (len < 9) v = v * 10 + (folded[i] - '0');
        ++len;
        ++i;
      }
      digits[g] = v;
      lengths[g++] = len;
      continue;
    }
    if (g == 0) return false;
    if (c == '-' || c == '/' || c == '.') {
      ++i;
    } else if (folded.compare(i, 3, "年") == 0) {
      i += 3;
    } else {
      break;
    }
  }
  int year, month;
  if (g == 1 && lengths[0] == 6) {
    year = digits[0] / 100;
    month = digits[0] % 100;
  } else if (g == 1 && lengths[0] == 8) {  // a whole date: keep its month
    year = digits[0] / 10000;
    month = digits[0] / 100 % 100;
  } else if (g == 2 && lengths[0] == 4 && lengths[1] <= 2) {
    year = digits[0];
    month = digits[1];
  } else {
    return false;
  }
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return false;
  *out = fmt::format("{:04}-{:02}", year, month);
  return true;
}

// Turns the raw source values of one row into a canonical record, or into
// one quarantine row naming the first field that failed.
class RowConverter {
 public:
  explicit RowConverter(const Mapping& mapping) : mapping_(mapping) {
    const FeedSpec& spec = mapping.spec();
    id_field_ = spec.FieldIndex("id_number");
    for (size_t i = 0; i < mapping.fields.size(); ++i) {
      if (mapping.fields[i].field == id_field_) id_slot_ = static_cast<int>(i);
    }
  }

  // `raw[i]` is the source value of mapping.fields[i] (null: absent).
  void Convert(const std::vector<std::string_view>& raw,
               const std::vector<bool>& present, uint64_t line,
               ChunkResult* out) {
    // Fields go straight into the arena in schema order; a rejected row
    // rolls the arena back. Mapped fields are sorted by schema index.
    const size_t field_count = mapping_.spec().fields.size();
    const size_t offset = out->arena.size();
    const size_t marker = mapping_.fields.size();
    bool deletion = false;
    if (mapping_.deleted && present.size() > marker && present[marker]) {
      std::string folded = FoldSpelling(raw[marker]);
      for (const std::string& v : mapping_.deleted->values)
        deletion = deletion || v == folded;
    }
    auto reject = [&](std::string_view field, std::string_view reason,
                      std::string_view value) {
      out->arena.Resize(offset);
      Reject(line, field, reason, value, out);
    };
    size_t next_field = 0;
    uint64_t id_body = 0;
    char buf[32];
    for (size_t i = 0; i < mapping_.fields.size(); ++i) {
      const FieldMapping& f = mapping_.fields[i];
      for (; next_field < static_cast<size_t>(f.field); ++next_field)
        out->arena.PushBack(0);
      ++next_field;
      std::string_view value =
          present[i] ? TrimBlank(raw[i]) : std::string_view();
      if (value.empty() && f.default_value) value = *f.default_value;
      if (value.empty()) {
        // A deletion row needs only its key.
        bool needed = deletion ? IsKeyField(f.field) : f.required;
        if (needed) return reject(f.spec->name, "missing_value", "");
        out->arena.PushBack(0);
        continue;
      }
      switch (f.spec->type) {
        case FieldType::kId: {
          ResidentId id;
          IdError e = ParseResidentId(value, &id);
          if (e != IdError::kNone)
            return reject(f.spec->name, IdErrorCode(e), value);
          id.WriteTo(buf);
          AppendField(std::string_view(buf, 18), &out->arena);
          if (static_cast<int>(i) == id_slot_) id_body = id.body;
          break;
        }
        case FieldType::kText:
          if (value.find('\xEF') != std::string_view::npos ||
              value.find('\xE3') != std::string_view::npos) {
            AppendField(FoldFullWidth(value), &out->arena);
          } else {
            AppendField(value, &out->arena);
          }
          break;
        case FieldType::kDate: {
          Date d;
          if (!ParseDate(value, &d))
            return reject(f.spec->name, "bad_date", value);
          d.WriteTo(buf);
          AppendField(std::string_view(buf, 10), &out->arena);
          break;
        }
        case FieldType::kAmount: {
          int64_t fen;
          if (!ParseAmountFen(value, f.unit, &fen))
            return reject(f.spec->name, "bad_amount", value);
          AppendField(std::string_view(buf, WriteFen(fen, buf)), &out->arena);
          break;
        }
        case FieldType::kMonth:
          if (!ParseMonth(value, &scratch_))
            return reject(f.spec->name, "bad_month", value);
          AppendField(scratch_, &out->arena);
          break;
        case FieldType::kEnum: {
          scratch_ = FoldSpelling(value);
          auto it = f.values.find(scratch_);
          if (it != f.values.end()) {
            AppendField(it->second, &out->arena);
          } else if (f.spec->codes.empty() ? f.values.empty()
                                           : IsCode(*f.spec, scratch_)) {
            AppendField(scratch_, &out->arena);  // already the canonical code
          } else if (f.other) {
            AppendField(*f.other, &out->arena);
          } else {
            return reject(f.spec->name, "unknown_value", value);
          }
          break;
        }
      }
    }
    for (; next_field < field_count; ++next_field) out->arena.PushBack(0);
    Entry entry{id_body, static_cast<uint32_t>(line),
                static_cast<uint32_t>(out->arena.size() - offset),
                reinterpret_cast<const char*>(offset)};
    entry.deletion = deletion;
    if (!mapping_.key_fields.empty()) {
      // The natural key: the key fields' normalised values, joined by US.
      std::vector<std::string_view> fields;
      DecodeRecordFields(
          std::string_view(out->arena.data() + offset, entry.length), &fields);
      std::string key;
      for (size_t k = 0; k < mapping_.key_fields.size(); ++k) {
        if (k) key.push_back('\x1f');
        key.append(fields[static_cast<size_t>(mapping_.key_fields[k])]);
      }
      out->arena.Append(key);
      entry.key_length = static_cast<uint32_t>(key.size());
    }
    out->entries.push_back(entry);
  }

  bool IsKeyField(int field) const {
    return std::find(mapping_.key_fields.begin(), mapping_.key_fields.end(),
                     field) != mapping_.key_fields.end();
  }

  static void AppendField(std::string_view value, ByteArena* out) {
    char* p = out->Extend(value.size() + 5);
    size_t n = value.size(), k = 0;
    while (n >= 0x80) {
      p[k++] = static_cast<char>((n & 0x7F) | 0x80);
      n >>= 7;
    }
    p[k++] = static_cast<char>(n);
    std::memcpy(p + k, value.data(), value.size());
    out->Commit(k + value.size());
  }

  static void Reject(uint64_t line, std::string_view field,
                     std::string_view reason, std::string_view value,
                     ChunkResult* out) {
    out->quarantine.push_back(
        QuarantineRow{line, field, reason, EscapeForTsv(value)});
  }

 private:
  static bool IsCode(const FieldSpec& spec, std::string_view code) {
    for (std::string_view c : spec.codes) {
      if (c == code) return true;
    }
    return false;
  }

  const Mapping& mapping_;
  int id_field_ = -1;
  int id_slot_ = -1;
  std::string scratch_;
};

// Per-thread scratch, reused across chunks: first-touch memory is slow on
// these machines (ENGINEERING_NOTES.md).
struct ThreadScratch {
  Gb18030Decoder decoder;
  ByteArena text;
  std::string padded;
  simdjson::ondemand::parser json;
  std::vector<std::string_view> raw;
  std::vector<bool> present;
  std::vector<std::string> owned;  // NDJSON values copied out of the parser
};

class FileIngester {
 public:
  FileIngester(Index* index, const Mapping& mapping, const std::string& file,
               const IngestOptions& options)
      : index_(index), mapping_(mapping), file_(file), options_(options) {
    // One source slot per mapped field, and one more for a delta's
    // deletion marker.
    slots_ = mapping.fields.size() + (mapping.deleted ? 1 : 0);
    for (const FieldMapping& f : mapping.fields) json_paths_.push_back(f.path);
    if (mapping.deleted) json_paths_.push_back(mapping.deleted->path);
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
  // Ingests as batch `number` (ignored for a duplicate).
  StatusOr<IngestResult> Run(uint32_t number);
  const BatchInfo& info() const { return result_.batch; }
  void set_progress(std::function<void(size_t, size_t)> progress) {
    options_.progress = std::move(progress);
  }

 private:
  Status ResolveCsvHeader(std::string_view head, bool whole_file,
                          bool* needs_more, size_t* body_offset,
                          uint64_t* header_lines);
  Status HashWholeFile();
  void ProcessCsvChunk(std::string_view raw, ChunkResult* out);
  void ProcessNdjsonChunk(std::string_view raw, ChunkResult* out);
  std::string_view Decode(std::string_view raw, ThreadScratch* scratch);
  Status WriteRun();
  Status WriteQuarantine(const std::string& path);

  Index* index_;
  const Mapping& mapping_;
  std::string file_;
  IngestOptions options_;
  size_t slots_ = 0;
  std::vector<std::vector<std::string>> json_paths_;
  std::vector<int> csv_columns_;  // source column per slot, -1 if absent
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
  size_t header_columns_ = 0;
  tbb::enumerable_thread_specific<ThreadScratch> scratch_;

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
  std::chrono::steady_clock::time_point started_;
  std::string quarantine_tmp_;
  FILE* quarantine_ = nullptr;
  uint64_t read_ = 0, accepted_ = 0, quarantined_ = 0;
  Status error_;
};

std::string_view FileIngester::Decode(std::string_view raw,
                                      ThreadScratch* scratch) {
  if (mapping_.encoding == Encoding::kGb18030) {
    scratch->decoder.Convert(raw, &scratch->text);
    return scratch->text.view();
  }
  return raw;
}

Status FileIngester::ResolveCsvHeader(std::string_view data, bool whole_file,
                                      bool* needs_more, size_t* body_offset,
                                      uint64_t* header_lines) {
  *needs_more = false;
  size_t offset = Utf8BomLength(data);
  size_t lines_to_skip =
      static_cast<size_t>(mapping_.skip_lines) + (mapping_.header ? 1 : 0);
  size_t header_begin = offset;
  for (size_t k = 0; k < lines_to_skip; ++k) {
    if (k + 1 == lines_to_skip) header_begin = offset;
    const void* nl =
        std::memchr(data.data() + offset, '\n', data.size() - offset);
    if (nl == nullptr) {
      if (!whole_file) {
        *needs_more = true;  // the header goes on past the bytes read
        return Status::OK();
      }
      if (offset == data.size()) {
        return Status::InvalidArgument(
            fmt::format("{}: the file ends before its header (skip_lines = {})",
                        file_, mapping_.skip_lines));
      }
      offset = data.size();
    } else {
      offset =
          static_cast<size_t>(static_cast<const char*>(nl) - data.data()) + 1;
    }
  }
  *body_offset = offset;
  *header_lines = lines_to_skip;
  csv_columns_.assign(slots_, -1);
  if (!mapping_.header) {
    for (size_t i = 0; i < mapping_.fields.size(); ++i)
      csv_columns_[i] = mapping_.fields[i].column_index;
    if (mapping_.deleted) csv_columns_.back() = mapping_.deleted->column_index;
    return Status::OK();
  }
  ThreadScratch& scratch = scratch_.local();
  std::string_view header_text =
      Decode(data.substr(header_begin, offset - header_begin), &scratch);
  std::string header_copy(header_text);
  if (!IsValidUtf8(header_copy)) {
    return Status::InvalidArgument(fmt::format(
        "{}: the header line is not valid {}; check feed.encoding in {}", file_,
        mapping_.encoding == Encoding::kUtf8 ? "UTF-8" : "GB18030",
        mapping_.path));
  }
  CsvOptions csv;
  csv.delimiter = mapping_.delimiter;
  CsvParser parser(header_copy, csv);
  CsvRecord header;
  if (!parser.Next(&header))
    return Status::InvalidArgument(
        fmt::format("{}: the header line is empty", file_));
  header_columns_ = header.fields.size();
  std::vector<std::string> names;
  for (std::string_view f : header.fields) names.push_back(FoldSpelling(f));
  for (size_t i = 0; i < mapping_.fields.size(); ++i) {
    const FieldMapping& f = mapping_.fields[i];
    if (f.column_index >= 0) {
      csv_columns_[i] = f.column_index;
      continue;
    }
    if (f.column.empty()) continue;  // a default only
    std::string wanted = FoldSpelling(f.column);
    for (size_t c = 0; c < names.size(); ++c) {
      if (names[c] == wanted) {
        csv_columns_[i] = static_cast<int>(c);
        break;
      }
    }
    if (csv_columns_[i] < 0) {
      if (f.default_value) continue;
      std::string have;
      for (const std::string& n : names) have += (have.empty() ? "" : ", ") + n;
      return Status::InvalidArgument(fmt::format(
          "{}: column '{}' (fields.{} in {}) is not in the header; it has: {}",
          file_, f.column, f.spec->name, mapping_.path, have));
    }
  }
  if (mapping_.deleted) {
    const DeletionMarker& d = *mapping_.deleted;
    if (d.column_index >= 0) {
      csv_columns_.back() = d.column_index;
    } else {
      std::string wanted = FoldSpelling(d.column);
      for (size_t c = 0; c < names.size(); ++c) {
        if (names[c] == wanted) csv_columns_.back() = static_cast<int>(c);
      }
      if (csv_columns_.back() < 0) {
        return Status::InvalidArgument(fmt::format(
            "{}: column '{}' (feed.deleted in {}) is not in the header", file_,
            d.column, mapping_.path));
      }
    }
  }
  return Status::OK();
}

void FileIngester::ProcessCsvChunk(std::string_view raw, ChunkResult* out) {
  ThreadScratch& scratch = scratch_.local();
  out->arena.Reserve(raw.size() + raw.size() / 2 + 4096);
  out->entries.reserve(raw.size() / 64 + 16);
  std::string_view text = Decode(raw, &scratch);
  bool all_valid = IsValidUtf8(text);
  CsvOptions csv;
  csv.delimiter = mapping_.delimiter;
  CsvParser parser(text, csv);
  CsvRecord record;
  RowConverter converter(mapping_);
  scratch.raw.assign(slots_, std::string_view());
  scratch.present.assign(slots_, false);
  while (parser.Next(&record)) {
    ++out->read;
    uint64_t line = record.first_line;
    if (!all_valid && !IsValidUtf8(record.raw)) {
      RowConverter::Reject(line, "", "invalid_encoding", record.raw, out);
      continue;
    }
    if (record.error != nullptr) {
      RowConverter::Reject(line, "", record.error, record.raw, out);
      continue;
    }
    if (mapping_.header && record.fields.size() != header_columns_) {
      RowConverter::Reject(
          line, "", "column_count",
          fmt::format("{} columns, the header has {}: {}", record.fields.size(),
                      header_columns_, record.raw),
          out);
      continue;
    }
    bool short_row = false;
    for (size_t i = 0; i < slots_; ++i) {
      int c = csv_columns_[i];
      if (c < 0) {
        scratch.present[i] = false;
      } else if (static_cast<size_t>(c) < record.fields.size()) {
        scratch.raw[i] = record.fields[c];
        scratch.present[i] = true;
      } else {
        short_row = true;
      }
    }
    if (short_row) {
      RowConverter::Reject(
          line, "", "column_count",
          fmt::format("{} columns: {}", record.fields.size(), record.raw), out);
      continue;
    }
    converter.Convert(scratch.raw, scratch.present, line, out);
  }
  out->lines = parser.lines_seen();
}

// Extracts the mapped values of one JSON object, descending into nested
// objects for dotted columns.
simdjson::error_code ExtractJson(
    simdjson::ondemand::object object,
    const std::vector<std::vector<std::string>>& paths, size_t depth,
    const std::vector<std::string_view>& prefix, ThreadScratch* scratch) {
  for (auto field_result : object) {
    simdjson::ondemand::field field;
    if (auto e = std::move(field_result).get(field)) return e;
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    bool descend = false;
    for (size_t i = 0; i < paths.size(); ++i) {
      const std::vector<std::string>& path = paths[i];
      if (path.size() <= depth || path[depth] != key) continue;
      bool prefix_ok = true;
      for (size_t d = 0; d < depth; ++d)
        prefix_ok = prefix_ok && path[d] == prefix[d];
      if (!prefix_ok) continue;
      if (path.size() > depth + 1) {
        descend = true;
        continue;
      }
      if (scratch->present[i]) continue;  // first occurrence wins
      simdjson::ondemand::json_type type;
      if (auto e = field.value().type().get(type)) return e;
      std::string& slot = scratch->owned[i];
      switch (type) {
        case simdjson::ondemand::json_type::string: {
          std::string_view s;
          if (auto e = field.value().get_string().get(s)) return e;
          slot.assign(s);
          break;
        }
        case simdjson::ondemand::json_type::null:
          slot.clear();
          break;
        case simdjson::ondemand::json_type::number:
        case simdjson::ondemand::json_type::boolean: {
          std::string_view token = field.value().raw_json_token();
          slot.assign(TrimBlank(token));
          break;
        }
        default:
          return simdjson::INCORRECT_TYPE;
      }
      scratch->present[i] = true;
    }
    if (descend && depth < 4) {
      simdjson::ondemand::object inner;
      if (field.value().get_object().get(inner) == simdjson::SUCCESS) {
        std::vector<std::string_view> next = prefix;
        next.push_back(key);
        // Keys of `next` view the parser's buffer, valid for this document.
        if (auto e = ExtractJson(inner, paths, depth + 1, next, scratch))
          return e;
      }
    }
  }
  return simdjson::SUCCESS;
}

void FileIngester::ProcessNdjsonChunk(std::string_view raw, ChunkResult* out) {
  ThreadScratch& scratch = scratch_.local();
  out->arena.Reserve(raw.size() + raw.size() / 2 + 4096);
  std::string_view text = raw;
  size_t bom = out->begin == 0 ? Utf8BomLength(text) : 0;
  text.remove_prefix(bom);
  // simdjson reads up to SIMDJSON_PADDING bytes past a document's end:
  // UTF-8 rows are read in place, the chunk's buffer has the room;
  // decoded ones are copied with it.
  static_assert(InputFile::kPadding >= simdjson::SIMDJSON_PADDING);
  const char* base = text.data();
  size_t buffer_end =
      static_cast<size_t>(out->raw.data() + out->raw.size() - text.data()) +
      InputFile::kPadding;
  if (mapping_.encoding == Encoding::kGb18030) {
    text = Decode(text, &scratch);
    scratch.padded.assign(text);
    scratch.padded.append(simdjson::SIMDJSON_PADDING, '\0');
    base = scratch.padded.data();
    buffer_end = scratch.padded.size();
  }
  const size_t size = text.size();
  bool all_valid = IsValidUtf8(text);
  RowConverter converter(mapping_);
  scratch.raw.assign(slots_, std::string_view());
  scratch.owned.assign(slots_, std::string());
  size_t pos = 0;
  uint64_t line = 0;
  while (pos < size) {
    const void* nl = std::memchr(base + pos, '\n', size - pos);
    size_t end =
        nl ? static_cast<size_t>(static_cast<const char*>(nl) - base) : size;
    std::string_view row(base + pos, end - pos);
    uint64_t this_line = line;
    pos = end + 1;
    ++line;
    std::string_view trimmed = TrimBlank(row);
    if (trimmed.empty()) continue;
    ++out->read;
    if (!all_valid && !IsValidUtf8(row)) {
      RowConverter::Reject(this_line, "", "invalid_encoding", row, out);
      continue;
    }
    scratch.present.assign(slots_, false);
    size_t capacity = buffer_end - static_cast<size_t>(row.data() - base);
    simdjson::ondemand::document doc;
    simdjson::error_code error = scratch.json
                                     .iterate(simdjson::padded_string_view(
                                         row.data(), row.size(), capacity))
                                     .get(doc);
    simdjson::ondemand::object object;
    if (!error) error = doc.get_object().get(object);
    if (!error) error = ExtractJson(object, json_paths_, 0, {}, &scratch);
    // An object followed by more text is not one record: this simdjson has
    // no at_end() on documents, but a record line must end with its brace.
    if (!error && trimmed.back() != '}') error = simdjson::TRAILING_CONTENT;
    if (error) {
      RowConverter::Reject(
          this_line, "", "bad_json",
          fmt::format("{}: {}", simdjson::error_message(error), row), out);
      continue;
    }
    for (size_t i = 0; i < slots_; ++i) scratch.raw[i] = scratch.owned[i];
    converter.Convert(scratch.raw, scratch.present, this_line, out);
  }
  out->lines = line;
}

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
    // invalidate_page_cache = false: by default the writer drops what it
    // wrote from the page cache, and the cross-check that follows an ingest
    // then reads it all back from disk (1.9 s against 0.4 s at 1 million).
    // Writeback starts every 4 MB instead of all at the sync in Finish.
    rocksdb::EnvOptions env_options;
    env_options.bytes_per_sync = 4 << 20;
    rocksdb::SstFileWriter writer{env_options, Index::SstWriterOptions(),
                                  nullptr,
                                  /*invalidate_page_cache=*/false};
    rocksdb::Status s = writer.Open(files[p]);
    char key[kRecordKeySize];
    for (size_t i = begin; s.ok() && i < end; ++i) {
      // The records are scattered over the run's arena: fetch a record
      // (both its cache lines) well before the writer copies it.
      if (i + 16 < end) {
        __builtin_prefetch(entries[i + 16].data);
        __builtin_prefetch(entries[i + 16].data + 64);
      }
      EncodeRecordKey(
          RecordKey{entries[i].id_body, batch_number_, entries[i].line}, key);
      s = writer.Put(rocksdb::Slice(key, kRecordKeySize),
                     rocksdb::Slice(entries[i].data, entries[i].length));
    }
    if (s.ok()) s = writer.Finish();
    if (!s.ok())
      statuses[p] = Status::IOError(
          fmt::format("{}: cannot write: {}", files[p], s.ToString()));
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
  rocksdb::SstFileWriter writer{rocksdb::EnvOptions(),
                                Index::SstWriterOptions(), nullptr, false};
  rocksdb::Status s = writer.Open(path);
  for (size_t i = 0; s.ok() && i < deleted_keys_.size(); ++i)
    s = writer.Delete(deleted_keys_[i]);
  if (s.ok()) s = writer.Finish();
  if (!s.ok())
    return Status::IOError(
        fmt::format("{}: cannot write: {}", path, s.ToString()));
  sst_files_.push_back(path);
  return Status::OK();
}

Status FileIngester::Open() {
  started_ = std::chrono::steady_clock::now();
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
      HEDUI_RETURN_IF_ERROR(ResolveCsvHeader(head.view(), want == input_.size(),
                                             &needs_more, &body_,
                                             &header_lines_));
      if (!needs_more) break;
      want = std::min(input_.size(), want * 4);
    }
  }
  return Status::OK();
}

StatusOr<IngestResult> FileIngester::Run(uint32_t number) {
  if (result_.duplicate) return result_;
  const size_t size = input_.size();
  IngestResult result = result_;
  BatchInfo& info = result.batch;
  batch_number_ = number;
  info.number = number;
  auto started = started_;
  size_t body = body_;
  uint64_t header_lines = header_lines_;

  std::error_code ec;
  staging_ = fmt::format("{}/staging/batch-{}", index_->dir(), batch_number_);
  fs::remove_all(staging_, ec);
  fs::create_directories(staging_, ec);
  if (ec)
    return Status::IOError(
        fmt::format("{}: cannot create: {}", staging_, ec.message()));
  std::string quarantine_dir = index_->dir() + "/quarantine";
  fs::create_directories(quarantine_dir, ec);
  if (ec)
    return Status::IOError(
        fmt::format("{}: cannot create: {}", quarantine_dir, ec.message()));
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
                  ProcessCsvChunk(raw, chunk);
                } else {
                  ProcessNdjsonChunk(raw, chunk);
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
                }
                line_base += chunk->lines;
                read_ += chunk->read;
                accepted_ += chunk->entries.size();
                quarantined_ += chunk->quarantine.size();
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
    info.ingested_at = NowUtcText();
    info.seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - started)
                       .count();
    fs::rename(quarantine_tmp_, info.quarantine_file, ec);
    if (ec)
      status = Status::IOError(fmt::format("{}: cannot write: {}",
                                           info.quarantine_file, ec.message()));
  }
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
      status = index_->CommitBatch(info, sst_files_, staging_, register_);
    }
  }
  TimingMark(file_ + " committed");
  if (!status.ok()) fs::remove(info.quarantine_file, ec);
  fs::remove_all(staging_, ec);
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
  std::vector<StatusOr<IngestResult>> results(jobs.size(),
                                              Status::Internal("not run"));
  tbb::task_group group;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (numbers[i] == 0 && !ingesters[i]->duplicate()) continue;
    group.run([&, i] { results[i] = ingesters[i]->Run(numbers[i]); });
  }
  group.wait();
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
