// Cadre resolution: each row of the cadre roster (干部名册) resolved to a
// person of the family graph, for CADRE_KIN 关系保. Most rows carry a valid
// ID; the rest are matched by name, birth date and township with the person
// linker.
#ifndef HEDUI_ENGINE_LINKAGE_CADRE_RESOLUTION_H_
#define HEDUI_ENGINE_LINKAGE_CADRE_RESOLUTION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/index/index.h"
#include "engine/linkage/family_graph.h"
#include "engine/linkage/person_linker.h"
#include "hedui/case_model.h"
#include "hedui/status.h"

namespace hedui {

// A cadre roster row resolved to a person of the register.
struct CadreMatch {
  SourceRecord cadre;
  int64_t person = -1;  // FamilyGraph index; -1: not found
  LinkConfidence confidence = LinkConfidence::kExactId;
  double probability = 1;
  std::vector<std::string> agreed;  // fuzzy matches: the levels that agreed
};

// Reads the live cadre roster and resolves each row: a valid id_number (or
// id_as_written that passes its check) decides; otherwise name, birth date
// and township against the register (ChinesePersonModel, one-to-one).
// Matches below kHigh are kept with their confidence; `notes` says how many
// rows were resolved each way.
StatusOr<std::vector<CadreMatch>> ResolveCadres(
    const Index& index, const rocksdb::Snapshot* snapshot,
    const FamilyGraph& graph, std::vector<std::string>* notes);
// The same over rows already in memory.
std::vector<CadreMatch> ResolveCadreRecords(std::vector<SourceRecord> rows,
                                            const FamilyGraph& graph,
                                            std::vector<std::string>* notes);

}  // namespace hedui

#endif  // HEDUI_ENGINE_LINKAGE_CADRE_RESOLUTION_H_
