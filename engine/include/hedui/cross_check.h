// A cross-check run: every case of the roll, every enabled ground, as of a
// date, in parallel over households, reading one snapshot of the index.
// The result is in memory; hedui/case_output.h writes it as files and
// hedui/record_run.h does the whole of `hedui run`.
#ifndef HEDUI_CROSS_CHECK_H_
#define HEDUI_CROSS_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "hedui/batch.h"
#include "hedui/case_model.h"
#include "hedui/data_directory.h"
#include "hedui/date.h"
#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "hedui/status.h"

namespace hedui {

struct RunOptions {
  Date as_of;
  const Rules* rules = nullptr;  // not owned; must outlive the run's result
  std::function<void(size_t, size_t)> progress;  // households done, total
};

// A case due for re-review in the as-of month (rules' review cadence).
struct ReviewDue {
  size_t household = 0;  // index into RunResult::households
  int every_months = 0;
};

struct RunResult {
  Date as_of;
  const Rules* rules = nullptr;           // the run's options.rules: not owned
  std::vector<Household> households;      // sorted by case_id
  std::vector<std::vector<Flag>> flags;   // per household, matcher-list order
  std::map<uint32_t, BatchInfo> batches;  // for evidence: batch → file
  size_t roll_members = 0;
  double seconds = 0;
  // What the run could not do, said once per run (not once per case).
  std::vector<std::string> notes;
  std::vector<ReviewDue> reviews;  // in case_id order
};

// Checks every case of the roll in `data` (open for reading or writing).
[[nodiscard]] StatusOr<RunResult> RunCrossCheck(const DataDirectory& data,
                                                const RunOptions& options);

}  // namespace hedui

#endif  // HEDUI_CROSS_CHECK_H_
