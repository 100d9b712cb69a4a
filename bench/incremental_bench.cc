// A nightly delta against a full run on the demo county (200,000 residents):
// the county ingested with a keyed vehicle feed, one full run recorded, then
// a delta touching 1% of all records (new cars for random residents, roll
// members included); BM_FullRun and BM_IncrementalRun time the run itself
// (no files written) on that same state, and BM_IncrementalRun reports
// full_s, incremental_s and ratio (full / incremental).
//
// The delta goes to a feed the family pass does not read: a delta to the
// roll, population register or cadre roster also rebuilds the family graph
// (about 0.8 s of the full run's 1 s; engine/check/incremental.h).
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/base/id_number.h"
#include "engine/check/incremental.h"
#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"

namespace hedui {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string VehicleMapping(const std::string& configs,
                           const std::string& mode) {
  std::string text = ReadAll(configs + "/feeds/demo/vehicle.toml");
  std::string feed =
      "[feed]\nsource = \"vehicle\"\nkey = [\"plate\"]\nmode = \"" + mode +
      "\"\n";
  text.replace(text.find("[feed]\n"), 7, feed);
  // The delta is written in UTF-8.
  size_t e = text.find("encoding = \"gb18030\"");
  if (mode == "delta" && e != std::string::npos)
    text.replace(e, 20, "encoding = \"utf-8\"");
  return text;
}

struct County {
  std::unique_ptr<Index> index;
  Rules rules;
  std::string data;
  size_t records = 0, delta_rows = 0;
  double full_s = 0;
  bool ok = false;

  County() {
    fs::path dir = fs::temp_directory_path() / "hedui-bench-incremental";
    fs::remove_all(dir);
    demo::GeneratorOptions options;
    options.out_dir = (dir / "feeds").string();
    demo::GeneratorReport report;
    if (!demo::GenerateCounty(options, &report).ok()) return;
    std::string configs = std::string(HEDUI_SOURCE_DIR) + "/configs";
    data = (dir / "data").string();
    auto loaded = LoadRules(configs + "/rules/demo.toml");
    if (!loaded.ok()) return;
    rules = std::move(loaded.value());
    {
      auto writer = Index::Open(data, Index::Mode::kReadWrite);
      if (!writer.ok()) return;
      for (const demo::DemoFeed& feed : demo::kDemoFeeds) {
        std::string path =
            std::string(configs) + "/feeds/demo/" + feed.kind + ".toml";
        StatusOr<Mapping> mapping =
            std::string(feed.kind) == "vehicle"
                ? ParseMapping(VehicleMapping(configs, "snapshot"),
                               "vehicle.toml")
                : LoadMapping(path);
        if (!mapping.ok()) return;
        auto r = IngestFile(writer->get(), *mapping,
                            options.out_dir + "/" + feed.file, IngestOptions());
        if (!r.ok()) return;
        records += r->batch.accepted;
      }
      // The first run, recorded with its results.
      RunOptions run_options;
      run_options.as_of = options.as_of;
      run_options.rules = &rules;
      RunLog log(data);
      auto first = RunIncremental(**writer, run_options, log);
      if (!first.ok() || !Record(log, first->result, options.as_of)) return;
      // The nightly delta: 1% of the records, new cars of random residents,
      // roll members as often as they are among the residents.
      std::vector<std::string> roll_ids;
      for (const Household& h : first->result.households) {
        for (const Member& m : h.members)
          roll_ids.push_back(ResidentIdFromBody(m.id_body).ToString());
      }
      std::string delta =
          "号牌号码,所有人身份证明号码,初次登记日期,车辆类型,机动车状态\n";
      std::mt19937_64 random(7);
      delta_rows = records / 100;
      for (size_t i = 0; i < delta_rows; ++i) {
        bool member = random() % static_cast<uint64_t>(options.residents) <
                      roll_ids.size();
        // Another resident: a member's area and birth date with another
        // sequence number, so that the ID stays valid (stepping the body
        // by thousands made impossible birth dates, and the ingest held
        // the delta back as mostly quarantined).
        uint64_t born =
            first->result.households[random() % first->result.households.size()]
                .members[0]
                .id_body /
            1000;
        std::string id =
            member
                ? roll_ids[random() % roll_ids.size()]
                : ResidentIdFromBody(born * 1000 + random() % 1000).ToString();
        delta += fmt::format("豫N{:06},{},2025-0{}-01,小型轿车,A\n", i, id,
                             1 + random() % 9);
      }
      std::string delta_path = (dir / "vehicle-delta.csv").string();
      std::ofstream(delta_path, std::ios::binary) << delta;
      auto mapping =
          ParseMapping(VehicleMapping(configs, "delta"), "vehicle-delta.toml");
      if (!mapping.ok() ||
          !IngestFile(writer->get(), *mapping, delta_path, IngestOptions())
               .ok())
        return;
    }
    auto reader = Index::Open(data, Index::Mode::kReadOnly);
    if (!reader.ok()) return;
    index = std::move(reader.value());
    ok = true;
  }

  bool Record(const RunLog& log, const RunResult& result, Date as_of) {
    RunRecord record;
    record.started_at = "bench";
    record.as_of = as_of.ToString();
    record.rules_hash = rules.content_hash;
    record.engine_version = HEDUI_VERSION;
    for (const auto& [number, batch] : result.batches) {
      if (batch.superseded_by == 0) record.batches.push_back(number);
    }
    return log.Record(&record, {}, EncodeRunResults(result, record)).ok();
  }
};

County* TheCounty() {
  static County* county = new County();
  return county;
}

RunOptions Options(const County& county) {
  RunOptions options;
  options.as_of = Date::FromYmd(2026, 10, 31);
  options.rules = &county.rules;
  return options;
}

void BM_FullRun(benchmark::State& state) {
  County* county = TheCounty();
  if (!county->ok) {
    state.SkipWithError("could not build the demo county");
    return;
  }
  double total = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto result = RunCrossCheck(*county->index, Options(*county));
    total +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
    if (!result.ok()) state.SkipWithError(result.status().message().c_str());
  }
  county->full_s = total / static_cast<double>(state.iterations());
  state.counters["records"] = static_cast<double>(county->records);
  state.counters["delta_rows"] = static_cast<double>(county->delta_rows);
}
BENCHMARK(BM_FullRun)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_IncrementalRun(benchmark::State& state) {
  County* county = TheCounty();
  if (!county->ok) {
    state.SkipWithError("could not build the demo county");
    return;
  }
  RunLog log(county->data);
  double total = 0;
  size_t rechecked = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto run = RunIncremental(*county->index, Options(*county), log);
    total +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
            .count();
    if (!run.ok() || !run->base_run) {
      state.SkipWithError(run.ok() ? run->full_reason.c_str()
                                   : run.status().message().c_str());
      return;
    }
    rechecked = run->rechecked;
  }
  double incremental_s = total / static_cast<double>(state.iterations());
  state.counters["rechecked_cases"] = static_cast<double>(rechecked);
  state.counters["incremental_s"] = incremental_s;
  if (county->full_s > 0) {
    state.counters["full_s"] = county->full_s;
    state.counters["ratio"] = county->full_s / incremental_s;
  }
}
BENCHMARK(BM_IncrementalRun)->Unit(benchmark::kMillisecond)->Iterations(20);

}  // namespace
}  // namespace hedui
