// A batch: one department export file as the index took it in, with its
// counts, checksum and place in the feed's history (`hedui batches`).
#ifndef HEDUI_BATCH_H_
#define HEDUI_BATCH_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "hedui/feed_schema.h"

namespace hedui {

struct BatchInfo {
  uint32_t number = 0;
  FeedKind kind = FeedKind::kRoll;
  std::string file;           // the input file as given
  std::string mapping;        // the mapping file
  uint64_t content_hash = 0;  // XXH3 (64-bit) of the file's bytes
  uint64_t bytes = 0;
  uint64_t read = 0;  // records read (blank lines and the header excluded)
  uint64_t accepted = 0;
  uint64_t quarantined = 0;  // read = accepted + quarantined
  std::string quarantine_file;
  std::string ingested_at;  // UTC, ISO 8601
  double seconds = 0;
  std::string mode = "snapshot";  // snapshot, delta or append
  std::string source;  // a snapshot replaces batches of its kind and source
  uint32_t superseded_by =
      0;                 // the snapshot that replaced this one; 0 while live
  uint64_t removed = 0;  // earlier records a delta deleted or replaced
  uint64_t unmatched_deletions =
      0;  // deletion rows whose key was not in the index

  std::string ToJson() const;
  static bool FromJson(std::string_view json, BatchInfo* info);
};

}  // namespace hedui

#endif  // HEDUI_BATCH_H_
