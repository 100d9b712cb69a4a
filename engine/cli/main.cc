// hedui: cross-checks the minimum living allowance roll against the feeds of
// other departments. See README.md; `hedui --help` and `hedui CMD --help`.
//
// The program parses arguments, calls the library (engine/include/hedui/)
// and prints; each subcommand is one file in this folder.
#include <tbb/global_control.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "engine/base/allocator.h"
#include "engine/base/local_time.h"
#include "engine/base/private_files.h"
#include "engine/cli/commands.h"

int main(int argc, char** argv) {
  using namespace hedui::cli;
  hedui::ConfigureAllocator();
  // Personal data at rest is the owner's alone: every file and directory
  // hedui (or RocksDB inside it) creates is owner-only.
  hedui::RestrictNewFilesToOwner();
  CLI::App app{
      "hedui (核对) cross-checks the minimum living allowance roll (低保名册) "
      "against other departments' "
      "feeds and flags the cases to investigate.\n\n"
      "Typical use:\n"
      "  hedui ingest --data /srv/hedui --mapping "
      "configs/feeds/my-vehicles.toml vehicles-2026-11.csv\n"
      "  hedui run --data /srv/hedui --rules configs/rules/my-county.toml "
      "--as-of 2026-11-01 --out reports/\n"
      "  hedui cases list --data /srv/hedui --user wang   # work the flagged "
      "cases\n"
      "  hedui serve --data /srv/hedui                    # the same in a "
      "browser\n"
      "  hedui demo            # everything above on a generated demo county"};
  app.require_subcommand(1);
  int threads = 0;
  app.add_option(
      "--threads", threads,
      "worker threads (default: all cores); results do not depend on it");

  // In the order `hedui --help` lists them.
  std::vector<Command> commands = {
      AddDemoCommand(app),        AddGenCommand(app),
      AddIngestCommand(app),      AddCompactCommand(app),
      AddRunCommand(app),         AddCasesCommand(app),
      AddUsersCommand(app),       AddAuditCommand(app),
      AddReportCommand(app),      AddServeCommand(app),
      AddExplainCommand(app),     AddCheckCommand(app),
      AddRunsCommand(app),        AddBatchesCommand(app),
      AddQuarantineCommand(app),  AddFieldsCommand(app),
      AddCheckConfigCommand(app), AddScoreCommand(app),
  };

  CLI11_PARSE(app, argc, argv);
  std::unique_ptr<tbb::global_control> limit;
  if (threads > 0) {
    limit = std::make_unique<tbb::global_control>(
        tbb::global_control::max_allowed_parallelism,
        static_cast<size_t>(threads));
  }
  // The zone times are shown in (stored times stay UTC): HEDUI_TIMEZONE,
  // else Asia/Shanghai; `hedui serve --timezone` overrides it. Set before
  // any thread starts.
  const char* zone = std::getenv("HEDUI_TIMEZONE");
  hedui::Status zone_set =
      hedui::SetDisplayTimeZone(zone && *zone ? zone : hedui::kDefaultTimeZone);
  if (!zone_set.ok()) {
    std::fprintf(stderr, "HEDUI_TIMEZONE: %s\n", zone_set.message().c_str());
    return 2;
  }
  for (const Command& command : commands) {
    if (*command.app) return command.run();
  }
  return 0;
}
