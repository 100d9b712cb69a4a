#include <algorithm>
#include <climits>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "engine/base/id_number.h"
#include "engine/demo/builder.h"
#include "engine/demo/values.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

// ---------------------------------------------------------------------------
// Planted cases (flags and decoys). Counts are for 200,000 residents and
// scale with the population (at least one of each).

void Builder::Plant() {
  Rng rng(opt_.seed, kStreamPlant);
  auto repeat = [&](int base, const std::function<void()>& f) {
    for (int i = Scaled(base); i > 0; --i) f();
  };
  auto death_date = [&](int c) { return AfterEnrol(rng, c); };

  // DECEASED ---------------------------------------------------------------
  // A member of a multi-member case died (death record and register).
  repeat(12, [&] {
    int c = PickCase(rng, 2, 5);
    if (c < 0) return;
    int p = RandomMember(rng, c);
    int32_t d = death_date(c);
    AddDeath(p, d, rng.Below(100) < 70 ? kFuneral : kHealth, kIdClean);
    SetPopDead(p, std::min(as_of_, d + rng.Range(0, 25)));
  });
  // A single-member case: the whole case is dead.
  repeat(8, [&] {
    int c = PickCase(rng, 1, 1);
    if (c < 0) return;
    int p = Member(c, 0);
    int32_t d = death_date(c);
    AddDeath(p, d, kFuneral, kIdClean);
    if (rng.Below(100) < 60)
      SetPopDead(p, std::min(as_of_, d + rng.Range(1, 40)));
  });
  // Two members of one case died at different dates (half of them in
  // two-member cases, so that nobody is left).
  repeat(5, [&] {
    bool pair = rng.Below(100) < 50;
    int c = pair ? PickCase(rng, 2, 2) : PickCase(rng, 3, 5);
    if (c < 0) return;
    int a = Member(c, 0), b = Member(c, 1);
    int32_t d1 = death_date(c);
    int32_t d2 = death_date(c);
    if (d1 == d2) d2 = std::max(w_.cases[c].enrolled + 1, d2 - 17);
    AddDeath(a, d1, kFuneral, kIdClean);
    SetPopDead(a, std::min(as_of_, d1 + 5));
    AddDeath(b, d2, kHealth, kIdClean);
  });
  // Death known only from the population register.
  repeat(6, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    SetPopDead(RandomMember(rng, c), death_date(c));
  });
  // Death records carrying the old 15-digit ID of a member born before 1980.
  repeat(4, [&] {
    for (int tries = 0; tries < 50; ++tries) {
      int c = PickCase(rng, 1, 5);
      if (c < 0) return;
      for (int i = 0; i < w_.cases[c].n; ++i) {
        int p = Member(c, i);
        if (ToYmd(w_.people[p].birth).y < 1980) {
          AddDeath(p, death_date(c), kFuneral, kIdOld15);
          return;
        }
      }
      w_.cases[c].used = false;  // no one old enough: give it back
    }
  });
  // ... a lowercase x, full-width digits, digits typed in groups.
  repeat(3, [&] {
    for (int tries = 0; tries < 200; ++tries) {
      int c = PickCase(rng, 1, 5);
      if (c < 0) return;
      for (int i = 0; i < w_.cases[c].n; ++i) {
        int p = Member(c, i);
        if (CheckChar(w_.people[p].body) == 'X') {
          AddDeath(p, death_date(c), kFuneral, kIdLowerX);
          return;
        }
      }
      w_.cases[c].used = false;
    }
  });
  repeat(3, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddDeath(RandomMember(rng, c), death_date(c), kHealth, kIdFullWidth);
  });
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddDeath(RandomMember(rng, c), death_date(c), kPolice, kIdSpaced);
  });
  // Two sources with different dates: the earliest counts.
  repeat(3, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = RandomMember(rng, c);
    int32_t d = death_date(c);
    AddDeath(p, d, kHealth, kIdClean);
    AddDeath(p, std::min(as_of_, d + rng.Range(2, 6)), kFuneral, kIdClean);
    SetPopDead(p, std::min(as_of_, d + rng.Range(6, 30)));
  });
  // Decoys: a death dated after the as-of date.
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddDeath(RandomMember(rng, c), as_of_ + rng.Range(1, 60), kFuneral,
             kIdClean);
  });
  // A namesake (same name, another ID) died.
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    int q = PickNonMember(rng, 30);
    if (c < 0 || q < 0) return;
    int p = RandomMember(rng, c);
    w_.people[q].name = w_.people[p].name;
    int32_t d = AnyDate(rng, 5);
    AddDeath(q, d, kFuneral, kIdClean);
    SetPopDead(q, d + 3);
  });
  // A death record whose ID has a corrupted check digit (quarantined).
  repeat(4, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddDeath(RandomMember(rng, c), death_date(c), kFuneral, kIdBadCheck);
  });

  // VEHICLE ----------------------------------------------------------------
  auto car_type = [&]() -> uint8_t {
    constexpr uint8_t kCars[] = {kVtSedan, kVtSedan, kVtSedanCode, kVtSmallBus,
                                 kVtSmallBusCode};
    return kCars[rng.Below(std::size(kCars))];
  };
  // A car bought after enrolment.
  repeat(18, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddVehicle(Adult(rng, c), AfterEnrol(rng, c), car_type(), kVsA,
               rng.Below(100) < 30 ? kIdLowerX : kIdClean);
  });
  // A car bought before enrolment and still owned.
  repeat(10, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    AddVehicle(p, BeforeEnrol(rng, c, 6, p), car_type(), kVsA);
  });
  // Trucks, vans, buses; G (unpaid fines) and Q (overdue inspection) still own.
  repeat(8, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    constexpr uint8_t kTypes[] = {kVtHeavyTruck, kVtLightTruck, kVtVan,
                                  kVtMiniVan, kVtMediumBus};
    AddVehicle(
        Adult(rng, c), rng.Range(w_.cases[c].enrolled - 900, as_of_ - 35),
        kTypes[rng.Below(std::size(kTypes))], rng.Below(2) ? kVsG : kVsQ);
  });
  // Two vehicles: the earliest counts.
  repeat(4, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    AddVehicle(p, AfterEnrol(rng, c), car_type(), kVsA);
    AddVehicle(p, AfterEnrol(rng, c), kVtLightTruck, kVsA);
  });
  // Decoys: exempt types, gone vehicles, after the as-of date, namesakes,
  // a relative in the same hukou who is not on the case.
  auto decoy_vehicle = [&](int base, std::initializer_list<uint8_t> types,
                           std::initializer_list<uint8_t> statuses) {
    std::vector<uint8_t> ty(types), st(statuses);
    repeat(base, [&] {
      int c = PickCase(rng, 1, 5);
      if (c < 0) return;
      AddVehicle(Adult(rng, c), AnyDate(rng, 10),
                 ty[rng.Below(static_cast<uint32_t>(ty.size()))],
                 st[rng.Below(static_cast<uint32_t>(st.size()))]);
    });
  };
  decoy_vehicle(6, {kVtMotorcycle, kVtMoped}, {kVsA, kVsG, kVsQ});
  decoy_vehicle(6, {kVtTricycle, kVtLowSpeed}, {kVsA, kVsQ});
  decoy_vehicle(3, {kVtDisability}, {kVsA});
  decoy_vehicle(3, {kVtTractor, kVtWheelTractor}, {kVsA});
  decoy_vehicle(4, {kVtSedan, kVtSmallBus}, {kVsP});
  decoy_vehicle(4, {kVtSedan, kVtSedanCode}, {kVsB});
  decoy_vehicle(3, {kVtSedan, kVtHeavyTruck}, {kVsE, kVsM});
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddVehicle(Adult(rng, c), as_of_ + rng.Range(1, 60), kVtSedan, kVsA);
  });
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    int q = PickNonMember(rng, 25);
    if (c < 0 || q < 0) return;
    w_.people[q].name = w_.people[Adult(rng, c)].name;
    AddVehicle(q, AnyDate(rng, 6), kVtSedan, kVsA);
  });
  repeat(4, [&] {
    for (int tries = 0; tries < 50; ++tries) {
      int c = PickCase(rng, 1, 4);
      if (c < 0) return;
      const Household& h = w_.households[w_.cases[c].household];
      if (h.size > w_.cases[c].n &&
          as_of_ - w_.people[h.first + w_.cases[c].n].birth > 365 * 20) {
        AddVehicle(h.first + w_.cases[c].n, AnyDate(rng, 6), kVtSedan, kVsA);
        return;
      }
      w_.cases[c].used = false;
    }
  });

  // PROPERTY ---------------------------------------------------------------
  auto home = [&](int c) { return w_.cases[c].household; };
  // A dwelling bought after enrolment.
  repeat(15, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(AfterEnrol(rng, c), kResidential, true, DwellingArea(rng),
             {Adult(rng, c)}, -1);
  });
  // A commercial shop, bought any time.
  repeat(8, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(rng.Range(w_.cases[c].enrolled - 2000, as_of_ - 35), kCommercial,
             true, rng.Range(1500, 130000), {Adult(rng, c)}, -1);
  });
  // A second dwelling co-owned by two members of the case (both titles
  // before enrolment: only the count of dwellings flags them).
  repeat(6, [&] {
    int c = PickCase(rng, 2, 5, 2);
    if (c < 0) return;
    int a = AdultMember(c, 0), b = AdultMember(c, 1);
    AddTitle(BeforeEnrol(rng, c, 15, a), kResidential, true, DwellingArea(rng),
             {a}, home(c));
    AddTitle(BeforeEnrol(rng, c, 8, b), kResidential, true, DwellingArea(rng),
             {a, b}, -1);
  });
  // A second dwelling co-owned with someone outside the case.
  repeat(6, [&] {
    int c = PickCase(rng, 1, 5);
    int q = PickNonMember(rng, 22);
    if (c < 0 || q < 0) return;
    int a = Adult(rng, c);
    AddTitle(BeforeEnrol(rng, c, 15, a), kResidential, true, DwellingArea(rng),
             {a}, home(c));
    int32_t d2 = rng.Below(2) ? BeforeEnrol(rng, c, 5, a) : AfterEnrol(rng, c);
    AddTitle(d2, kResidential, true, DwellingArea(rng), {q, a}, -1);
  });
  // Two members, one dwelling each, both before enrolment.
  repeat(4, [&] {
    int c = PickCase(rng, 2, 5, 2);
    if (c < 0) return;
    int a = AdultMember(c, 0), b = AdultMember(c, 1);
    AddTitle(BeforeEnrol(rng, c, 20, a), kResidential, true, DwellingArea(rng),
             {a}, home(c));
    AddTitle(BeforeEnrol(rng, c, 10, b), kResidential, true, DwellingArea(rng),
             {b}, -1);
  });
  // Decoys: the one home, bought before enrolment.
  repeat(10, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(BeforeEnrol(rng, c, 20, Member(c, 0)), kResidential, true,
             DwellingArea(rng), {Member(c, 0)}, home(c));
  });
  // ... that home co-owned by two members (one certificate: one dwelling).
  repeat(4, [&] {
    int c = PickCase(rng, 2, 5, 2);
    if (c < 0) return;
    int a = AdultMember(c, 0), b = AdultMember(c, 1);
    AddTitle(BeforeEnrol(rng, c, 20, b), kResidential, true, DwellingArea(rng),
             {a, b}, home(c));
  });
  // ... plus a second dwelling bought after enrolment but since sold (注销).
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int a = Adult(rng, c);
    AddTitle(BeforeEnrol(rng, c, 20, a), kResidential, true, DwellingArea(rng),
             {a}, home(c));
    AddTitle(AfterEnrol(rng, c), kResidential, false, DwellingArea(rng), {a},
             -1);
  });
  // ... a garage bought after enrolment.
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(AfterEnrol(rng, c), kGarage, true, rng.Range(1200, 3800),
             {Adult(rng, c)}, -1);
  });
  // ... a shop whose title is cancelled.
  repeat(3, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(AnyDate(rng, 10), kCommercial, false, rng.Range(1500, 90000),
             {Adult(rng, c)}, -1);
  });
  // ... a dwelling registered after the as-of date.
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    AddTitle(as_of_ + rng.Range(1, 60), kResidential, true, DwellingArea(rng),
             {Adult(rng, c)}, -1);
  });

  PlantMore(rng);

  // Every other case: most own their home (before enrolment), some ride an
  // exempt vehicle. None of this may raise a flag.
  for (size_t i = 0; i < w_.cases.size(); ++i) {
    Case& c = w_.cases[i];
    if (c.used) continue;
    int ci = static_cast<int>(i);
    if (rng.Below(100) < 30 && c.enrolled > as_of_ - 365 * 30) {
      AddTitle(BeforeEnrol(rng, ci, 25, Member(ci, 0)), kResidential, true,
               DwellingArea(rng), {Member(ci, 0)}, home(ci));
    }
    if (rng.Below(100) < 6) {
      constexpr uint8_t kExempt[] = {kVtMotorcycle, kVtMoped, kVtTricycle,
                                     kVtLowSpeed, kVtTractor};
      AddVehicle(Adult(rng, ci), rng.Range(as_of_ - 365 * 10, as_of_),
                 kExempt[rng.Below(std::size(kExempt))], kVsA);
    }
  }

  // Population rows with a wrong check digit (quarantined), never members.
  int bad = std::max(3, opt_.residents / 40000);
  for (int i = 0; i < bad; ++i) {
    int q = PickNonMember(rng, 0);
    if (q < 0) break;
    w_.people[q].id_style = kIdBadCheck;
    ++w_.pop_quarantined;
  }
}

// ---------------------------------------------------------------------------
// The grounds of issue 3: MOVED, INCOME, ASSETS, BUSINESS, PUBLIC_PAY,
// DUPLICATE, PAYMENT, UNDERPAID, each with its decoys (configs/rules/
// README.md gives the exact rules the truth follows).

void Builder::PlantMore(Rng& rng) {
  auto repeat = [&](int base, const std::function<void()>& f) {
    for (int i = Scaled(base); i > 0; --i) f();
  };
  const int am = Date{as_of_}.month_index();
  auto month_of = [](int32_t d) { return Date{d}.month_index(); };
  auto enrol_month = [&](int c) { return month_of(w_.cases[c].enrolled); };
  // A case whose enrolment month satisfies `ok` (a few tries).
  auto pick_if = [&](int min_n, int max_n,
                     const std::function<bool(const Case&)>& ok) {
    for (int tries = 0; tries < 400; ++tries) {
      int c = PickCase(rng, min_n, max_n);
      if (c < 0) return -1;
      if (ok(w_.cases[c])) return c;
      w_.cases[c].used = false;
    }
    return -1;
  };
  auto before_raise = [&](const Case& c) {
    return month_of(c.enrolled) < kRaiseMonth - 6;
  };
  auto line = [&](int c, int m) {
    return StandardFen(w_.cases[c].urban, m) * w_.cases[c].n;
  };
  auto mig = [&](int p, int32_t d, uint8_t e) {
    w_.migrations.push_back({p, d, e});
  };
  auto tax = [&](int p, int m, int64_t fen) {
    w_.taxes.push_back(
        {p, m,
         static_cast<uint8_t>(rng.Below(100) < 80 ? kTaxWage : rng.Range(1, 2)),
         fen});
  };
  auto pay = [&](int p, int m0, int m1, uint8_t kind, int64_t fen) {
    for (int m = m0; m <= m1; ++m) w_.payrolls.push_back({p, m, kind, fen});
  };
  auto new_account = [&] {
    return 6228231000000000000ULL + rng.Next() % 1000000000000ULL * 10 +
           rng.Below(10);
  };
  auto bank = [&](int p, int32_t d, int64_t fen, uint64_t account) {
    w_.banks.push_back({p, d, fen, account,
                        static_cast<uint8_t>(rng.Below(std::size(kBanks)))});
  };
  auto biz = [&](int p, int32_t d, int64_t wan_hundredths, uint8_t role,
                 uint8_t status) {
    w_.businesses.push_back({p, d, wan_hundredths * 10000, role, status});
  };

  // MOVED ------------------------------------------------------------------
  repeat(8, [&] {
    int c = PickCase(rng, 2, 5);
    if (c >= 0) mig(RandomMember(rng, c), AfterEnrol(rng, c), kMoveOut);
  });
  repeat(5, [&] {
    int c = PickCase(rng, 2, 5);
    if (c >= 0) mig(RandomMember(rng, c), AfterEnrol(rng, c), kMarryOut);
  });
  repeat(4, [&] {  // the register only: 迁出
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    Person& q = w_.people[RandomMember(rng, c)];
    q.status = kMovedOut;
    q.status_date = AfterEnrol(rng, c);
  });
  repeat(3, [&] {  // 服刑
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    Person& q = w_.people[RandomMember(rng, c)];
    q.status = kImprisoned;
    q.status_date = AfterEnrol(rng, c);
  });
  repeat(3, [&] {  // a one-member case: the whole case
    int c = PickCase(rng, 1, 1);
    if (c >= 0) mig(Member(c, 0), AfterEnrol(rng, c), kMoveOut);
  });
  repeat(2, [&] {  // both members of a two-member case, at different dates
    int c = PickCase(rng, 2, 2);
    if (c < 0) return;
    int32_t d1 = AfterEnrol(rng, c), d2 = AfterEnrol(rng, c);
    if (d1 == d2) d2 = std::max(w_.cases[c].enrolled + 1, d2 - 20);
    mig(Member(c, 0), d1, kMoveOut);
    mig(Member(c, 1), d2, kMarryOut);
  });
  repeat(2, [&] {  // migration and register disagree: the earliest counts
    int c = PickCase(rng, 2, 5);
    if (c < 0) return;
    int p = RandomMember(rng, c);
    int32_t d = AfterEnrol(rng, c);
    mig(p, d, kMoveOut);
    w_.people[p].status = kMovedOut;
    w_.people[p].status_date = std::min(as_of_, d + rng.Range(3, 40));
  });
  // Decoys: married and stayed, moved in, moving after the as-of date.
  repeat(4, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0) mig(RandomMember(rng, c), AnyDate(rng, 8), kMarry);
  });
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0) mig(RandomMember(rng, c), AnyDate(rng, 8), kMoveIn);
  });
  repeat(2, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0) mig(RandomMember(rng, c), as_of_ + rng.Range(1, 60), kMoveOut);
  });

  // INCOME -----------------------------------------------------------------
  repeat(8, [&] {  // wages over the line for some months
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    int m0 = month_of(AfterEnrol(rng, c));
    int m1 = std::min(am, m0 + rng.Range(2, 11));
    for (int m = m0; m <= m1; ++m) tax(p, m, line(c, m) + rng.Range(1, 80000));
  });
  repeat(2, [&] {  // one month, over by one fen
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int m = month_of(AfterEnrol(rng, c));
    tax(Adult(rng, c), m, line(c, m) + 1);
  });
  repeat(3, [&] {  // decoy: exactly at the line
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    int m0 = month_of(AfterEnrol(rng, c));
    for (int m = m0; m <= std::min(am, m0 + 4); ++m) tax(p, m, line(c, m));
  });
  repeat(2, [&] {  // decoy: just under, earned by two members
    int c = PickCase(rng, 2, 5);
    if (c < 0) return;
    int m = month_of(AfterEnrol(rng, c));
    int64_t a = line(c, m) / 3;
    tax(Member(c, 0), m, a);
    tax(Member(c, 1), m, line(c, m) - 1 - a);
  });
  repeat(3, [&] {  // between the old and the new standard across the raise
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    int p = Adult(rng, c);
    int64_t per =
        StandardFen(w_.cases[c].urban, kRaiseMonth - 1) + rng.Range(1, 5000);
    for (int m = kRaiseMonth - 4; m <= std::min(am, kRaiseMonth + 3); ++m)
      tax(p, m, per * w_.cases[c].n);
  });
  repeat(2, [&] {  // decoy: the same, only after the raise
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    int p = Adult(rng, c);
    int64_t per =
        StandardFen(w_.cases[c].urban, kRaiseMonth - 1) + rng.Range(1, 5000);
    for (int m = kRaiseMonth; m <= std::min(am, kRaiseMonth + 3); ++m)
      tax(p, m, per * w_.cases[c].n);
  });
  repeat(2, [&] {  // decoy: high income before enrolment only
    int c = pick_if(1, 5, [&](const Case& k) {
      return month_of(k.enrolled) > kFirstStandardMonth + 24;
    });
    if (c < 0) return;
    int p = Adult(rng, c);
    for (int m = enrol_month(c) - 6; m < enrol_month(c); ++m)
      tax(p, m, line(c, m) * 3);
  });
  repeat(1, [&] {  // decoy: a period after the as-of month
    int c = PickCase(rng, 1, 5);
    if (c >= 0) tax(Adult(rng, c), am + 1, line(c, am) * 4);
  });

  // PUBLIC_PAY -------------------------------------------------------------
  auto pay_months = [&](int c, int* m0, int* m1) {
    *m0 = month_of(AfterEnrol(rng, c));
    *m1 = std::min(am, *m0 + rng.Range(1, 5));
  };
  int m0, m1;
  repeat(4, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayPublic, rng.Range(3000, 6500) * 100);
  });
  repeat(6, [&] {
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayWelfareJob,
        rng.Range(1500, 2200) * 100 + (rng.Below(2) ? 50 : 0));
  });
  repeat(4, [&] {  // a pension above the line (1000.00)
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayPension,
        rng.Below(4) == 0 ? 100001 : rng.Range(1001, 3000) * 100);
  });
  repeat(3, [&] {  // decoy: a pension exactly at the line
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayPension, 100000);
  });
  repeat(2, [&] {  // decoy: a pension below the line
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayPension, rng.Range(300, 999) * 100);
  });
  repeat(3, [&] {  // decoy: housing fund contributions
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    pay_months(c, &m0, &m1);
    pay(Adult(rng, c), m0, m1, kPayHousingFund, rng.Range(100, 400) * 100);
  });
  repeat(2, [&] {  // decoy: public payroll starting after the as-of month
    int c = PickCase(rng, 1, 5);
    if (c >= 0) pay(Adult(rng, c), am + 1, am + 2, kPayPublic, 420000);
  });

  // ASSETS -----------------------------------------------------------------
  auto limit = [&](int c, int32_t d) { return 24 * line(c, month_of(d)); };
  repeat(6, [&] {  // below, then above
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int p = Adult(rng, c);
    uint64_t account = new_account();
    int32_t d1 = AfterEnrol(rng, c);
    bank(p, d1, limit(c, d1) / 3, account);
    if (d1 + 1 > as_of_ - 1) return;
    int32_t d2 = rng.Range(d1 + 1, as_of_ - 1);
    bank(p, d2, limit(c, d2) + rng.Range(1, 5000000), account);
  });
  repeat(2, [&] {  // one fen above
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int32_t d = AfterEnrol(rng, c);
    bank(Adult(rng, c), d, limit(c, d) + 1, new_account());
  });
  repeat(3, [&] {  // decoy: exactly at the threshold
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    int32_t d = AfterEnrol(rng, c);
    bank(Adult(rng, c), d, limit(c, d), new_account());
  });
  repeat(2, [&] {  // two members, over together
    int c = PickCase(rng, 2, 5);
    if (c < 0) return;
    int32_t d = AfterEnrol(rng, c);
    int64_t half = limit(c, d) / 2 + 100000;
    bank(Member(c, 0), d, half, new_account());
    bank(Member(c, 1), d, half, new_account());
  });
  repeat(2, [&] {  // at the new threshold before the raise: over the old one
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    int32_t d = rng.Range(
        std::max(w_.cases[c].enrolled + 1, Date::FromYmd(2025, 1, 1).days),
        Date::FromYmd(2025, 6, 30).days);
    bank(Adult(rng, c), d, 24 * line(c, kRaiseMonth), new_account());
  });
  repeat(2, [&] {  // decoy: the same after the raise
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    int32_t d = rng.Range(Date::FromYmd(2025, 7, 1).days, as_of_ - 1);
    bank(Adult(rng, c), d, 24 * line(c, kRaiseMonth), new_account());
  });
  repeat(2, [&] {  // decoy: a balance dated after the as-of date
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      bank(Adult(rng, c), as_of_ + rng.Range(1, 30), limit(c, as_of_) * 2,
           new_account());
  });

  // PAYMENT ----------------------------------------------------------------
  repeat(4, [&] {  // the account is someone else's
    int c = PickCase(rng, 1, 5);
    int q = PickNonMember(rng, 25);
    if (c < 0 || q < 0) return;
    bank(q, AnyDate(rng, 2), rng.Range(100, 900000), w_.cases[c].account);
  });
  repeat(6, [&] {  // decoy: the account is a member's
    int c = PickCase(rng, 1, 5);
    if (c < 0) return;
    bank(Adult(rng, c), AnyDate(rng, 2), rng.Range(100, 300000),
         w_.cases[c].account);
  });
  repeat(4, [&] {  // two cases paid into one account
    int a = PickCase(rng, 1, 5), b = PickCase(rng, 1, 5);
    if (a < 0 || b < 0) return;
    w_.cases[b].account = w_.cases[a].account;
  });

  // BUSINESS (capital in hundredths of 万元; the threshold is 5 万元) -------
  auto biz_date = [&](int c) {
    return rng.Below(2) ? AfterEnrol(rng, c) : BeforeEnrol(rng, c, 8);
  };
  repeat(5, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), biz_date(c), rng.Range(6, 300) * 100, kLegalRep,
          kBizActive);
  });
  repeat(3, [&] {
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), biz_date(c), rng.Range(6, 100) * 100, kShareholder,
          kBizActive);
  });
  repeat(1, [&] {  // 5.01 万元: just over
    int c = PickCase(rng, 1, 5);
    if (c >= 0) biz(Adult(rng, c), biz_date(c), 501, kLegalRep, kBizActive);
  });
  repeat(3, [&] {  // decoy: deregistered before enrolment
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), BeforeEnrol(rng, c, 10), rng.Range(10, 200) * 100,
          kLegalRep, kBizDeregistered);
  });
  repeat(2, [&] {  // decoy: revoked
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), biz_date(c), rng.Range(10, 200) * 100, kShareholder,
          kBizRevoked);
  });
  repeat(3, [&] {  // decoy: exactly 5 万元
    int c = PickCase(rng, 1, 5);
    if (c >= 0) biz(Adult(rng, c), biz_date(c), 500, kLegalRep, kBizActive);
  });
  repeat(2, [&] {  // decoy: a supervisor
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), biz_date(c), rng.Range(10, 200) * 100, kSupervisor,
          kBizActive);
  });
  repeat(1, [&] {  // decoy: registered after the as-of date
    int c = PickCase(rng, 1, 5);
    if (c >= 0)
      biz(Adult(rng, c), as_of_ + rng.Range(1, 60), 2000, kLegalRep,
          kBizActive);
  });

  // DUPLICATE: a member of one case also in a later, one-member case ------
  int extra = 0;
  repeat(4, [&] {
    int a = PickCase(rng, 1, 5);
    if (a < 0 || w_.cases[a].enrolled + 30 > as_of_ - 60) return;
    const Case& ca = w_.cases[a];
    Case c;
    c.household = ca.household;
    c.first_member = static_cast<int32_t>(w_.members.size());
    c.n = 1;
    c.urban = ca.urban;
    c.category = static_cast<uint8_t>(rng.Below(3));
    c.income_fen = ca.income_fen;
    c.enrolled = rng.Range(ca.enrolled + 30, as_of_ - 60);
    c.monthly_fen = StandardFen(c.urban, am) - c.income_fen;
    c.account = new_account();
    c.phone = 0;
    c.used = true;
    c.id = std::string(
        w_.county->townships[w_.households[ca.household].township].code);
    AppendPad(&c.id, static_cast<uint64_t>(ToYmd(c.enrolled).y), 4);
    AppendPad(&c.id, static_cast<uint64_t>(90000 + extra++), 5);
    w_.members.push_back(RandomMember(rng, a));
    w_.member_case.push_back(static_cast<int32_t>(w_.cases.size()));
    w_.cases.push_back(std::move(c));
  });

  // UNDERPAID ---------------------------------------------------------------
  auto due = [&](int c, int m) {
    const Case& k = w_.cases[c];
    return std::max<int64_t>(0, StandardFen(k.urban, m) - k.income_fen) * k.n;
  };
  repeat(8, [&] {  // the raise never applied
    int c = pick_if(1, 5, before_raise);
    if (c >= 0) w_.cases[c].monthly_fen = due(c, kRaiseMonth - 1);
  });
  repeat(2, [&] {  // one fen short since the raise
    int c = pick_if(1, 5, before_raise);
    if (c >= 0) w_.cases[c].monthly_fen = due(c, am) - 1;
  });
  repeat(2, [&] {  // enrolled after the raise, short from the start
    int c = pick_if(1, 5, [&](const Case& k) {
      return month_of(k.enrolled) >= kRaiseMonth;
    });
    if (c >= 0) w_.cases[c].monthly_fen = due(c, am) - rng.Range(1, 50) * 100;
  });
  // Decoys: the raise never applied either, but the roll carries no declared
  // income, so the top-up cannot be computed (the run says so once).
  repeat(3, [&] {
    int c = pick_if(1, 5, before_raise);
    if (c < 0) return;
    w_.cases[c].monthly_fen = due(c, kRaiseMonth - 1);
    w_.cases[c].income_blank = true;
  });
  // Decoys: every other case was adjusted correctly after the raise; these
  // are paid more than due.
  repeat(2, [&] {
    int c = pick_if(1, 5, before_raise);
    if (c >= 0) w_.cases[c].monthly_fen = due(c, am) + 1000;
  });

  // Background: the same feeds for people not on the roll.
  const int n = static_cast<int>(w_.people.size());
  Rng bg(opt_.seed, kStreamMore);
  for (int i = n / 100; i > 0; --i) {
    int q = PickNonMember(bg, 18);
    if (q >= 0)
      w_.migrations.push_back(
          {q, AnyDate(bg, 8), static_cast<uint8_t>(bg.Below(4))});
  }
  for (int i = n / 20; i > 0; --i) {
    int q = PickNonMember(bg, 20);
    if (q >= 0) {
      w_.taxes.push_back(
          {q, am - static_cast<int>(bg.Below(36)),
           static_cast<uint8_t>(bg.Below(3)),
           static_cast<int64_t>(bg.Range(500, 30000)) * 100 + bg.Below(100)});
    }
  }
  for (int i = n / 40; i > 0; --i) {
    int q = PickNonMember(bg, 20);
    if (q >= 0) {
      w_.payrolls.push_back({q, am - static_cast<int>(bg.Below(24)),
                             static_cast<uint8_t>(bg.Below(4)),
                             static_cast<int64_t>(bg.Range(300, 9000)) * 100});
    }
  }
  for (int i = n / 10; i > 0; --i) {
    int q = PickNonMember(bg, 16);
    if (q >= 0) {
      w_.banks.push_back(
          {q, AnyDate(bg, 3),
           static_cast<int64_t>(bg.Range(0, 2000000)) * 10 + bg.Below(10),
           6217000000000000000ULL + bg.Next() % 1000000000000ULL,
           static_cast<uint8_t>(bg.Below(4))});
    }
  }
  for (int i = n / 100; i > 0; --i) {
    int q = PickNonMember(bg, 22);
    if (q >= 0) {
      w_.businesses.push_back(
          {q, AnyDate(bg, 15),
           static_cast<int64_t>(bg.Range(1, 1000)) * 1000000,
           static_cast<uint8_t>(bg.Below(3)),
           static_cast<uint8_t>(bg.Below(3))});
    }
  }
}

// ---------------------------------------------------------------------------
// The family grounds of issue 4: SPLIT, MERGE, CADRE_KIN, each with its
// decoys (configs/rules/README.md gives the rules the truth follows).

void Builder::LinkKin() {
  for (const Household& h : w_.households) {
    int head = h.first, spouse = -1, father = -1, mother = -1;
    for (int i = 1; i < h.size; ++i) {
      uint8_t r = w_.people[h.first + i].relation;
      if (r == kSpouse) spouse = h.first + i;
      if (r == kFather) father = h.first + i;
      if (r == kMother) mother = h.first + i;
    }
    Person& hp = w_.people[head];
    if (spouse >= 0) {
      hp.spouse = spouse;
      w_.people[spouse].spouse = head;
    }
    hp.father = father;
    hp.mother = mother;
    int dad = hp.male ? head : spouse, mom = hp.male ? spouse : head;
    for (int i = 1; i < h.size; ++i) {
      Person& p = w_.people[h.first + i];
      if (p.relation == kSon || p.relation == kDaughter) {
        p.father = dad;
        p.mother = mom;
      }
    }
  }
}

void Builder::PlantFamily() {
  Rng rng(opt_.seed, kStreamFamily);
  auto repeat = [&](int base, const std::function<void()>& f) {
    for (int i = Scaled(base); i > 0; --i) f();
  };
  const int am = Date{as_of_}.month_index();
  const int nh = static_cast<int>(w_.households.size());
  std::vector<uint8_t> busy(w_.households.size(), 0);
  for (int p : w_.members) busy[w_.people[p].household] = 1;
  for (const World::Cadre& c : w_.cadres)
    busy[w_.people[c.person].household] = 1;
  auto age = [&](int p) { return (as_of_ - w_.people[p].birth) / 365; };
  auto free_person = [&](int p) {
    const Person& q = w_.people[p];
    return q.member < 0 && q.status == kNormal && q.id_style != kIdBadCheck;
  };
  // A household nobody has touched: no case, every member alive and
  // registered, its head of the given age.
  auto free_household = [&](int min_size, int max_size, int min_age,
                            int max_age, int urban = -1) {
    for (int tries = 0; tries < 20000; ++tries) {
      int hh = static_cast<int>(rng.Below(static_cast<uint32_t>(nh)));
      const Household& h = w_.households[hh];
      if (busy[hh] || h.size < min_size || h.size > max_size) continue;
      if (urban >= 0 && w_.villages[h.village]->urban != (urban == 1)) continue;
      int a = age(h.first);
      if (a < min_age || a > max_age) continue;
      bool ok = true;
      for (int i = 0; i < h.size; ++i) ok = ok && free_person(h.first + i);
      if (!ok) continue;
      busy[hh] = 1;
      return hh;
    }
    return -1;
  };
  auto copy_address = [&](int to, int from) {
    Household& t = w_.households[to];
    const Household& f = w_.households[from];
    t.village = f.village;
    t.township = f.township;
    t.group = f.group;
    t.number = f.number;
    t.street = f.street;
    t.building = f.building;
    t.unit = f.unit;
    t.room = f.room;
  };
  int serial = 0;
  auto new_case = [&](int hh, const std::vector<int>& persons) {
    const Household& h = w_.households[hh];
    Case c;
    c.household = hh;
    c.first_member = static_cast<int32_t>(w_.members.size());
    c.n = static_cast<int32_t>(persons.size());
    c.urban = w_.villages[h.village]->urban;
    c.category = static_cast<uint8_t>(rng.Weighted({20, 40, 40}));
    c.income_fen = c.category == 0 ? 0 : rng.Range(50, 400) * 100;
    c.monthly_fen = (StandardFen(c.urban, am) - c.income_fen) * c.n;
    c.enrolled = rng.Range(as_of_ - 365 * 8, as_of_ - 120);
    c.account = 6228232000000000000ULL + rng.Next() % 1000000000000ULL * 10 +
                rng.Below(10);
    c.phone = 13900000000ULL + rng.Next() % 100000000ULL;
    c.used = true;
    c.id = std::string(w_.county->townships[h.township].code);
    AppendPad(&c.id, static_cast<uint64_t>(ToYmd(c.enrolled).y), 4);
    AppendPad(&c.id, static_cast<uint64_t>(80000 + serial++), 5);
    int ci = static_cast<int>(w_.cases.size());
    for (int p : persons) {
      w_.people[p].member = static_cast<int32_t>(w_.members.size());
      w_.members.push_back(p);
      w_.member_case.push_back(ci);
    }
    w_.cases.push_back(std::move(c));
    return ci;
  };
  auto whole = [&](int hh, int max_n = 5) {
    std::vector<int> v;
    for (int i = 0; i < w_.households[hh].size && i < max_n; ++i)
      v.push_back(w_.households[hh].first + i);
    return v;
  };
  // The head of `child_hh` is a child of the head (and spouse) of `parent_hh`.
  auto make_child_of = [&](int child_hh, int parent_hh) {
    const Household& ph = w_.households[parent_hh];
    int head = ph.first, spouse = w_.people[head].spouse;
    Person& c = w_.people[w_.households[child_hh].first];
    c.father = w_.people[head].male ? head : spouse;
    c.mother = w_.people[head].male ? spouse : head;
  };
  auto elderly_and_child = [&](int urban, int* parent_hh, int* child_hh) {
    *parent_hh = free_household(1, 2, 62, 88, urban);
    if (*parent_hh < 0) return false;
    int pa = age(w_.households[*parent_hh].first);
    *child_hh = free_household(1, 4, 24, pa - 22, urban);
    if (*child_hh < 0) return false;
    make_child_of(*child_hh, *parent_hh);
    return true;
  };

  // SPLIT -------------------------------------------------------------------
  repeat(6, [&] {  // one hukou household, two cases (一户保一人)
    int hh = free_household(3, 6, 30, 80);
    if (hh < 0) return;
    std::vector<int> all = whole(hh, 6);
    int k = 1 + static_cast<int>(rng.Below(2));
    new_case(hh, std::vector<int>(all.begin(), all.begin() + k));
    new_case(hh, std::vector<int>(all.begin() + k, all.end()));
  });
  repeat(5, [&] {  // a grown child's own hukou, living at the parents' home
    int parent_hh, child_hh;
    if (!elderly_and_child(-1, &parent_hh, &child_hh)) return;
    copy_address(child_hh, parent_hh);
    new_case(parent_hh, whole(parent_hh));
    new_case(child_hh, whole(child_hh));
  });
  repeat(3, [&] {  // spouses registered in two hukou, each with a case
    int a = free_household(1, 1, 28, 70);
    if (a < 0) return;
    int b = -1;
    for (int tries = 0; tries < 50 && b < 0; ++tries) {
      b = free_household(1, 1, 28, 70);
      if (b >= 0 && w_.people[w_.households[b].first].male ==
                        w_.people[w_.households[a].first].male)
        b = -1;
    }
    if (b < 0) return;
    w_.people[w_.households[a].first].spouse = w_.households[b].first;
    w_.people[w_.households[b].first].spouse = w_.households[a].first;
    new_case(a, whole(a));
    new_case(b, whole(b));
  });
  repeat(2, [&] {  // one dwelling, one phone, two cases, no kin
    int a = free_household(1, 3, 25, 80), b = free_household(1, 3, 25, 80);
    if (a < 0 || b < 0) return;
    copy_address(b, a);
    int ca = new_case(a, whole(a)), cb = new_case(b, whole(b));
    w_.cases[cb].phone = w_.cases[ca].phone;
  });
  // Decoys: elderly parents with their own hukou and their own home.
  repeat(6, [&] {
    int parent_hh, child_hh;
    if (!elderly_and_child(-1, &parent_hh, &child_hh)) return;
    if (DwellingOf(w_, w_.households[child_hh]) ==
        DwellingOf(w_, w_.households[parent_hh])) {
      Household& c = w_.households[child_hh];
      c.number = static_cast<uint16_t>(c.number % 180 + 1);
    }
    new_case(parent_hh, whole(parent_hh));
    new_case(child_hh, whole(child_hh));
  });
  // ... parents and child in one apartment building, different flats.
  repeat(3, [&] {
    int parent_hh, child_hh;
    if (!elderly_and_child(1, &parent_hh, &child_hh)) return;
    copy_address(child_hh, parent_hh);
    Household& c = w_.households[child_hh];
    c.room = static_cast<uint16_t>(c.room % 100 == 4 ? c.room - 1 : c.room + 1);
    new_case(parent_hh, whole(parent_hh));
    new_case(child_hh, whole(child_hh));
  });
  // ... neighbours in one building, and two families of one surname in one
  // village (no kin in the register): nothing ties them.
  repeat(3, [&] {
    int a = free_household(1, 3, 25, 80, 1),
        b = free_household(1, 3, 25, 80, 1);
    if (a < 0 || b < 0) return;
    copy_address(b, a);
    Household& h = w_.households[b];
    h.room = static_cast<uint16_t>(h.room + 100 <= 604 ? h.room + 100
                                                       : h.room - 100);
    new_case(a, whole(a));
    new_case(b, whole(b));
  });
  repeat(3, [&] {
    int a = free_household(1, 3, 25, 80, 0),
        b = free_household(1, 3, 25, 80, 0);
    if (a < 0 || b < 0) return;
    Household& h = w_.households[b];
    int group = h.group, number = h.number;
    copy_address(b, a);
    h.group = static_cast<uint8_t>(group);
    h.number = static_cast<uint16_t>(number);
    if (DwellingOf(w_, h) == DwellingOf(w_, w_.households[a]))
      h.number = static_cast<uint16_t>(h.number % 180 + 1);
    // The same surname: the first character of the head's name.
    std::string& name = w_.people[h.first].name;
    const std::string& other = w_.people[w_.households[a].first].name;
    if (name.size() >= 3 && other.size() >= 3 &&
        name.find("·") == std::string::npos &&
        other.find("·") == std::string::npos) {
      name = other.substr(0, 3) + name.substr(3);
    }
    new_case(a, whole(a));
    new_case(b, whole(b));
  });
  // ... a generic phone (the village office's) on several cases, two of
  // them at one address.
  repeat(1, [&] {
    uint64_t phone = 13700000000ULL + rng.Next() % 100000000ULL;
    int first = -1;
    for (int k = 0; k < 5; ++k) {
      int hh = free_household(1, 3, 25, 80);
      if (hh < 0) return;
      if (k == 0) first = hh;
      if (k == 1) copy_address(hh, first);
      w_.cases[new_case(hh, whole(hh))].phone = phone;
    }
  });

  // MERGE -------------------------------------------------------------------
  repeat(6, [&] {  // 多户人集中一个户头，每户保1至2人
    int own = free_household(2, 6, 30, 70);
    if (own < 0) return;
    std::vector<int> persons = whole(own, 2 + static_cast<int>(rng.Below(2)));
    int others = 1 + static_cast<int>(rng.Below(2));
    for (int k = 0; k < others; ++k) {
      int hh = free_household(2, 6, 25, 80);
      if (hh < 0) break;
      const Household& h = w_.households[hh];
      int take = 1 + static_cast<int>(rng.Below(std::min<uint32_t>(
                         2, static_cast<uint32_t>(persons.size() - 1))));
      // Not the other household's head: the roll writes one 户主.
      for (int i = 1; i < h.size && take > 0; ++i, --take)
        persons.push_back(h.first + i);
    }
    new_case(own, persons);
  });
  // Decoys: an elderly parent with their own hukou in the child's case; a
  // spouse whose hukou stayed with her parents.
  repeat(3, [&] {
    int parent_hh, child_hh;
    if (!elderly_and_child(-1, &parent_hh, &child_hh)) return;
    std::vector<int> persons = whole(child_hh);
    persons.push_back(w_.households[parent_hh].first);
    new_case(child_hh, persons);
  });
  repeat(2, [&] {
    int a = free_household(1, 1, 28, 70);
    if (a < 0) return;
    int b = -1;
    for (int tries = 0; tries < 50 && b < 0; ++tries) {
      b = free_household(1, 1, 28, 70);
      if (b >= 0 && w_.people[w_.households[b].first].male ==
                        w_.people[w_.households[a].first].male)
        b = -1;
    }
    if (b < 0) return;
    int pa = w_.households[a].first, pb = w_.households[b].first;
    w_.people[pa].spouse = pb;
    w_.people[pb].spouse = pa;
    new_case(a, {pa, pb});
  });

  // CADRE_KIN ---------------------------------------------------------------
  auto id_style = [&] {
    uint32_t r = rng.Below(100);
    return static_cast<uint8_t>(r < 25   ? kCadreIdMissing
                                : r < 45 ? kCadreIdBadCheck
                                         : kCadreIdClean);
  };
  auto cadre = [&](int p, int township) {
    w_.cadres.push_back(
        {p, township, static_cast<uint8_t>(rng.Below(std::size(kCadrePosts))),
         id_style()});
  };
  auto township_of_case = [&](int c) {
    return w_.households[w_.cases[c].household].township;
  };
  repeat(3, [&] {  // a cadre on the roll
    int c = PickCase(rng, 1, 5, 1);
    if (c >= 0) cadre(Adult(rng, c), township_of_case(c));
  });
  // A cadre whose parent's case is in the cadre's township: the cadre lives
  // with them (not on the case) or apart (own hukou). The decoy: the same,
  // but the post is in another township.
  auto child_not_on_case = [&](int c) {
    const Case& k = w_.cases[c];
    const Household& h = w_.households[k.household];
    for (int i = k.n; i < h.size; ++i) {
      int p = h.first + i;
      const Person& q = w_.people[p];
      if ((q.relation == kSon || q.relation == kDaughter) && free_person(p) &&
          age(p) >= 22)
        return p;
    }
    return -1;
  };
  const int townships = static_cast<int>(w_.county->townships.size());
  for (int decoy = 0; decoy < 2; ++decoy) {
    repeat(decoy ? 3 : 4, [&] {
      for (int tries = 0; tries < 400; ++tries) {
        int c = PickCase(rng, 1, 4, 1);
        if (c < 0) return;
        int p = child_not_on_case(c);
        if (p < 0) {
          w_.cases[c].used = false;
          continue;
        }
        int t = township_of_case(c);
        cadre(p, decoy ? (t + 1) % townships : t);
        return;
      }
    });
  }
  repeat(3, [&] {
    int parent_hh, child_hh;
    if (!elderly_and_child(-1, &parent_hh, &child_hh)) return;
    new_case(parent_hh, whole(parent_hh));
    cadre(w_.households[child_hh].first, w_.households[parent_hh].township);
  });
  // The rest of the roster: cadres of every township, on nobody's case
  // unless by chance (the truth counts chance too).
  repeat(160, [&] {
    int p = PickNonMember(rng, 25);
    if (p >= 0) cadre(p, w_.households[w_.people[p].household].township);
  });
}

}  // namespace hedui::demo::gen
