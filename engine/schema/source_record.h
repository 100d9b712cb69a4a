// Decoding a stored record value into the case model's SourceRecord.
#ifndef HEDUI_ENGINE_SCHEMA_SOURCE_RECORD_H_
#define HEDUI_ENGINE_SCHEMA_SOURCE_RECORD_H_

#include <string_view>

#include "hedui/case_model.h"
#include "hedui/feed_schema.h"
#include "hedui/record.h"

namespace hedui {

// Decodes the index value of the record at `key` of feed `kind` into
// `out`, one field per field of the kind's schema: a record written before
// the schema grew has its missing trailing fields empty. Returns false if
// the bytes are not a well-formed record.
bool DecodeSourceRecord(FeedKind kind, const RecordKey& key,
                        std::string_view value, SourceRecord* out);

}  // namespace hedui

#endif  // HEDUI_ENGINE_SCHEMA_SOURCE_RECORD_H_
