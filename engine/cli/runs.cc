// `hedui runs`: the run log, one line per recorded run.
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "engine/cli/commands.h"
#include "hedui/run_log.h"

namespace hedui::cli {
namespace {

int ListRuns(const std::string& data_dir) {
  std::vector<RunRecord> list = RunLog(data_dir).List();
  std::printf("%-5s %-20s %-10s %7s %8s  %-16s %-8s %-14s %s\n", "run",
              "started_at", "as_of", "flags", "seconds", "rules_xxh64",
              "engine", "batches", "rules");
  for (const RunRecord& r : list) {
    std::string b;
    for (uint32_t n : r.batches)
      b += fmt::format("{}{}", b.empty() ? "" : ",", n);
    std::printf("%-5u %-20s %-10s %7llu %8.2f  %016llx %-8s %-14s %s\n",
                r.number, r.started_at.c_str(), r.as_of.c_str(),
                static_cast<unsigned long long>(r.flags), r.seconds,
                static_cast<unsigned long long>(r.rules_hash),
                r.engine_version.c_str(), b.c_str(), r.rules_path.c_str());
  }
  if (list.empty()) std::printf("(no runs recorded in %s)\n", data_dir.c_str());
  return 0;
}

}  // namespace

Command AddRunsCommand(CLI::App& app) {
  auto* runs = app.add_subcommand(
      "runs",
      "list recorded cross-check runs: batches, rules, engine, time, flags");
  auto data_dir = std::make_shared<std::string>();
  runs->add_option("--data", *data_dir, "data directory")->required();
  return Command{runs, [data_dir] { return ListRuns(*data_dir); }};
}

}  // namespace hedui::cli
