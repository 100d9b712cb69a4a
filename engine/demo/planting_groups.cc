// Groups of cases for SPLIT, DUPLICATE and PAYMENT (issue 10): groups of
// three cases beside the pairs planting.cc plants, and a DUPLICATE pair
// enrolled on the same day (the tie goes to the smaller case ID). Drawn from
// a stream of their own, after every other planting, so that they change
// nothing that was planted before them.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "engine/demo/builder.h"
#include "engine/demo/values.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

void Builder::PlantGroups() {
  Rng rng(opt_.seed, kStreamGroups);
  const int am = Date{as_of_}.month_index();
  auto repeat = [&](int base, auto f) {
    for (int i = Scaled(base); i > 0; --i) f();
  };
  int serial = 0;
  // A one-member (or more) case of `persons` in household `hh`, enrolled on
  // `enrolled`; its ID sorts after every case of its township and year
  // (serials 95000 and up).
  auto new_case = [&](int hh, const std::vector<int>& persons,
                      int32_t enrolled) {
    const Household& h = w_.households[hh];
    Case c;
    c.household = hh;
    c.first_member = static_cast<int32_t>(w_.members.size());
    c.n = static_cast<int32_t>(persons.size());
    c.urban = w_.villages[h.village]->urban;
    c.category = static_cast<uint8_t>(rng.Below(3));
    c.income_fen = c.category == 0 ? 0 : rng.Range(50, 400) * 100;
    c.monthly_fen = (StandardFen(c.urban, am) - c.income_fen) * c.n;
    c.enrolled = enrolled;
    c.account = 6228233000000000000ULL + rng.Next() % 1000000000000ULL * 10 +
                rng.Below(10);
    c.phone = 0;
    c.used = true;
    c.id = std::string(w_.county->townships[h.township].code);
    AppendPad(&c.id, static_cast<uint64_t>(ToYmd(c.enrolled).y), 4);
    AppendPad(&c.id, static_cast<uint64_t>(95000 + serial++), 5);
    const int ci = static_cast<int>(w_.cases.size());
    for (int p : persons) {
      if (w_.people[p].member < 0)
        w_.people[p].member = static_cast<int32_t>(w_.members.size());
      w_.members.push_back(p);
      w_.member_case.push_back(ci);
    }
    w_.cases.push_back(std::move(c));
    return ci;
  };

  // DUPLICATE: one person in three cases (their first and two later
  // one-member cases), and one in two cases approved the same day.
  repeat(2, [&] {
    int a = PickCase(rng, 1, 5);
    if (a < 0 || w_.cases[a].enrolled + 60 > as_of_ - 60) return;
    const int32_t from = w_.cases[a].enrolled + 30;
    int p = RandomMember(rng, a);
    int32_t d1 = rng.Range(from, as_of_ - 60);
    int32_t d2 = rng.Range(from, as_of_ - 60);
    new_case(w_.cases[a].household, {p}, std::min(d1, d2));
    new_case(w_.cases[a].household, {p}, std::max(d1, d2) + 1);
  });
  repeat(1, [&] {
    int a = PickCase(rng, 1, 5);
    if (a < 0) return;
    new_case(w_.cases[a].household, {RandomMember(rng, a)},
             w_.cases[a].enrolled);
  });

  // PAYMENT: one account paying three cases.
  repeat(2, [&] {
    int a = PickCase(rng, 1, 5), b = PickCase(rng, 1, 5),
        c = PickCase(rng, 1, 5);
    if (a < 0 || b < 0 || c < 0) return;
    w_.cases[b].account = w_.cases[a].account;
    w_.cases[c].account = w_.cases[a].account;
  });

  // SPLIT: one hukou household in three cases.
  std::vector<uint8_t> busy(w_.households.size(), 0);
  for (int p : w_.members) busy[w_.people[p].household] = 1;
  for (const World::Cadre& c : w_.cadres)
    busy[w_.people[c.person].household] = 1;
  const int nh = static_cast<int>(w_.households.size());
  repeat(2, [&] {
    for (int tries = 0; tries < 20000; ++tries) {
      int hh = static_cast<int>(rng.Below(static_cast<uint32_t>(nh)));
      const Household& h = w_.households[hh];
      if (busy[hh] || h.size < 3 || h.size > 6) continue;
      bool ok = true;
      for (int i = 0; i < h.size; ++i) {
        const Person& q = w_.people[h.first + i];
        ok = ok && q.member < 0 && q.status == kNormal &&
             q.id_style != kIdBadCheck;
      }
      if (!ok) continue;
      busy[hh] = 1;
      std::vector<int> rest;
      for (int i = 2; i < h.size && i < 5; ++i) rest.push_back(h.first + i);
      new_case(hh, {h.first}, rng.Range(as_of_ - 365 * 8, as_of_ - 120));
      new_case(hh, {h.first + 1}, rng.Range(as_of_ - 365 * 8, as_of_ - 120));
      new_case(hh, rest, rng.Range(as_of_ - 365 * 8, as_of_ - 120));
      return;
    }
  });
}

}  // namespace hedui::demo::gen
