// The run log is public API: hedui/run_log.h.
#ifndef HEDUI_ENGINE_INDEX_RUN_LOG_H_
#define HEDUI_ENGINE_INDEX_RUN_LOG_H_

#include "hedui/run_log.h"

#endif  // HEDUI_ENGINE_INDEX_RUN_LOG_H_
