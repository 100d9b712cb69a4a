// Row conversion: the raw source values of one row, as the mapping picks
// them out of a CSV line or a JSON object, become a canonical record
// (normalised fields in schema order, hedui/record.h) or quarantine lines,
// one for every field that failed and why.
#ifndef HEDUI_CONNECTORS_ROW_CONVERTER_H_
#define HEDUI_CONNECTORS_ROW_CONVERTER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mapping.h"
#include "engine/base/byte_arena.h"
#include "engine/base/huge_page_allocator.h"
#include "hedui/status.h"

namespace hedui {

// One accepted row.
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
  std::vector<QuarantineRow> quarantine;  // a line per reason
  uint64_t rejected_rows = 0;             // rows, each with 1+ lines
  uint64_t lines = 0;
  uint64_t read = 0;
};

// Turns the raw source values of one row into a canonical record, or into
// quarantine lines naming every field that failed: a clerk fixes the row
// once, not once per check.
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
  // Appends the record to out->arena and out->entries, or its quarantine
  // lines to out->quarantine.
  void Convert(const std::vector<std::string_view>& raw,
               const std::vector<bool>& present, uint64_t line,
               ChunkResult* out);

  // A quarantined row with one reason: `line` (chunk-relative), `value`
  // made safe for the TSV file.
  static void Reject(uint64_t line, std::string_view field,
                     std::string_view reason, std::string_view value,
                     ChunkResult* out);
  // One more reason of a row; the caller counts the row once.
  static void AddReason(uint64_t line, std::string_view field,
                        std::string_view reason, std::string_view value,
                        ChunkResult* out);

 private:
  bool IsKeyField(int field) const;

  const Mapping& mapping_;
  int id_field_ = -1;
  int id_slot_ = -1;
  std::string scratch_;
};

}  // namespace hedui

#endif  // HEDUI_CONNECTORS_ROW_CONVERTER_H_
