// Household grouping (engine/linkage/family_graph.h): the family graph of
// a county register, linked and grouped by union-find, at the demo county's
// size (200,000 residents) and at 10x. The register is synthetic but shaped
// like the demo's: households of 1 to 6 under one 户号 at one dwelling,
// spouses and parents named by ID, one grown child in twenty registered
// apart (own 户号, own home or the parents'), and a roll of 3% of residents
// in cases whose accounts and phones the graph also reads.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "engine/linkage/address.h"
#include "engine/linkage/family_graph.h"

namespace hedui {
namespace {

struct County {
  std::vector<FamilyPerson> people;
  std::vector<Household> households;
};

County MakeCounty(int residents) {
  County c;
  uint64_t state = 20261122;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  };
  const uint64_t base = 41030319500101000ULL;
  int household = 0;
  c.people.reserve(static_cast<size_t>(residents));
  while (static_cast<int>(c.people.size()) < residents) {
    int size = 1 + static_cast<int>(next() % 6);
    std::string hukou = std::to_string(100000 + household);
    std::string dwelling =
        "house|伊川县|鸣皋镇|村" + std::to_string(household % 400) + "|" +
        std::to_string(next() % 12) + "|" + std::to_string(household);
    size_t head = c.people.size();
    for (int i = 0; i < size && static_cast<int>(c.people.size()) < residents;
         ++i) {
      FamilyPerson p;
      p.id_body = base + c.people.size() * 7;
      p.hukou_id = hukou;
      p.dwelling = dwelling;
      p.township = "鸣皋镇";
      if (i == 1) {
        p.spouse = c.people[head].id_body;
        c.people[head].spouse = p.id_body;
      }
      if (i >= 2) {
        p.father = c.people[head].id_body;
        p.mother = c.people[head + 1].id_body;
      }
      c.people.push_back(std::move(p));
    }
    // One grown child in twenty has their own hukou, half of them at home.
    if (size == 1 && household > 0 && next() % 20 == 0) {
      FamilyPerson& p = c.people.back();
      p.father = c.people[head - 1].id_body;
      if (next() % 2) p.dwelling = c.people[head - 1].dwelling;
    }
    if (next() % 100 < 7) {  // a case: the first members of the household
      Household h;
      h.case_id = std::to_string(household);
      h.bank_account = std::to_string(6228000000000ULL + next());
      for (size_t i = head; i < c.people.size() && i < head + 3; ++i) {
        Member m;
        m.id_body = c.people[i].id_body;
        m.roll.fields.resize(14);
        m.roll.fields[13] =
            std::to_string(13900000000ULL + next() % 100000000ULL);
        h.members.push_back(std::move(m));
      }
      c.households.push_back(std::move(h));
    }
    ++household;
  }
  return c;
}

void BM_GroupHouseholds(benchmark::State& state) {
  County county = MakeCounty(static_cast<int>(state.range(0)));
  size_t links = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<FamilyPerson> people =
        county.people;  // FromPeople consumes its input
    state.ResumeTiming();
    FamilyGraph g = FamilyGraph::FromPeople(
        std::move(people), county.households, FamilyGraphOptions());
    links = g.links().size();
    benchmark::DoNotOptimize(g);
  }
  state.counters["people"] = static_cast<double>(county.people.size());
  state.counters["links"] = static_cast<double>(links);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_GroupHouseholds)
    ->Arg(200000)
    ->Arg(2000000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

// The other cost of a run's family pass: one register address to a dwelling
// key (Build parses them in parallel).
void BM_DwellingKey(benchmark::State& state) {
  AddressNormalizer normalizer;
  const std::vector<std::string> addresses = {
      "河南省洛阳市伊川县鸣皋镇鸣皋村三组十二号",
      "伊川县城关街道西场社区人民路12号院3号楼2单元301", "鸣皋镇鸣皋村3组12号"};
  size_t i = 0;
  for (auto _ : state) {
    Address a = normalizer.Parse(addresses[i++ % addresses.size()]);
    benchmark::DoNotOptimize(DwellingKey(a));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DwellingKey);

}  // namespace
}  // namespace hedui
