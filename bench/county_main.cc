// End-to-end benchmark on a generated county: the five feeds the three
// grounds need, ingested and indexed in one process, then cross-checked.
// Prints MB/s, seconds, peak memory and the score against ground truth.
//
//   build/hedui_county_bench [--residents 1000000] [--dir /tmp/hedui-county]
//                            [--threads N] [--ingest-only 1]
//                            [--check-only 1]  (the last ingest's index)
// HEDUI_CONFIGS overrides where configs/ is.
//
// The feeds are generated in a forked child (the generator library, as
// `hedui gen` runs it) so that the generator's memory does not count in the
// peak; everything else is the library's public API (engine/include/hedui/)
// in this process. The comparison figure for DuckDB
// (5.45 s for the same three grounds from the raw exports of a county of
// 1 million) is from docs/ENGINEERING.md, measured on a 2-core machine of
// the kind CI uses.
#include <fmt/format.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "engine/base/allocator.h"
#include "engine/base/byte_arena.h"
#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"
#include "engine/demo/score.h"
#include "hedui/case_output.h"
#include "hedui/cross_check.h"
#include "hedui/data_directory.h"
#include "hedui/ingest.h"
#include "hedui/rules.h"

namespace fs = std::filesystem;
using namespace hedui;

// Generates the county in a child process, so that its memory is not this
// process's peak. Forked before this process starts any thread.
bool GenerateInChild(const std::string& feeds, int residents) {
  pid_t child = fork();
  if (child < 0) return false;
  if (child == 0) {
    demo::GeneratorOptions options;
    options.out_dir = feeds;
    options.residents = residents;
    options.as_of = Date::FromYmd(2026, 10, 31);  // `hedui gen`'s default
    demo::GeneratorReport report;
    Status s = demo::GenerateCounty(options, &report);
    if (!s.ok()) fmt::print(stderr, "{}\n", s.message());
    _exit(s.ok() ? 0 : 1);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char** argv) {
  ConfigureAllocator();
  int residents = 1000000;
  std::string dir = "/tmp/hedui-county";
  int threads = 0;
  bool ingest_only = false;
  bool check_only = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--residents") residents = std::atoi(argv[i + 1]);
    if (flag == "--dir") dir = argv[i + 1];
    if (flag == "--threads") threads = std::atoi(argv[i + 1]);
    if (flag == "--ingest-only") ingest_only = std::atoi(argv[i + 1]) != 0;
    if (flag == "--check-only") check_only = std::atoi(argv[i + 1]) != 0;
  }
  std::string feeds = fmt::format("{}/feeds-{}", dir, residents);
  if (!fs::exists(feeds + "/truth.ndjson") &&
      !GenerateInChild(feeds, residents)) {
    fmt::print(stderr, "failed to generate the county into {}\n", feeds);
    return 1;
  }
  std::unique_ptr<tbb::global_control> limit;
  if (threads > 0) {
    limit = std::make_unique<tbb::global_control>(
        tbb::global_control::max_allowed_parallelism, size_t(threads));
  }
  std::string configs = std::getenv("HEDUI_CONFIGS")
                            ? std::getenv("HEDUI_CONFIGS")
                            : std::string(HEDUI_SOURCE_DIR) + "/configs";
  std::string data = dir + "/data";
  std::string out = dir + "/reports";
  if (!check_only) fs::remove_all(data);

  auto t0 = std::chrono::steady_clock::now();
  uint64_t bytes = 0, records = 0;
  if (!check_only) {
    auto data_dir = DataDirectory::Open(data, DataDirectory::Mode::kReadWrite);
    if (!data_dir.ok())
      return fmt::print(stderr, "{}\n", data_dir.status().message()), 1;
    // Tuning knobs, for measuring: HEDUI_CHUNK_MB, HEDUI_BUDGET_MB.
    IngestOptions ingest;
    if (const char* v = std::getenv("HEDUI_CHUNK_MB"))
      ingest.chunk_bytes = size_t(std::atof(v) * (1 << 20));
    if (const char* v = std::getenv("HEDUI_BUDGET_MB"))
      ingest.memory_budget_bytes = size_t(std::atof(v) * (1 << 20));
    // The five feeds the three grounds need, as in the DuckDB comparison.
    std::vector<FeedFile> files;
    for (const char* kind :
         {"roll", "population", "death", "vehicle", "property"}) {
      for (const demo::DemoFeed& feed : demo::kDemoFeeds) {
        if (std::string(feed.kind) == kind) {
          files.push_back(
              FeedFile{fmt::format("{}/feeds/demo/{}.toml", configs, kind),
                       feeds + "/" + feed.file});
        }
      }
    }
    auto before_ingest = std::chrono::steady_clock::now();
    auto results = IngestFeeds(data_dir->get(), files, ingest);
    if (std::getenv("HEDUI_TIMING"))
      fmt::print(
          stderr, "open {:.1f} ms, IngestFeeds (mappings included) {:.1f} ms\n",
          std::chrono::duration<double, std::milli>(before_ingest - t0).count(),
          std::chrono::duration<double, std::milli>(
              std::chrono::steady_clock::now() - before_ingest)
              .count());
    if (!results.ok())
      return fmt::print(stderr, "{}\n", results.status().message()), 1;
    for (const IngestResult& r : *results) {
      bytes += r.batch.bytes;
      records += r.batch.read;
    }
  }
  auto t1 = std::chrono::steady_clock::now();
  if (std::getenv("HEDUI_TIMING")) {
    struct mallinfo2 m = mallinfo2();
    fmt::print(stderr,
               "huge-page pool mapped {} MB; allocator {}; glibc malloc arena "
               "{} MB, mmapped {} MB\n",
               HugePageBytesMapped() >> 20, AllocatorDescription(),
               m.arena >> 20, m.hblkhd >> 20);
    std::ifstream smaps("/proc/self/smaps_rollup");
    for (std::string line; std::getline(smaps, line);) {
      if (line.starts_with("Rss") || line.find("Anon") != std::string::npos)
        fmt::print(stderr, "{}\n", line);
    }
  }
  if (ingest_only) {
    double seconds = std::chrono::duration<double>(t1 - t0).count();
    fmt::print("ingest and index   {:6.2f} s   {:5.0f} MB/s\n", seconds,
               bytes / 1e6 / seconds);
    return 0;
  }
  auto rules = LoadRules(configs + "/rules/demo.toml");
  if (!rules.ok())
    return fmt::print(stderr, "{}\n", rules.status().message()), 1;
  // DECEASED, VEHICLE and PROPERTY only.
  for (auto& [section, values] : rules->grounds) {
    if (section != "deceased" && section != "vehicle" && section != "property")
      values.Set("enabled", false);
  }
  auto data_dir = DataDirectory::Open(data, DataDirectory::Mode::kReadOnly);
  if (!data_dir.ok())
    return fmt::print(stderr, "{}\n", data_dir.status().message()), 1;
  RunOptions options;
  options.as_of = Date::FromYmd(2026, 10, 31);
  options.rules = &*rules;
  auto result = RunCrossCheck(**data_dir, options);
  if (!result.ok())
    return fmt::print(stderr, "{}\n", result.status().message()), 1;
  Status s = WriteCaseFiles(*result, out);
  if (!s.ok()) return fmt::print(stderr, "{}\n", s.message()), 1;
  auto t2 = std::chrono::steady_clock::now();

  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  double ingest = std::chrono::duration<double>(t1 - t0).count();
  double check = std::chrono::duration<double>(t2 - t1).count();
  fmt::print("county of {} residents: {} records, {:.1f} MB in five feeds\n",
             residents, records, bytes / 1e6);
  fmt::print("ingest and index   {:6.2f} s  {:6.0f} MB/s\n", ingest,
             bytes / 1e6 / ingest);
  fmt::print("cross-check        {:6.2f} s  ({} cases, {} members)\n", check,
             result->households.size(), result->roll_members);
  fmt::print(
      "total              {:6.2f} s  (DuckDB 5.45 s on 1 million: {:.1f}x)\n",
      ingest + check, 5.45 / (ingest + check));
  fmt::print("peak memory        {:6.0f} MB\n", usage.ru_maxrss / 1024.0);
  auto score = demo::ScoreCases(out + "/cases.ndjson", feeds + "/truth.ndjson");
  if (!score.ok())
    return fmt::print(stderr, "{}\n", score.status().message()), 1;
  for (const char* rule : {"DECEASED", "VEHICLE", "PROPERTY"}) {
    const demo::RuleScore& r = score->by_rule[rule];
    fmt::print(
        "{:<9} expected {:>5}  flagged {:>5}  precision {:.4f}  recall {:.4f}  "
        "amount≠ {}\n",
        rule, r.expected, r.flagged, r.precision(), r.recall(),
        r.amount_mismatches);
  }
  return 0;
}
