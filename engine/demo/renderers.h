// The renderers: each department's export of the world in its own shape
// (columns, headers, date and amount styles, dirty values), as UTF-8 text;
// the generator encodes and writes it. `seed` draws the dirt; `rows` and
// `quarantined` count the data rows and the rows broken on purpose.
#ifndef HEDUI_ENGINE_DEMO_RENDERERS_H_
#define HEDUI_ENGINE_DEMO_RENDERERS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/demo/world.h"

namespace hedui::demo::gen {

// Population rows [begin, end) of the register, without the header.
void RenderPopulation(const World& w, uint64_t seed, size_t begin, size_t end,
                      std::string* out);
void RenderCadres(const World& w, uint64_t seed, std::string* out,
                  int64_t* rows);
void RenderRoll(const World& w, uint64_t seed, std::string* out, int64_t* rows);
void RenderNeighbourRoll(const World& w, std::string* out, int64_t* rows);
void RenderDeaths(const World& w, uint64_t seed, std::string* out,
                  int64_t* rows, int64_t* quarantined);
void RenderVehicles(const World& w, uint64_t seed, int32_t as_of,
                    std::string* out, int64_t* rows, int64_t* quarantined);
void RenderProperty(const World& w, uint64_t seed, std::string* out,
                    int64_t* rows);
void RenderMigration(const World& w, uint64_t seed, std::string* out,
                     int64_t* rows);
void RenderTax(const World& w, uint64_t seed, std::string* out, int64_t* rows);
void RenderPayroll(const World& w, uint64_t seed, std::string* out,
                   int64_t* rows);
void RenderBank(const World& w, uint64_t seed, std::string* out, int64_t* rows);
void RenderBusiness(const World& w, uint64_t seed, std::string* out,
                    int64_t* rows);

}  // namespace hedui::demo::gen

#endif  // HEDUI_ENGINE_DEMO_RENDERERS_H_
