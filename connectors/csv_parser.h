// RFC 4180 CSV over UTF-8 text: quoted fields with embedded delimiters,
// newlines and doubled quotes; CRLF or LF. Chunked so that a file can be
// split at record boundaries and its chunks parsed in parallel.
//
// Two rules keep one bad quote from swallowing the rest of a file:
//  - a quote inside an unquoted field is an error of that row (bad_quote),
//    not the start of a quoted section;
//  - a quoted field still open after `max_record_bytes`, or at the end of
//    the file, is unterminated: its record ends at the first newline after
//    the opening quote (unterminated_quote), and parsing resumes there.
#ifndef HEDUI_CONNECTORS_CSV_PARSER_H_
#define HEDUI_CONNECTORS_CSV_PARSER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hedui {

struct CsvOptions {
  char delimiter = ',';
  size_t max_record_bytes = 1 << 20;
};

// Where the last complete record of `data` ends: an offset just past a
// newline, or data.size() at the end of the file. 0 means no record ends in
// `data` yet (read more). `data` must start at a record boundary.
size_t FindCsvCut(std::string_view data, bool at_eof,
                  const CsvOptions& options);

struct CsvRecord {
  std::vector<std::string_view> fields;
  size_t first_line = 0;  // newlines in the chunk before the record starts
  size_t line_count = 1;  // physical lines the record spans
  const char* error = nullptr;  // bad_quote, unterminated_quote, or null
  std::string_view raw;         // the record's text, for the quarantine file
};

// Parses the records of one chunk (complete records, as cut above).
class CsvParser {
 public:
  CsvParser(std::string_view chunk, const CsvOptions& options)
      : data_(chunk), options_(options) {}

  // False at the end of the chunk. Blank lines are skipped.
  bool Next(CsvRecord* record);
  size_t lines_seen() const { return line_; }

 private:
  std::string_view data_;
  CsvOptions options_;
  size_t pos_ = 0;
  size_t line_ = 0;
  std::string scratch_;  // unescaped quoted fields of the current record
  struct Pending {
    size_t index, offset, length;
  };
  std::vector<Pending> pending_;  // quoted fields waiting for scratch_
};

}  // namespace hedui

#endif  // HEDUI_CONNECTORS_CSV_PARSER_H_
