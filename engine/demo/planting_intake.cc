// Rows broken in several ways at once (issue 10): the quarantine must name
// each fault of the row, and count the row once. They go after the death
// export's records, so that no other row's line number moves.
#include <cstring>
#include <iterator>
#include <string>

#include "engine/demo/builder.h"
#include "engine/demo/values.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

void Builder::PlantSeveralDefects() {
  if (w_.members.empty()) return;
  // Roll members, so that a row read in spite of its faults would show as
  // a false DECEASED flag. No random draw: the world stays as it was.
  constexpr const char* kImpossible[] = {"2025-02-30", "2025-13-01",
                                         "20250631"};
  for (size_t k = 0; k < std::size(kImpossible); ++k) {
    const Person& p = w_.people[w_.members[(k + 1) * w_.members.size() / 4]];
    std::string line = "{\"sfzh\": \"";
    AppendId(&line, p.body, kIdBadCheck);  // and a wrong check digit
    line += "\", \"xm\": ";
    AppendJsonString(&line, p.name);
    line += ", \"swrq\": \"";
    line += kImpossible[k];
    line += "\", \"ly\": \"";
    line += kDeathSourceNames[kFuneral];
    line += "\"}";
    w_.trailing_death_lines.push_back(std::move(line));
  }
}

}  // namespace hedui::demo::gen
