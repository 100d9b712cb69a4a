// Household ties: the family graph and the resolved cadre roster turned
// into what each roll case is tied to (fields of Household): the other
// cases of its family for SPLIT 拆户, the outsiders living as one with it
// for MERGE 合户, and the cadres among its kin for CADRE_KIN 关系保.
#ifndef HEDUI_ENGINE_LINKAGE_HOUSEHOLD_TIES_H_
#define HEDUI_ENGINE_LINKAGE_HOUSEHOLD_TIES_H_

#include <string>
#include <vector>

#include "engine/linkage/cadre_resolution.h"
#include "engine/linkage/family_graph.h"
#include "hedui/case_model.h"

namespace hedui {

// What the run's family pass gives each household (fields of Household):
// SPLIT ties, MERGE outsiders and CADRE_KIN ties. People in two or more
// cases are DUPLICATE's and are left out of SPLIT and MERGE.
void TieHouseholds(const FamilyGraph& graph,
                   const std::vector<CadreMatch>& cadres,
                   std::vector<Household>* households,
                   std::vector<std::string>* notes);

}  // namespace hedui

#endif  // HEDUI_ENGINE_LINKAGE_HOUSEHOLD_TIES_H_
