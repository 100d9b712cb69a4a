// The county's own: moves within the county planted as MOVED decoys (the
// destination written as the county's code, a village's 12-digit code, a
// township's name, the county's name and a township's), and cases whose
// roll writes the head as 本人 or the relations as GB/T 4761 codes. The
// truth oracle (truth.cc) reads the destination from the world, not from
// these choices, and the relation from Person::relation, however written.
#include <algorithm>
#include <cstring>  // engine/demo/values.h uses std::strchr
#include <string>
#include <vector>

#include "engine/demo/builder.h"
#include "engine/demo/values.h"

namespace hedui::demo::gen {

namespace {

// Whether a person of one household is the father, mother or spouse of a
// person of the other: then they are kin, not a merged household.
bool DirectKin(const World& w, const Household& a, const Household& b) {
  auto in = [](const Household& h, int32_t p) {
    return p >= h.first && p < h.first + h.size;
  };
  for (int i = 0; i < a.size; ++i) {
    const Person& p = w.people[a.first + i];
    for (int32_t k : {p.father, p.mother, p.spouse})
      if (k >= 0 && in(b, k)) return true;
  }
  for (int i = 0; i < b.size; ++i) {
    const Person& p = w.people[b.first + i];
    for (int32_t k : {p.father, p.mother, p.spouse})
      if (k >= 0 && in(a, k)) return true;
  }
  return false;
}

}  // namespace

// MERGE with a tie: two members of one household (its head among them) and
// two of an unrelated one, whose smaller ID is the smaller of the case, the
// head written 本人 or by code. The kin groups are the same size, so the
// head's group is the case's own family; a run that knew only 户主 as the
// head would take the group of the smallest ID and flag the family.
void Builder::PlantMergeTie(Rng& rng) {
  const int nh = static_cast<int>(w_.households.size());
  std::vector<uint8_t> busy(w_.households.size(), 0);
  for (int p : w_.members) busy[w_.people[p].household] = 1;
  for (const World::Cadre& c : w_.cadres)
    busy[w_.people[c.person].household] = 1;
  auto free_household = [&](int min_size) {
    for (int tries = 0; tries < 20000; ++tries) {
      int hh = static_cast<int>(rng.Below(static_cast<uint32_t>(nh)));
      const Household& h = w_.households[hh];
      if (busy[hh] || h.size < min_size) continue;
      bool ok = true;
      for (int i = 0; i < h.size; ++i) {
        const Person& q = w_.people[h.first + i];
        ok = ok && q.member < 0 && q.status == kNormal &&
             q.id_style != kIdBadCheck;
      }
      if (ok) return hh;
    }
    return -1;
  };
  const int am = Date{as_of_}.month_index();
  for (int k = 0, planted = 0; k < 200 && planted < Scaled(2); ++k) {
    int own = free_household(2), other = free_household(3);
    if (own < 0 || other < 0 || own == other) return;
    const Household& a = w_.households[own];
    const Household& b = w_.households[other];
    std::vector<int> persons = {a.first, a.first + 1, b.first + 1, b.first + 2};
    uint64_t own_min =
        std::min(w_.people[a.first].body, w_.people[a.first + 1].body);
    uint64_t other_min =
        std::min(w_.people[b.first + 1].body, w_.people[b.first + 2].body);
    if (other_min > own_min || DirectKin(w_, a, b)) continue;
    busy[own] = busy[other] = 1;
    Case c;
    c.household = own;
    c.first_member = static_cast<int32_t>(w_.members.size());
    c.n = 4;
    c.urban = w_.villages[a.village]->urban;
    c.category = 1;
    c.income_fen = rng.Range(50, 400) * 100;
    c.monthly_fen = (StandardFen(c.urban, am) - c.income_fen) * c.n;
    c.enrolled = rng.Range(as_of_ - 365 * 6, as_of_ - 120);
    c.account = 6228233000000000000ULL + rng.Next() % 1000000000000ULL * 10 +
                rng.Below(10);
    c.phone = 13600000000ULL + rng.Next() % 100000000ULL;
    c.used = true;
    c.relation_style = static_cast<uint8_t>(kRelationSelf + planted % 3);
    c.id = std::string(w_.county->townships[a.township].code);
    AppendPad(&c.id, static_cast<uint64_t>(ToYmd(c.enrolled).y), 4);
    AppendPad(&c.id, static_cast<uint64_t>(97000 + planted), 5);
    const int ci = static_cast<int>(w_.cases.size());
    for (int p : persons) {
      w_.people[p].member = static_cast<int32_t>(w_.members.size());
      w_.members.push_back(p);
      w_.member_case.push_back(ci);
    }
    w_.cases.push_back(std::move(c));
    ++planted;
  }
}

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
  PlantMergeTie(rng);
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
