// Ingest: department export files into a data directory, each through its
// mapping file (configs/feeds/README.md), each file one batch. Every row is
// decoded, parsed, normalised and validated; a row that cannot be read goes
// to DATA/quarantine/ with its reason and never stops the feed.
#ifndef HEDUI_INGEST_H_
#define HEDUI_INGEST_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "hedui/batch.h"
#include "hedui/data_directory.h"
#include "hedui/status.h"

namespace hedui {

struct IngestOptions {
  // Bytes of input per parallel work item.
  size_t chunk_bytes = 4 << 20;
  // Parsed records held in memory before a sorted run is written out; keeps
  // a feed larger than memory streaming. A big file gets more, half its
  // size up to max_run_bytes: each run is a set of SST files that overlaps
  // the others, and every lookup of a person probes each run (10 million
  // residents, the register in 20 runs of 64 MB: cross-check 7.3 s; in 5
  // runs of 256 MB: 4.0-5.4 s, for 0.2 GB more at the peak).
  size_t memory_budget_bytes = 64 << 20;
  size_t max_run_bytes = 256 << 20;
  // Commit snapshots that the shrink guard would hold back (hedui ingest
  // --accept-shrink).
  bool accept_shrink = false;
  // Called from one thread with (bytes done, bytes total) as work proceeds.
  std::function<void(size_t, size_t)> progress;
};

struct IngestResult {
  BatchInfo batch;
  // True when this content was already ingested for this kind: nothing was
  // written and `batch` is the earlier batch.
  bool duplicate = false;
};

// One export file and the mapping file it is read with.
struct FeedFile {
  std::string mapping;  // e.g. configs/feeds/demo/roll.toml
  std::string file;
};

// Ingests several files at once, each its own batch, in the order given.
// Every mapping is loaded (once per path) and every file opened and its
// header checked before anything is written: one bad mapping or file stops
// the call with nothing ingested, with an InvalidArgument naming the file,
// line and key. Then every file is parsed and staged, and only if none is
// held back by the shrink guard (more than feed.max_quarantined_share of
// its rows quarantined; a snapshot feed.max_shrink smaller than the live
// one it replaces) and `accept_shrink` is off are they committed, in order:
// otherwise an InvalidArgument names each such file with its counts before
// and after, and nothing is ingested. Needs the directory open for writing.
[[nodiscard]] StatusOr<std::vector<IngestResult>> IngestFeeds(
    DataDirectory* data, const std::vector<FeedFile>& feeds,
    const IngestOptions& options);

// `hedui check-config`: loads a mapping file like ingest does and says in
// one line what it maps (feed, mode and source, fields), or the error ingest
// would give, naming the file, line and key. Reads no export file and no
// data directory.
[[nodiscard]] StatusOr<std::string> CheckMappingFile(const std::string& path);

}  // namespace hedui

#endif  // HEDUI_INGEST_H_
