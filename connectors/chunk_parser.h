// Chunk parsing: one chunk of an export (cut at record boundaries by the
// ingest pipeline) decoded to UTF-8, split into rows (CSV or NDJSON), and
// each row's mapped source values handed to the RowConverter. Runs on many
// chunks at once, each thread with its own scratch.
#ifndef HEDUI_CONNECTORS_CHUNK_PARSER_H_
#define HEDUI_CONNECTORS_CHUNK_PARSER_H_

#include <simdjson.h>
#include <tbb/enumerable_thread_specific.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/encoding.h"
#include "connectors/mapping.h"
#include "connectors/row_converter.h"
#include "engine/base/byte_arena.h"
#include "hedui/status.h"

namespace hedui {

// Per-thread scratch, reused across chunks: first-touch memory is slow on
// these machines (docs/ENGINEERING.md).
struct ThreadScratch {
  Gb18030Decoder decoder;
  ByteArena text;
  std::string padded;
  simdjson::ondemand::parser json;
  std::vector<std::string_view> raw;
  std::vector<bool> present;
  std::vector<std::string> owned;  // NDJSON values copied out of the parser
};

class ChunkParser {
 public:
  // `file` names the export in error messages.
  ChunkParser(const Mapping& mapping, const std::string& file);

  // Finds the CSV body after the skipped lines and the header in `head`
  // (the file's first bytes, or all of it if `whole_file`) and the source
  // column of every mapped field. Sets *needs_more if the header goes on
  // past `head`. Call once, before the chunks, for a CSV feed.
  [[nodiscard]] Status ResolveCsvHeader(std::string_view head, bool whole_file,
                                        bool* needs_more, size_t* body_offset,
                                        uint64_t* header_lines);
  // Parses the chunk `raw` (out->raw's bytes) into `out`. Thread-safe.
  void ProcessCsvChunk(std::string_view raw, ChunkResult* out);
  void ProcessNdjsonChunk(std::string_view raw, ChunkResult* out);

 private:
  std::string_view Decode(std::string_view raw, ThreadScratch* scratch);

  const Mapping& mapping_;
  std::string file_;
  size_t slots_ = 0;
  std::vector<std::vector<std::string>> json_paths_;
  std::vector<int> csv_columns_;  // source column per slot, -1 if absent
  size_t header_columns_ = 0;
  tbb::enumerable_thread_specific<ThreadScratch> scratch_;
};

}  // namespace hedui

#endif  // HEDUI_CONNECTORS_CHUNK_PARSER_H_
