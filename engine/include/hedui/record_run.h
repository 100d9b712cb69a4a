// Recording a run, the whole of `hedui run`: the cross-check (in full, or
// incremental on the last recorded run), the case files written to the
// output directory, changes.tsv (what is new, still standing or gone since
// the last recorded run) and the run recorded in the run log, in that
// order, so that a run is recorded only once its files are in place.
#ifndef HEDUI_RECORD_RUN_H_
#define HEDUI_RECORD_RUN_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "hedui/cross_check.h"
#include "hedui/date.h"
#include "hedui/rules.h"
#include "hedui/run_log.h"
#include "hedui/status.h"

namespace hedui {

struct RecordRunOptions {
  std::string data_dir;    // opened read-only; the run log is written in it
  std::string rules_path;  // configs/rules/*.toml; recorded with its hash
  Date as_of;
  std::string out_dir = "reports";  // created if missing
  // Re-check only what changed since the last recorded run
  // (hedui/incremental.h); the files are the same as a full run's.
  bool incremental = false;
  std::function<void(size_t, size_t)> progress;  // households done, total
};

struct RecordedRun {
  // The rules the run used; result.rules points here, so the result stays
  // valid wherever the RecordedRun is moved.
  std::shared_ptr<const Rules> rules;
  RunResult result;
  size_t flags = 0;  // over every household
  // Set for an incremental run: the run whose flags were reused (empty when
  // every case was checked, full_reason saying why), and how many cases
  // were re-checked and kept.
  bool incremental = false;
  std::optional<uint32_t> base_run;
  std::string full_reason;
  size_t rechecked = 0, reused = 0;
  bool family_reused = false;
  // Against the last recorded run (changes.previous is empty for the first).
  FlagChanges changes;
  // As recorded in the run log, with its number.
  RunRecord record;
};

// Errors: the rules' (InvalidArgument, naming file, line and key), the data
// directory's, and the output directory's; nothing is recorded then.
[[nodiscard]] StatusOr<RecordedRun> RecordRun(const RecordRunOptions& options);

// The rules a recorded run used: the copy kept in DATA/runs (whatever
// became of the file since, and wherever the caller runs), else, for a run
// recorded before copies were kept, the file at its recorded path. Errors
// name the recorded path.
[[nodiscard]] StatusOr<Rules> RulesOfRun(const std::string& data_dir,
                                         const RunRecord& run);

}  // namespace hedui

#endif  // HEDUI_RECORD_RUN_H_
