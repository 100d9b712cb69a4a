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
#include <regex>
#include <string>
#include <vector>

#include "engine/base/allocator.h"
#include "engine/base/local_time.h"
#include "engine/base/private_files.h"
#include "engine/cli/commands.h"
#include "engine/cli/common.h"
#include "engine/cli/store_socket.h"

namespace hedui::cli {
namespace {

// The --data of the case command `app` parsed (cases …, users …, audit …,
// report), or "" for any other command.
std::string CaseCommandData(CLI::App& app) {
  std::vector<CLI::App*> chosen = app.get_subcommands();
  if (chosen.empty()) return "";
  std::string name = chosen.front()->get_name();
  if (name != "cases" && name != "users" && name != "audit" && name != "report")
    return "";
  CLI::App* leaf = chosen.front();
  while (!leaf->get_subcommands().empty())
    leaf = leaf->get_subcommands().front();
  CLI::Option* data = leaf->get_option_no_throw("--data");
  if (data == nullptr || data->count() == 0) return "";
  return data->results().front();
}

// The examples of every --help name the program as it was run
// (./build/hedui): `hedui` alone need not be on the PATH.
void NameProgramInExamples(CLI::App* app, const std::string& program) {
  if (program != "hedui") {
    static const std::regex kExample(
        "(^|\n)([ \t]+(?:[A-Z_]+=\\S+ )*)hedui |`hedui ");
    std::string footer = app->get_footer();
    std::string named;
    auto from = footer.cbegin();
    for (std::sregex_iterator it(footer.begin(), footer.end(), kExample), end;
         it != end; ++it) {
      const std::smatch& m = *it;
      named.append(from, m[0].first);
      named += m[0].str()[0] == '`' ? "`" : m[1].str() + m[2].str();
      named += program + " ";
      from = m[0].second;
    }
    named.append(from, footer.cend());
    app->footer(named);
  }
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; }))
    NameProgramInExamples(sub, program);
}

}  // namespace

int RunProgram(int argc, char** argv) {
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

  NameProgramInExamples(&app, ProgramName());
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  // The store held by a running review site: the command runs there
  // (store_socket.h). Not from within the site itself.
  if (CurrentServedContext() == nullptr) {
    std::string data = CaseCommandData(app);
    if (!data.empty()) {
      if (std::optional<int> code = ForwardToServer(data, argc, argv))
        return *code;
    }
  }
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

}  // namespace hedui::cli

int main(int argc, char** argv) {
  hedui::ConfigureAllocator();
  // Personal data at rest is the owner's alone: every file and directory
  // hedui (or RocksDB inside it) creates is owner-only.
  hedui::RestrictNewFilesToOwner();
  hedui::cli::SetProgramName(argc > 0 ? argv[0] : "hedui");
  return hedui::cli::RunProgram(argc, argv);
}
