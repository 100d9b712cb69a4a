// Point-check latency on the demo county (200,000 residents): p50 and p99
// of PointChecker::Check over roll members and applicants, warm index.
// HEDUI_POINT_CHECK_DATA=DIR checks against an existing data directory
// instead (bench/scale.sh points it at its largest county's index), read
// only and left as it is.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "engine/base/id_number.h"
#include "engine/check/point_check.h"
#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"
#include "hedui/rules.h"

namespace hedui {
namespace {

namespace fs = std::filesystem;

struct DemoCounty {
  std::unique_ptr<Index> index;
  Rules rules;
  std::vector<std::string> ids;  // roll members and others, interleaved
  bool ok = false;

  DemoCounty() {
    std::string configs = std::string(HEDUI_SOURCE_DIR) + "/configs";
    std::string data;
    if (const char* given = std::getenv("HEDUI_POINT_CHECK_DATA");
        given != nullptr && *given != '\0') {
      data = given;
    } else {
      fs::path dir = fs::temp_directory_path() / "hedui-bench-point-check";
      fs::remove_all(dir);
      demo::GeneratorOptions options;
      options.out_dir = (dir / "feeds").string();
      demo::GeneratorReport report;
      if (!demo::GenerateCounty(options, &report).ok()) return;
      data = (dir / "data").string();
      auto writer = DataDirectory::Open(data, DataDirectory::Mode::kReadWrite);
      if (!writer.ok() || !demo::IngestDemoFeeds(writer->get(), configs,
                                                 options.out_dir, nullptr)
                               .ok())
        return;
    }
    auto reader = Index::Open(data, Index::Mode::kReadOnly);
    auto loaded = LoadRules(configs + "/rules/demo.toml");
    if (!reader.ok() || !loaded.ok()) return;
    index = std::move(reader.value());
    rules = std::move(loaded.value());
    std::vector<Household> households;
    size_t members = 0;
    if (!LoadHouseholds(*index, nullptr, &households, &members).ok()) return;
    for (const Household& h : households) {
      for (const Member& m : h.members) {
        ids.push_back(ResidentIdFromBody(m.id_body).ToString());
        // An applicant: the next ID body, usually nobody on the roll.
        ids.push_back(ResidentIdFromBody(m.id_body + 10).ToString());
      }
    }
    ok = true;
  }
};

void BM_PointCheck(benchmark::State& state) {
  static DemoCounty* county = new DemoCounty();
  if (!county->ok) {
    state.SkipWithError(
        "could not build the demo county or open HEDUI_POINT_CHECK_DATA");
    return;
  }
  auto checker = PointChecker::Create(*county->index, county->rules,
                                      Date::FromYmd(2026, 10, 31));
  if (!checker.ok()) {
    state.SkipWithError(checker.status().message().c_str());
    return;
  }
  std::vector<double> micros;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& id = county->ids[i++ % county->ids.size()];
    auto start = std::chrono::steady_clock::now();
    auto result = (*checker)->Check(id);
    micros.push_back(std::chrono::duration<double, std::micro>(
                         std::chrono::steady_clock::now() - start)
                         .count());
    benchmark::DoNotOptimize(result);
  }
  std::sort(micros.begin(), micros.end());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
  state.counters["max_us"] = micros.back();
}
BENCHMARK(BM_PointCheck)->Iterations(20000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace hedui
