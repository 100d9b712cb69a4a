// Phase marks for finding where time goes: with HEDUI_TIMING set, each mark
// prints the milliseconds since the first one to stderr. Costs one branch
// otherwise.
#ifndef HEDUI_ENGINE_BASE_TIMING_H_
#define HEDUI_ENGINE_BASE_TIMING_H_

#include <string>

namespace hedui {

void TimingMark(const std::string& what);

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_TIMING_H_
