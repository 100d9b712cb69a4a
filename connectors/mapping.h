// A mapping file (format in configs/feeds/README.md; the demo county's are
// configs/feeds/demo/*.toml): how one department export becomes canonical
// records of one feed kind.
#ifndef HEDUI_CONNECTORS_MAPPING_H_
#define HEDUI_CONNECTORS_MAPPING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "connectors/encoding.h"
#include "hedui/feed_schema.h"
#include "hedui/status.h"

namespace hedui {

enum class SourceFormat { kCsv, kNdjson };

// How a batch relates to what the index already holds of its feed.
enum class FeedMode {
  kSnapshot,  // the whole feed from this source: earlier batches of the same
              // kind and source are superseded (what disappeared is gone)
  kDelta,     // upserts and deletions, matched on the mapping's `key`
  kAppend,    // more records; nothing is superseded
};

std::string_view FeedModeName(FeedMode mode);

// The column that marks a delta row as a deletion, and its values.
struct DeletionMarker {
  std::string column;
  std::vector<std::string> path;    // NDJSON
  int column_index = -1;            // CSV without header
  std::vector<std::string> values;  // folded spellings that mean "deleted"
};

struct FieldMapping {
  int field = -1;  // index into the feed kind's schema
  const FieldSpec* spec = nullptr;
  std::string column;             // header text or NDJSON key path
  std::vector<std::string> path;  // `column` split on '.' (NDJSON)
  int column_index = -1;          // 0-based, CSV without header
  std::unordered_map<std::string, std::string>
      values;  // folded spelling → code
  std::optional<std::string> other;
  std::optional<std::string> default_value;
  int64_t unit = 1;
  bool required = false;
};

struct Mapping {
  std::string path;  // the mapping file, for messages
  FeedKind kind = FeedKind::kRoll;
  SourceFormat format = SourceFormat::kCsv;
  Encoding encoding = Encoding::kUtf8;
  char delimiter = ',';
  bool header = true;
  int skip_lines = 0;
  std::string description;
  std::vector<FieldMapping> fields;  // in schema order, mapped fields only
  FeedMode mode = FeedMode::kSnapshot;
  // What a snapshot replaces: batches of the same kind and source. Defaults
  // to the mapping file's name without its extension.
  std::string source;
  // Schema indexes of the fields that identify one record across the whole
  // feed (a plate, a certificate and owner); required for deltas.
  std::vector<int> key_fields;
  std::optional<DeletionMarker> deleted;
  // The shrink guard (configs/feeds/README.md): a file is held back when
  // more than this share of its rows is quarantined, and a snapshot when
  // it has this share fewer records than the live snapshot it replaces.
  double max_quarantined_share = 0.5;
  double max_shrink = 0.3;

  const FeedSpec& spec() const { return GetFeedSpec(kind); }
};

// Loads and checks a mapping file. Every error is one line naming the file,
// the line and the key: "vehicle.toml:12: fields.status: 'actve' is not a
// code of vehicle.status (active, transferred, cancelled, scrapped)".
StatusOr<Mapping> LoadMapping(const std::string& path);
StatusOr<Mapping> ParseMapping(std::string_view toml_text,
                               const std::string& path);

// Folds a department spelling the way `values` keys are folded: trimmed,
// full-width ASCII to ASCII.
std::string FoldSpelling(std::string_view raw);

}  // namespace hedui

#endif  // HEDUI_CONNECTORS_MAPPING_H_
