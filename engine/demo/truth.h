// The truth oracle: the flags the engine must raise on the demo county,
// computed from the world itself (not from the exports) by the rules of
// configs/rules/README.md, independently of the engine's grounds.
#ifndef HEDUI_ENGINE_DEMO_TRUTH_H_
#define HEDUI_ENGINE_DEMO_TRUTH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/demo/world.h"

namespace hedui::demo::gen {

// Every expected flag as of `as_of` (days), in no particular order.
void ComputeTruth(const World& w, int32_t as_of, std::vector<TruthFlag>* out);

// A group flag's keys for its truth.ndjson line (nothing for the others):
// ,"group_cases":[sorted case IDs],"counts_in_total":true|false
void AppendTruthGroup(const World& w, const TruthFlag& f, std::string* out);

}  // namespace hedui::demo::gen

#endif  // HEDUI_ENGINE_DEMO_TRUTH_H_
