// A cross-check run: every case of the roll, every enabled matcher, as of a
// date, in parallel over households, reading one snapshot of the index.
#ifndef HEDUI_ENGINE_RUN_H_
#define HEDUI_ENGINE_RUN_H_

#include <functional>
#include <map>
#include <vector>

#include "engine/index.h"
#include "engine/status.h"
#include "matchers/matcher.h"
#include "matchers/rules.h"

namespace hedui {

struct RunOptions {
  Date as_of;
  const Rules* rules = nullptr;
  std::function<void(size_t, size_t)> progress;  // households done, total
};

struct RunResult {
  std::vector<Household> households;     // sorted by case_id
  std::vector<std::vector<Flag>> flags;  // per household, matcher-list order
  std::map<uint32_t, BatchInfo> batches; // for evidence: batch → file
  size_t roll_members = 0;
  double seconds = 0;
};

StatusOr<RunResult> RunCrossCheck(const Index& index, const RunOptions& options);

// Reads every roll record into households (sorted by case_id, members by ID).
Status LoadHouseholds(const Index& index, const rocksdb::Snapshot* snapshot, std::vector<Household>* households,
                      size_t* members);

}  // namespace hedui

#endif  // HEDUI_ENGINE_RUN_H_
