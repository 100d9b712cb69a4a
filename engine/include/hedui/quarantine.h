// The quarantine, summarised for a county officer: the rows of the
// department exports that ingest could not read (DATA/quarantine/*.tsv),
// counted per feed, field and reason, with a few examples each, so that one
// message to the department can name every problem of its export.
#ifndef HEDUI_QUARANTINE_H_
#define HEDUI_QUARANTINE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedui/data_directory.h"
#include "hedui/status.h"

namespace hedui {

struct QuarantineExample {
  uint32_t batch = 0;
  std::string file;   // the export as given to ingest
  uint64_t line = 0;  // physical line of the export, 1-based
  std::string value;  // as in the quarantine file (invalid bytes as \xNN)
};

// Rows of one feed that failed one check on one field.
struct QuarantineGroup {
  std::string feed;    // population, vehicle, …
  std::string field;   // empty when the row as a whole failed (bad_json, …)
  std::string reason;  // the code of the quarantine file
  uint64_t rows = 0;
  std::vector<QuarantineExample> examples;  // the first few, in file order
};

struct QuarantineFeed {
  std::string feed;
  std::vector<uint32_t> batches;  // read, ascending
  uint64_t read = 0;
  uint64_t quarantined = 0;  // rows; a row may fail several checks
};

struct QuarantineSummary {
  std::vector<QuarantineFeed> feeds;    // by feed name
  std::vector<QuarantineGroup> groups;  // by feed, then most rows first
};

struct QuarantineOptions {
  // One batch; without, every batch still in force (not superseded by a
  // later snapshot): what the checks are reading now.
  std::optional<uint32_t> batch;
  size_t examples = 3;
};

// Reads the quarantine files of the chosen batches. NotFound for an
// unknown batch; a missing or unreadable quarantine file is an IOError
// naming it.
[[nodiscard]] StatusOr<QuarantineSummary> SummarizeQuarantine(
    const DataDirectory& data, const QuarantineOptions& options);

// A reason code of the quarantine file in words a department clerk can
// act on; empty for a code the engine does not know.
std::string_view QuarantineReasonText(std::string_view reason);

}  // namespace hedui

#endif  // HEDUI_QUARANTINE_H_
