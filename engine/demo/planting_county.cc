// The county's own: moves within the county planted as MOVED decoys (the
// destination written as the county's code, a village's 12-digit code, a
// township's name, the county's name and a township's), and cases whose
// roll writes the head as 本人 or the relations as GB/T 4761 codes. The
// truth oracle (truth.cc) reads the destination from the world, not from
// these choices, and the relation from Person::relation, however written.
#include <algorithm>

#include "engine/demo/builder.h"

namespace hedui::demo::gen {

void Builder::PlantCounty() {
  Rng rng(opt_.seed, kStreamCounty);
  constexpr uint8_t kPlaces[] = {kPlaceCountyCode, kPlaceVillageCode,
                                 kPlaceTownship, kPlaceCountyAndTownship};
  // Decoys: a member moved (or married) to another township of the county
  // after enrolment; the case is still eligible.
  // At least one of each spelling, whatever the size of the county.
  for (int i = std::max(4, Scaled(4) * 2); i > 0; --i) {
    int c = PickCase(rng, 1, 5);
    if (c < 0) break;
    int p = RandomMember(rng, c);
    uint8_t event = rng.Below(100) < 75 ? kMoveOut : kMarryOut;
    w_.migrations.push_back(
        {p, AfterEnrol(rng, c), event, kPlaces[i % std::size(kPlaces)]});
  }
  // Relations as other counties write them. Every case whose members come
  // from several households (where MERGE's tie goes to the head's group)
  // writes the head as 本人 or by code; one case in ten of the rest too.
  for (Case& c : w_.cases) {
    bool several = false;
    for (int k = 1; k < c.n; ++k) {
      several =
          several || w_.people[w_.members[c.first_member + k]].household !=
                         w_.people[w_.members[c.first_member]].household;
    }
    uint32_t draw = rng.Below(30);
    if (several || draw < 3)
      c.relation_style = static_cast<uint8_t>(kRelationSelf + draw % 3);
  }
}

}  // namespace hedui::demo::gen
