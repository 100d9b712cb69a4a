// CSV cut and parse (connectors/csv_parser): any bytes, any delimiter.
// Besides not crashing: a cut never passes the end of the data and at the
// end of the file always makes progress, every record's raw text lies in its
// chunk, and cutting the file as ingest does (growing reads, a cut at each
// record boundary found so far) gives exactly the records of one parse of
// the whole file, with the same line numbers: the parallel ingest relies on
// it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/csv_parser.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

struct Row {
  std::vector<std::string> fields;
  std::string error;
  size_t line;
  size_t line_count;
  std::string raw;
  bool operator==(const Row&) const = default;
};

// Parses `data` as ingest does: read `step` more bytes at a time, cut at
// the last record boundary, parse the chunk, keep the rest for the next
// read. step = 0: the whole file at once.
std::vector<Row> ParseInChunks(std::string_view data, size_t step,
                               const hedui::CsvOptions& options) {
  std::vector<Row> rows;
  size_t begin = 0, line_base = 0, read = 0;
  while (begin < data.size()) {
    read = step == 0 ? data.size() : std::min(data.size(), read + step);
    bool at_eof = read == data.size();
    std::string_view buffer = data.substr(begin, read - begin);
    size_t cut = hedui::FindCsvCut(buffer, at_eof, options);
    FUZZ_CHECK(cut <= buffer.size());
    if (at_eof) FUZZ_CHECK(cut > 0);  // buffer is not empty here
    if (cut == 0) continue;           // no record ends yet: read more
    std::string_view chunk = buffer.substr(0, cut);
    hedui::CsvParser parser(chunk, options);
    hedui::CsvRecord record;
    while (parser.Next(&record)) {
      FUZZ_CHECK(record.raw.data() >= chunk.data());
      FUZZ_CHECK(record.raw.data() + record.raw.size() <=
                 chunk.data() + chunk.size());
      FUZZ_CHECK(record.line_count >= 1);
      Row row;
      for (std::string_view f : record.fields) row.fields.emplace_back(f);
      row.error = record.error ? record.error : "";
      row.line = line_base + record.first_line;
      row.line_count = record.line_count;
      row.raw = std::string(record.raw);
      rows.push_back(std::move(row));
    }
    line_base += parser.lines_seen();
    begin += cut;
  }
  return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  static constexpr char kDelimiters[] = {',', '\t', '|', ';'};
  hedui::CsvOptions options;
  options.delimiter = kDelimiters[data[0] % 4];
  size_t step = 1 + data[1] % 97;
  std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);

  std::vector<Row> whole = ParseInChunks(text, 0, options);
  std::vector<Row> chunked = ParseInChunks(text, step, options);
  FUZZ_CHECK(whole == chunked);

  // A small record cap: unterminated quotes end at their line, nothing is
  // swallowed, and the parse still terminates within the data.
  options.max_record_bytes = 1 + data[1] % 64;
  ParseInChunks(text, step, options);
  return 0;
}
