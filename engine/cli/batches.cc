// `hedui batches`: the batch register, one line per ingested file.
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "engine/cli/commands.h"
#include "hedui/feed_schema.h"

namespace hedui::cli {
namespace {

int ListBatches(const std::string& data_dir) {
  StatusOr<std::unique_ptr<DataDirectory>> data =
      DataDirectory::Open(data_dir, DataDirectory::Mode::kReadOnly);
  if (!data.ok()) return Fail(data.status());
  std::printf("%-6s %-11s %10s %10s %11s  %-16s  %-20s  %-8s %-8s %s\n",
              "batch", "kind", "read", "accepted", "quarantined", "xxh3",
              "ingested_at", "mode", "state", "file");
  for (const BatchInfo& b : (*data)->ListBatches()) {
    std::string state = b.superseded_by
                            ? fmt::format("replaced-by-{}", b.superseded_by)
                            : "live";
    std::printf(
        "%-6u %-11s %10llu %10llu %11llu  %016llx  %-20s  %-8s %-8s %s\n",
        b.number, std::string(GetFeedSpec(b.kind).name).c_str(),
        static_cast<unsigned long long>(b.read),
        static_cast<unsigned long long>(b.accepted),
        static_cast<unsigned long long>(b.quarantined),
        static_cast<unsigned long long>(b.content_hash), b.ingested_at.c_str(),
        b.mode.c_str(), state.c_str(), b.file.c_str());
  }
  return 0;
}

}  // namespace

Command AddBatchesCommand(CLI::App& app) {
  auto* batches = app.add_subcommand(
      "batches", "list the ingested batches with their counts and checksums");
  auto data_dir = std::make_shared<std::string>();
  batches->add_option("--data", *data_dir, "data directory")->required();
  return Command{batches, [data_dir] { return ListBatches(*data_dir); }};
}

}  // namespace hedui::cli
