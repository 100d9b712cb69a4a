// Building the demo county's world: people and households (world.cc), the
// roll and what happens to everyone else, then the planted cases of every
// ground with their decoys (planting.cc), then the records put in export
// order.
#ifndef HEDUI_ENGINE_DEMO_BUILDER_H_
#define HEDUI_ENGINE_DEMO_BUILDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/demo/generator.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

class Builder {
 public:
  Builder(const GeneratorOptions& o, World* w)
      : opt_(o), w_(*w), as_of_(o.as_of.days) {
    male_given_ = SplitUtf8(kMaleGiven);
    female_given_ = SplitUtf8(kFemaleGiven);
  }

  void BuildPeople();
  void BuildRoll();
  void Background();
  void Plant();
  void Finalize();
  void PlantMore(Rng& rng);
  void LinkKin();
  void PlantFamily();
  void PlantCounty();  // planting_county.cc
  void PlantMergeTie(Rng& rng);
  void PlantGroups();          // planting_groups.cc
  void PlantMoney();           // planting_money.cc
  void PlantSeveralDefects();  // planting_intake.cc
  void PlantNeighbour();       // planting_xcounty.cc

 private:
  std::string MakeName(Rng& rng, SV surname, bool male);
  SV DrawSurname(Rng& rng);
  void AddPerson(Rng& rng, int hh, Relation rel, int age, bool male,
                 SV surname);
  int32_t BirthFromAge(Rng& rng, int age);
  uint64_t AllocateBody(Rng& rng, int32_t* birth, bool male);

  // Planting helpers.
  int PickCase(Rng& rng, int min_n, int max_n, int min_adults = 0);
  int RandomMember(Rng& rng, int c) {
    const Case& k = w_.cases[c];
    return w_.members[k.first_member + rng.Below(k.n)];
  }
  int Member(int c, int i) { return w_.members[w_.cases[c].first_member + i]; }
  int PickNonMember(Rng& rng, int min_age);
  int32_t AfterEnrol(Rng& rng, int c) {  // (enrolled, as_of - 35]
    return rng.Range(w_.cases[c].enrolled + 1, as_of_ - 35);
  }
  // [enrolled - max_years, enrolled - 1], not before `owner` turned 18.
  int32_t BeforeEnrol(Rng& rng, int c, int max_years, int owner = -1) {
    int32_t hi = w_.cases[c].enrolled - 1;
    int32_t lo = hi + 1 - 365 * max_years;
    if (owner >= 0)
      lo = std::min(hi, std::max(lo, w_.people[owner].birth + 365 * 18));
    return rng.Range(lo, hi);
  }
  bool IsAdult(int person) const {
    return as_of_ - w_.people[person].birth >= 365 * 22;
  }
  // The i-th adult member of case c (members in household order), or -1.
  int AdultMember(int c, int i) {
    for (int k = 0; k < w_.cases[c].n; ++k) {
      int p = Member(c, k);
      if (IsAdult(p) && i-- == 0) return p;
    }
    return -1;
  }
  int CountAdults(int c) {
    int n = 0;
    for (int k = 0; k < w_.cases[c].n; ++k) n += IsAdult(Member(c, k));
    return n;
  }
  // A random adult member (the head is one).
  int Adult(Rng& rng, int c) {
    int n = CountAdults(c);
    return n ? AdultMember(
                   c, static_cast<int>(rng.Below(static_cast<uint32_t>(n))))
             : Member(c, 0);
  }
  int32_t AnyDate(Rng& rng, int years_back) {
    return rng.Range(as_of_ - 365 * years_back, as_of_ - 35);
  }
  void AddDeath(int person, int32_t date, uint8_t source, uint8_t style) {
    w_.deaths.push_back({person, date, source, style});
  }
  void SetPopDead(int person, int32_t date) {
    w_.people[person].status = kDead;
    w_.people[person].status_date = date;
  }
  void AddVehicle(int person, int32_t date, uint8_t type, uint8_t status,
                  uint8_t style = kIdClean) {
    w_.vehicles.push_back({person, date, type, status, style, false});
  }
  int AddTitle(int32_t date, uint8_t use, bool active, int32_t area,
               std::initializer_list<int> owner_people, int household) {
    Title t;
    t.date = date;
    t.use = use;
    t.active = active;
    t.area = area;
    t.owners_begin = static_cast<int32_t>(w_.owners.size());
    t.owners_n = static_cast<int32_t>(owner_people.size());
    for (int p : owner_people) w_.owners.push_back(p);
    t.household = household;
    t.township = w_.households[household >= 0
                                   ? household
                                   : w_.people[*owner_people.begin()].household]
                     .township;
    t.street_no = 0;
    w_.titles.push_back(std::move(t));
    return static_cast<int>(w_.titles.size() - 1);
  }
  int32_t DwellingArea(Rng& rng) { return rng.Range(4500, 16000) / 10 * 10; }
  int Scaled(int base) const {
    int64_t v = (static_cast<int64_t>(base) * opt_.residents + 100000) / 200000;
    return static_cast<int>(std::max<int64_t>(1, v));
  }

  const GeneratorOptions& opt_;
  World& w_;
  int32_t as_of_;
  std::vector<SV> male_given_, female_given_;
  std::vector<uint16_t> seq_counters_;
  int32_t seq_base_ = Date::FromYmd(1900, 1, 1).days;
  int32_t seq_span_ = 0;
  uint32_t county_region_ = 0;
  std::vector<int> case_order_;
  size_t case_cursor_ = 0;
};

}  // namespace hedui::demo::gen

#endif  // HEDUI_ENGINE_DEMO_BUILDER_H_
