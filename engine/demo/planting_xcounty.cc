// DUPLICATE across counties (issue 10): the neighbouring county 汝阳县 pays
// some of this county's members too. Its roll (roll_neighbour.csv) holds a
// one-person case for each: enrolled before the home case for some, after
// it for others, and a few people it alone pays (no flag). Drawn from a
// stream of its own after every other planting, so that it changes nothing
// planted before it; only foreign_cases is written, the county's own roll
// stays as it was.
#include <algorithm>
#include <cstring>
#include <string>

#include "engine/demo/builder.h"
#include "engine/demo/values.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

void Builder::PlantNeighbour() {
  Rng rng(opt_.seed, kStreamNeighbour);
  const int am = Date{as_of_}.month_index();
  int serial = 0;
  auto add = [&](int person, int32_t enrolled) {
    ForeignCase f;
    f.person = person;
    f.enrolled = enrolled;
    f.monthly_fen = StandardFen(true, am);
    f.id = "410326";  // 汝阳县
    AppendPad(&f.id, static_cast<uint64_t>(ToYmd(enrolled).y), 4);
    AppendPad(&f.id, static_cast<uint64_t>(10000 + serial++), 5);
    w_.foreign_cases.push_back(std::move(f));
  };
  // Earlier than the home case: the county's case is the second payment.
  for (int k = Scaled(3); k > 0; --k) {
    int a = PickCase(rng, 1, 5);
    if (a < 0) break;
    const int32_t e = w_.cases[a].enrolled;
    add(RandomMember(rng, a), rng.Range(e - 365 * 3, e - 30));
  }
  // Later: the person was paid twice from the neighbour's enrolment.
  for (int k = Scaled(3); k > 0; --k) {
    int a = PickCase(rng, 1, 5);
    if (a < 0) break;
    const int32_t e = w_.cases[a].enrolled;
    if (e + 30 > as_of_ - 60) continue;
    add(RandomMember(rng, a), rng.Range(e + 30, as_of_ - 60));
  }
  // Paid only there: the county has nothing to flag.
  for (int k = Scaled(5); k > 0; --k) {
    int p = PickNonMember(rng, 18);
    if (p >= 0) add(p, rng.Range(as_of_ - 365 * 5, as_of_ - 60));
  }
}

}  // namespace hedui::demo::gen
