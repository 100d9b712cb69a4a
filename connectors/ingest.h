// Ingest: one streaming pass over a department export that decodes,
// parses, normalises and validates every row, quarantines the bad ones,
// sorts the good ones by person and writes them as SST files that the index
// takes in one atomic step.
//
// Parallel over chunks of the file (oneTBB pipeline); chunks are cut at
// record boundaries, results are collected in file order, so line numbers,
// quarantine files and SST contents do not depend on the thread count.
#ifndef HEDUI_CONNECTORS_INGEST_H_
#define HEDUI_CONNECTORS_INGEST_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "connectors/mapping.h"
#include "engine/index/index.h"
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
  // Called from one thread with (bytes done, bytes total) as work proceeds.
  std::function<void(size_t, size_t)> progress;
};

struct IngestResult {
  BatchInfo batch;
  // True when this content was already ingested for this kind: nothing was
  // written and `batch` is the earlier batch.
  bool duplicate = false;
};

StatusOr<IngestResult> IngestFile(Index* index, const Mapping& mapping,
                                  const std::string& file,
                                  const IngestOptions& options);

struct IngestJob {
  const Mapping* mapping;
  std::string file;
};

// Ingests several files at once, each its own batch. Every file is opened
// and its header checked before anything is written: one bad file stops the
// call with nothing ingested. Batch numbers follow the order of `jobs`.
StatusOr<std::vector<IngestResult>> IngestFiles(
    Index* index, const std::vector<IngestJob>& jobs,
    const IngestOptions& options);

// Column of the quarantine file, tab-separated with a header line:
// feed, file, line, field, reason, value.
inline constexpr char kQuarantineHeader[] =
    "feed\tfile\tline\tfield\treason\tvalue\n";

}  // namespace hedui

#endif  // HEDUI_CONNECTORS_INGEST_H_
