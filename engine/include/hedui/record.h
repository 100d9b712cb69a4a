// How a canonical record is laid out in the index.
//
// Key (16 bytes, big-endian so that keys sort by person, then batch, then
// line): the 17-digit ID body (8) | batch number (4) | source line (4).
// Every record of a person in one column family is therefore found with one
// Seek to the 8-byte body, and every key is unique without a counter.
//
// Value: for each field of the kind's schema, in schema order, a varint
// length and the normalised text (dates YYYY-MM-DD, amounts "1234.50").
#ifndef HEDUI_RECORD_H_
#define HEDUI_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hedui {

inline constexpr size_t kRecordKeySize = 16;

struct RecordKey {
  uint64_t id_body = 0;
  uint32_t batch = 0;
  uint32_t line = 0;
};

void EncodeRecordKey(const RecordKey& key, char out[kRecordKeySize]);
std::string EncodeIdPrefix(uint64_t id_body);  // the 8-byte seek prefix
bool DecodeRecordKey(std::string_view bytes, RecordKey* key);

// Appends one length-prefixed field to a value under construction.
void AppendRecordField(std::string_view value, std::string* out);

// Splits a value into its fields. Fields are views into `value`. Returns
// false if the bytes are not a well-formed record.
bool DecodeRecordFields(std::string_view value,
                        std::vector<std::string_view>* fields);

}  // namespace hedui

#endif  // HEDUI_RECORD_H_
