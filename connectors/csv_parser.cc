#include "connectors/csv_parser.h"

#include <cstdint>
#include <cstring>

namespace hedui {

size_t FindCsvCut(std::string_view data, bool at_eof,
                  const CsvOptions& options) {
  const char* p = data.data();
  const size_t n = data.size();
  if (n == 0) return 0;
  const char delim = options.delimiter;
  // Jumps from quote to quote with memchr (this runs in the pipeline's one
  // serial stage): text between quotes only matters for its last newline.
  size_t cut = 0;
  size_t i = 0;
  for (;;) {
    const char* q = static_cast<const char*>(std::memchr(p + i, '"', n - i));
    size_t stop = q ? static_cast<size_t>(q - p) : n;
    if (stop > i) {
      const void* nl = memrchr(p + i, '\n', stop - i);
      if (nl) cut = static_cast<size_t>(static_cast<const char*>(nl) - p) + 1;
    }
    if (q == nullptr) return at_eof ? n : cut;
    size_t open = stop;
    bool field_start = open == 0 || p[open - 1] == delim || p[open - 1] == '\n';
    if (!field_start) {
      i = open + 1;  // a quote inside an unquoted field is text (bad_quote)
      continue;
    }
    // A quoted field: find its closing quote (one not doubled).
    i = open + 1;
    bool closed = false;
    while (i < n) {
      const char* c = static_cast<const char*>(std::memchr(p + i, '"', n - i));
      if (c == nullptr) {
        i = n;
        break;
      }
      i = static_cast<size_t>(c - p) + 1;
      if (i < n && p[i] == '"') {
        ++i;  // doubled quote
        continue;
      }
      if (i == n && !at_eof) break;  // cannot tell yet
      closed = true;
      break;
    }
    if (!closed) {
      bool too_long = n - open > options.max_record_bytes;
      if (at_eof || too_long) {
        // Unterminated: the record ends at the first newline after `open`.
        const void* nl = std::memchr(p + open, '\n', n - open);
        return nl ? static_cast<size_t>(static_cast<const char*>(nl) - p) + 1
                  : n;
      }
      return cut;
    }
  }
}

bool CsvParser::Next(CsvRecord* record) {
  const char* p = data_.data();
  const size_t n = data_.size();
  const char delim = options_.delimiter;
  // Skip blank lines (a lone CR counts as blank).
  while (pos_ < n && (p[pos_] == '\n' || (p[pos_] == '\r' && pos_ + 1 < n &&
                                          p[pos_ + 1] == '\n'))) {
    if (p[pos_] == '\r') ++pos_;
    ++pos_;
    ++line_;
  }
  if (pos_ >= n) return false;
  record->fields.clear();
  record->error = nullptr;
  record->first_line = line_;
  size_t start = pos_;
  scratch_.clear();
  scratch_.reserve(n - pos_ < 4096 ? n - pos_ : 4096);
  // Offsets into scratch_ are resolved to views after the record is done,
  // because scratch_ may grow.
  std::vector<Pending>& pending = pending_;
  pending.clear();
  size_t quoted_newlines = 0;
  size_t i = pos_;
  for (;;) {
    // At the start of a field.
    if (i < n && p[i] == '"') {
      size_t open = i;
      ++i;
      size_t offset = scratch_.size();
      bool closed = false;
      while (i < n) {
        const char* q =
            static_cast<const char*>(std::memchr(p + i, '"', n - i));
        if (q == nullptr) break;
        size_t qi = static_cast<size_t>(q - p);
        scratch_.append(p + i, qi - i);
        for (size_t k = i; k < qi; ++k) quoted_newlines += (p[k] == '\n');
        if (qi + 1 < n && p[qi + 1] == '"') {
          scratch_.push_back('"');
          i = qi + 2;
          continue;
        }
        i = qi + 1;
        closed = true;
        break;
      }
      if (!closed) {
        // Unterminated: the record ends at the first newline after the quote.
        const void* nl = std::memchr(p + open, '\n', n - open);
        size_t end =
            nl ? static_cast<size_t>(static_cast<const char*>(nl) - p) + 1 : n;
        record->error = "unterminated_quote";
        record->raw = std::string_view(p + start, end - start);
        record->line_count = 1;
        pos_ = end;
        for (size_t k = start; k < end; ++k) line_ += (p[k] == '\n');
        return true;
      }
      pending.push_back(
          {record->fields.size(), offset, scratch_.size() - offset});
      record->fields.emplace_back();
      // After the closing quote: delimiter, end of line, or an error.
      size_t after = i;
      while (after < n && p[after] != delim && p[after] != '\n') ++after;
      if (after != i && !(after == i + 1 && p[i] == '\r'))
        record->error = "bad_quote";
      i = after;
    } else {
      size_t begin = i;
      // Eight bytes at a time while none is a delimiter, newline or quote.
      const uint64_t kOnes = 0x0101010101010101ULL,
                     kHighs = 0x8080808080808080ULL;
      const uint64_t delims = kOnes * static_cast<unsigned char>(delim);
      while (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        uint64_t a = w ^ delims, b = w ^ (kOnes * '\n'), c = w ^ (kOnes * '"');
        uint64_t hit =
            ((a - kOnes) & ~a) | ((b - kOnes) & ~b) | ((c - kOnes) & ~c);
        if (hit & kHighs) break;
        i += 8;
      }
      while (i < n && p[i] != delim && p[i] != '\n') {
        if (p[i] == '"') record->error = "bad_quote";
        ++i;
      }
      size_t end = i;
      if (end > begin && p[end - 1] == '\r' && (i >= n || p[i] == '\n')) --end;
      record->fields.emplace_back(p + begin, end - begin);
    }
    if (i < n && p[i] == delim) {
      ++i;
      continue;
    }
    break;  // newline or end of chunk
  }
  size_t end = i < n ? i + 1 : n;
  // Newlines occur only inside quoted fields and at the end of the record.
  size_t newlines = quoted_newlines + (i < n ? 1 : 0);
  record->line_count = newlines == 0 ? 1 : newlines;
  line_ += newlines;
  size_t raw_end = end;
  while (raw_end > start && (p[raw_end - 1] == '\n' || p[raw_end - 1] == '\r'))
    --raw_end;
  record->raw = std::string_view(p + start, raw_end - start);
  pos_ = end;
  for (const Pending& f : pending) {
    record->fields[f.index] =
        std::string_view(scratch_.data() + f.offset, f.length);
  }
  return true;
}

}  // namespace hedui
