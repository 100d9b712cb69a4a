// Incremental runs over the index itself; what they are and when they
// apply: hedui/incremental.h.
#ifndef HEDUI_ENGINE_CHECK_INCREMENTAL_H_
#define HEDUI_ENGINE_CHECK_INCREMENTAL_H_

#include <cstdint>
#include <optional>
#include <string>

#include "engine/check/cross_check.h"
#include "engine/index/index.h"
#include "engine/index/run_log.h"
#include "hedui/incremental.h"
#include "hedui/status.h"

namespace hedui {

// The engine's form of hedui/incremental.h's RunIncremental.
StatusOr<IncrementalRun> RunIncremental(const Index& index,
                                        const RunOptions& options,
                                        const RunLog& log);

// What a recorded run keeps for the next incremental run (the `results`
// argument of RunLog::Record). `record` gives the run's identity (started_at,
// as_of, rules hash, engine version, batches): the next run checks the file
// against the record it sits beside.
std::string EncodeRunResults(const RunResult& result, const RunRecord& record);

}  // namespace hedui

#endif  // HEDUI_ENGINE_CHECK_INCREMENTAL_H_
