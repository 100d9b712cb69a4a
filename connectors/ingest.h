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
#include "hedui/ingest.h"
#include "hedui/status.h"

namespace hedui {

// The engine's side of hedui/ingest.h (IngestFeeds): mappings already
// loaded, the index itself.
StatusOr<IngestResult> IngestFile(Index* index, const Mapping& mapping,
                                  const std::string& file,
                                  const IngestOptions& options);

struct IngestJob {
  const Mapping* mapping;
  std::string file;
};

// Ingests several files at once, each its own batch. Every file is opened
// and its header checked, then parsed and staged, before anything is
// committed: one bad file, or one the shrink guard holds back (unless
// options.accept_shrink), stops the call with nothing ingested. Batch
// numbers follow the order of `jobs`.
StatusOr<std::vector<IngestResult>> IngestFiles(
    Index* index, const std::vector<IngestJob>& jobs,
    const IngestOptions& options);

// Column of the quarantine file, tab-separated with a header line:
// feed, file, line, field, reason, value; one line per fault of a row, so a
// row may have several lines (same line number).
inline constexpr char kQuarantineHeader[] =
    "feed\tfile\tline\tfield\treason\tvalue\n";

}  // namespace hedui

#endif  // HEDUI_CONNECTORS_INGEST_H_
