// Throughput of the connector's building blocks and of whole-file ingest.
// Run: build/hedui_bench [--benchmark_filter=...]; figures in README.md.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "connectors/csv_parser.h"
#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/base/id_number.h"

namespace hedui {
namespace {

namespace fs = std::filesystem;

// Deterministic IDs in the spellings departments send.
std::vector<std::string> MakeIds(size_t n) {
  std::vector<std::string> ids;
  uint64_t x = 88172645463325252ULL;
  for (size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    char body[18];
    std::snprintf(body, sizeof body, "410329%04d%02d%02d%03d",
                  1930 + int(x % 80), 1 + int(x / 80 % 12),
                  1 + int(x / 960 % 28), int(x / 26880 % 1000));
    std::string id(body, 17);
    id.push_back(IdCheckCharacter(id));
    switch (i % 4) {
      case 0:
        break;
      case 1:
        id = " " + id + " ";
        break;
      case 2:
        id = id.substr(0, 6) + id.substr(8, 9);
        break;  // 15-digit form
      case 3:
        id = "\xEF\xBC\x94" + id.substr(1);
        break;  // full-width 4
    }
    ids.push_back(id);
  }
  return ids;
}

void BM_ParseResidentId(benchmark::State& state) {
  std::vector<std::string> ids = MakeIds(10000);
  size_t bytes = 0;
  for (const auto& id : ids) bytes += id.size();
  for (auto _ : state) {
    uint64_t sum = 0;
    for (const auto& raw : ids) {
      ResidentId id;
      if (ParseResidentId(raw, &id) == IdError::kNone) sum += id.body;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(int64_t(state.iterations() * ids.size()));
  state.SetBytesProcessed(int64_t(state.iterations() * bytes));
}
BENCHMARK(BM_ParseResidentId);

std::string MakeCsv(size_t rows, bool quoted) {
  std::vector<std::string> ids = MakeIds(1000);
  std::string csv = "身份证号,号牌,车辆类型,登记日期,状态\n";
  for (size_t i = 0; i < rows; ++i) {
    csv += ids[i % ids.size()];
    csv += quoted ? ",\"豫C,12345\",小型轿车,2021年3月5日,A\n"
                  : ",豫C12345,小型轿车,2021年3月5日,A\n";
  }
  return csv;
}

void BM_CsvParse(benchmark::State& state) {
  std::string csv = MakeCsv(200000, state.range(0) != 0);
  for (auto _ : state) {
    CsvParser parser(csv, CsvOptions());
    CsvRecord record;
    size_t fields = 0;
    while (parser.Next(&record)) fields += record.fields.size();
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * csv.size()));
}
BENCHMARK(BM_CsvParse)->Arg(0)->Arg(1)->ArgName("quoted");

// The cut between chunks runs in the ingest pipeline's serial stage.
void BM_FindCsvCut(benchmark::State& state) {
  std::string csv = MakeCsv(200000, state.range(0) != 0);
  for (auto _ : state) {
    size_t pos = 0, cuts = 0;
    while (pos < csv.size()) {
      size_t window = std::min<size_t>(4 << 20, csv.size() - pos);
      size_t cut = FindCsvCut(std::string_view(csv).substr(pos, window),
                              pos + window >= csv.size(), CsvOptions());
      pos += cut;
      ++cuts;
    }
    benchmark::DoNotOptimize(cuts);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * csv.size()));
}
BENCHMARK(BM_FindCsvCut)->Arg(0)->Arg(1)->ArgName("quoted");

// Whole-file ingest: parse, normalise, quarantine, sort, write SSTs, commit.
void IngestBench(benchmark::State& state, const std::string& mapping_text,
                 const std::string& contents, const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("hedui-bench-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "mapping.toml") << mapping_text;
  std::ofstream(dir / name, std::ios::binary) << contents;
  StatusOr<Mapping> mapping = LoadMapping((dir / "mapping.toml").string());
  if (!mapping.ok()) {
    state.SkipWithError(mapping.status().message().c_str());
    return;
  }
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string data = (dir / ("data" + std::to_string(round++))).string();
    auto index = Index::Open(data, Index::Mode::kReadWrite);
    state.ResumeTiming();
    auto result = IngestFile(index->get(), *mapping, (dir / name).string(),
                             IngestOptions());
    if (!result.ok()) state.SkipWithError(result.status().message().c_str());
    state.PauseTiming();
    index->reset();
    fs::remove_all(data);
    state.ResumeTiming();
  }
  state.SetBytesProcessed(int64_t(state.iterations() * contents.size()));
  fs::remove_all(dir);
}

void BM_IngestCsv(benchmark::State& state) {
  IngestBench(state, R"([feed]
kind = "vehicle"
[fields]
id_number = "身份证号"
plate = "号牌"
vehicle_type = { column = "车辆类型", values = { "小型轿车" = "car" } }
registered_on = "登记日期"
status = { column = "状态", values = { A = "active" } }
)",
              MakeCsv(400000, true), "vehicle.csv");
}
BENCHMARK(BM_IngestCsv)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_IngestNdjson(benchmark::State& state) {
  std::vector<std::string> ids = MakeIds(1000);
  std::string ndjson;
  for (size_t i = 0; i < 400000; ++i) {
    ndjson += "{\"sfzh\":\"" + ids[i % ids.size()] +
              "\",\"xm\":\"王芳\",\"swrq\":\"2024年3月5日\",\"ly\":\"殡葬\"}\n";
  }
  IngestBench(state, R"([feed]
kind = "death"
format = "ndjson"
[fields]
id_number = "sfzh"
name = "xm"
death_date = "swrq"
source = "ly"
)",
              ndjson, "death.ndjson");
}
BENCHMARK(BM_IngestNdjson)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hedui
