// Person matching and address normalisation throughput. FEBRL 4 (5,000
// against 5,000) as published and at 10x: each copy of the data set is a new
// set of people (birth dates moved, ids and postcodes changed, names kept),
// so the larger run also tests that common names do not link strangers.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "engine/base/text.h"
#include "engine/demo/febrl.h"
#include "engine/demo/places.h"
#include "engine/linkage/address.h"
#include "engine/linkage/person_linker.h"

namespace hedui {
namespace {

const std::string kFebrlDir =
    std::string(HEDUI_SOURCE_DIR) + "/tests/data/febrl/";

std::vector<PersonRecord> Scaled(const std::vector<PersonRecord>& base,
                                 int copies) {
  std::vector<PersonRecord> out;
  out.reserve(base.size() * copies);
  for (int k = 0; k < copies; ++k) {
    for (const PersonRecord& r : base) {
      PersonRecord c = r;
      if (k > 0) {
        int64_t n = FebrlEntity(r.record_id);
        std::string tail = r.record_id.substr(r.record_id.find('-', 4));
        c.record_id = "rec-" + std::to_string(n + 100000 * k) + tail;
        Date d;
        if (ParseDate(c[PersonField::kBirthDate], &d)) {
          d.days += 37 * k;
          c[PersonField::kBirthDate] = std::to_string(d.yyyymmdd());
        }
        std::string& ssid = c[PersonField::kOtherId];
        if (!ssid.empty()) ssid = std::to_string(k) + ssid;
        std::string& pc = c[PersonField::kPostcode];
        if (!pc.empty()) pc = std::to_string(k) + pc;
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

void BM_Febrl4Link(benchmark::State& state) {
  StatusOr<std::vector<PersonRecord>> a =
      ReadFebrlCsv(kFebrlDir + "dataset4a.csv");
  StatusOr<std::vector<PersonRecord>> b =
      ReadFebrlCsv(kFebrlDir + "dataset4b.csv");
  if (!a.ok() || !b.ok()) {
    state.SkipWithError("FEBRL data missing");
    return;
  }
  const int copies = static_cast<int>(state.range(0));
  std::vector<PersonRecord> left = Scaled(*a, copies),
                            right = Scaled(*b, copies);
  PersonModel model = FebrlModel();
  model.one_to_one = true;
  LinkageQuality q;
  size_t pairs = 0;
  for (auto _ : state) {
    StatusOr<LinkResult> r = LinkPersons(model, left, right);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      return;
    }
    pairs = r->stats.candidate_pairs;
    state.PauseTiming();
    q = ScoreFebrl(r->matches, left, right, false);
    state.ResumeTiming();
  }
  state.counters["records"] = static_cast<double>(left.size() + right.size());
  state.counters["records/s"] =
      benchmark::Counter(static_cast<double>(left.size() + right.size()),
                         benchmark::Counter::kIsIterationInvariantRate);
  state.counters["candidate_pairs"] = static_cast<double>(pairs);
  state.counters["precision"] = q.precision;
  state.counters["recall"] = q.recall;
  state.counters["F1"] = q.f1;
}
BENCHMARK(BM_Febrl4Link)
    ->Arg(1)
    ->Arg(10)
    ->ArgName("scale")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_AddressParse(benchmark::State& state) {
  const demo::County& county = demo::Counties()[0];
  AddressOptions options;
  options.default_region = {std::string(county.province),
                            std::string(county.prefecture),
                            std::string(county.name)};
  std::vector<std::string> raw;
  for (const demo::Township& t : county.townships) {
    options.known_townships.emplace_back(t.name);
    for (const demo::Village& v : t.villages) {
      options.known_villages.emplace_back(v.name);
      raw.push_back(std::string(county.province) +
                    std::string(county.prefecture) + std::string(county.name) +
                    std::string(t.name) + std::string(v.name) +
                    (v.urban ? "十五号楼三单元二〇二室" : "三组十二号"));
      raw.push_back(std::string(t.name) + std::string(v.name) +
                    (v.urban ? "15栋3单元202" : "3组12号"));
    }
  }
  AddressNormalizer normalizer(options);
  size_t keys = 0;
  for (auto _ : state) {
    for (const std::string& r : raw)
      keys += !DwellingKey(normalizer.Parse(r)).empty();
  }
  benchmark::DoNotOptimize(keys);
  state.SetItemsProcessed(
      static_cast<int64_t>(state.iterations() * raw.size()));
}
BENCHMARK(BM_AddressParse);

}  // namespace
}  // namespace hedui
