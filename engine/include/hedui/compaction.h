// Giving back the space of superseded batches (`hedui compact`, and
// `hedui ingest` by itself when a feed's space is mostly dead records).
// Readers skip superseded batches at once; compaction drops their records.
#ifndef HEDUI_COMPACTION_H_
#define HEDUI_COMPACTION_H_

#include <cstdint>
#include <vector>

#include "hedui/data_directory.h"
#include "hedui/feed_schema.h"
#include "hedui/status.h"

namespace hedui {

struct FamilyCompaction {
  FeedKind kind;
  uint64_t files_before = 0, files_after = 0;
  uint64_t bytes_before = 0, bytes_after = 0;
  double seconds = 0;
};

struct CompactOptions {
  // Compact every family that holds anything, whatever its state.
  bool force = false;
  // Otherwise a family is compacted when the bytes of its files that hold
  // dead batches reach this share of its bytes, or when it has more files
  // than max_files (each is probed by every seek). A compaction rewrites
  // the live records: at three quarters, a feed replaced nightly is
  // compacted every third night, and its data takes at most four times
  // its size (1 million residents: 1.8 s per compaction of 250 MB live).
  double dead_share = 0.75;
  uint64_t max_files = 24;
};

// Compacts the feed families that need it (all of them with `force`) and
// reports each one compacted. Needs the directory open for writing.
[[nodiscard]] StatusOr<std::vector<FamilyCompaction>> CompactIfWorthwhile(
    DataDirectory* data, const CompactOptions& options);

}  // namespace hedui

#endif  // HEDUI_COMPACTION_H_
