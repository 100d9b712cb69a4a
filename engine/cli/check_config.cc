// `hedui check-config`: checks a rules file and mapping files the way `run`
// and `ingest` load them, without a data directory, so a typo is found
// before a long ingest.
#include <cstdio>
#include <memory>

#include "engine/cli/commands.h"
#include "hedui/rules.h"

namespace hedui::cli {
namespace {

struct CheckConfigArgs {
  std::string rules_path;
  std::vector<std::string> mappings;
};

// One line per file: "PATH: ok — what it holds" on stdout, or the error
// (which names the file, line and key) on stderr. False on an error.
bool Report(const std::string& path, const StatusOr<std::string>& checked) {
  if (!checked.ok()) {
    std::fprintf(stderr, "hedui: %s\n", checked.status().message().c_str());
    return false;
  }
  std::printf("%s: ok — %s\n", path.c_str(), checked->c_str());
  return true;
}

}  // namespace

Command AddCheckConfigCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "check-config",
      "check a rules file and mapping files without reading any data: each "
      "file says ok, or its error with file:line and key (exit 2)");
  auto args = std::make_shared<CheckConfigArgs>();
  cmd->add_option("--rules", args->rules_path,
                  "the county's rules file (configs/rules/*.toml)");
  cmd->add_option("--mapping", args->mappings,
                  "a mapping file (configs/feeds/*.toml); repeat for more");
  return Command{cmd, [args] {
                   if (args->rules_path.empty() && args->mappings.empty()) {
                     return Fail(Status::InvalidArgument(
                         "check-config: give --rules FILE and/or --mapping "
                         "FILE"));
                   }
                   // Every file is checked, so one run lists every error.
                   bool ok = true;
                   if (!args->rules_path.empty()) {
                     ok &= Report(args->rules_path,
                                  CheckRulesFile(args->rules_path));
                   }
                   for (const std::string& m : args->mappings)
                     ok &= Report(m, CheckMappingFile(m));
                   return ok ? 0 : 2;
                 }};
}

}  // namespace hedui::cli
