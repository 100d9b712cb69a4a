// The check layer's public calls (hedui/cross_check.h, incremental.h,
// point_check.h): each opens nothing and only hands the data directory's
// index to the engine's form, kept apart so the engine's files stay about
// the work.
#include "engine/check/cross_check.h"
#include "engine/check/incremental.h"
#include "engine/check/point_check.h"
#include "engine/index/index.h"

namespace hedui {

StatusOr<RunResult> RunCrossCheck(const DataDirectory& data,
                                  const RunOptions& options) {
  return RunCrossCheck(IndexOf(data), options);
}

StatusOr<IncrementalRun> RunIncremental(const DataDirectory& data,
                                        const RunOptions& options,
                                        const RunLog& log) {
  return RunIncremental(IndexOf(data), options, log);
}

StatusOr<std::unique_ptr<PointChecker>> PointChecker::Create(
    const DataDirectory& data, const Rules& rules, Date as_of) {
  return Create(IndexOf(data), rules, as_of);
}

}  // namespace hedui
