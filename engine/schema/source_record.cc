#include "engine/schema/source_record.h"

#include <vector>

namespace hedui {

bool DecodeSourceRecord(FeedKind kind, const RecordKey& key,
                        std::string_view value, SourceRecord* out) {
  std::vector<std::string_view> fields;
  if (!DecodeRecordFields(value, &fields)) return false;
  out->kind = kind;
  out->key = key;
  out->fields.assign(fields.begin(), fields.end());
  // Records written before a schema grew have fewer fields.
  out->fields.resize(GetFeedSpec(kind).fields.size());
  return true;
}

}  // namespace hedui
