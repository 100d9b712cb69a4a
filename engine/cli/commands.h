// The subcommands, one file each, in the order `hedui --help` lists them
// (main.cc adds them by this explicit list: no static registration, which a
// linker may drop). Each Add…Command adds its options to `app` and returns
// what runs it.
#ifndef HEDUI_ENGINE_CLI_COMMANDS_H_
#define HEDUI_ENGINE_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/cli/common.h"
#include "hedui/compaction.h"
#include "hedui/data_directory.h"
#include "hedui/ingest.h"
#include "hedui/record_run.h"
#include "hedui/review_case.h"
#include "hedui/rules.h"
#include "hedui/status.h"

namespace hedui::cli {

Command AddDemoCommand(CLI::App& app);
Command AddGenCommand(CLI::App& app);
Command AddIngestCommand(CLI::App& app);
Command AddCompactCommand(CLI::App& app);
Command AddRunCommand(CLI::App& app);
Command AddExplainCommand(CLI::App& app);
Command AddCheckCommand(CLI::App& app);
Command AddCheckConfigCommand(CLI::App& app);
Command AddRunsCommand(CLI::App& app);
Command AddBatchesCommand(CLI::App& app);
Command AddFieldsCommand(CLI::App& app);
Command AddScoreCommand(CLI::App& app);
Command AddQuarantineCommand(CLI::App& app);
Command AddCasesCommand(CLI::App& app);
Command AddUsersCommand(CLI::App& app);
Command AddAuditCommand(CLI::App& app);
// report.cc: where `hedui report` gets the cases; a pointer so the command
// builds, and can be tried with a stub, apart from the case store.
using LoadCasesFn = StatusOr<std::vector<ReviewCase>> (*)(
    const std::string& data_dir, const std::string& user, const Rules& rules);
// The case store of `data_dir`, signed in as `user`: every case the user
// may read. FailedPrecondition when the program was built without it.
StatusOr<std::vector<ReviewCase>> LoadCasesFromStore(
    const std::string& data_dir, const std::string& user, const Rules& rules);
Command AddReportCommand(CLI::App& app, LoadCasesFn load = LoadCasesFromStore);
Command AddServeCommand(CLI::App& app);

// The program: parses `argv` and runs the command (main.cc). A case
// command whose store a running review site holds is sent there
// (store_socket.h); the site runs what it receives through this too.
int RunProgram(int argc, char** argv);

// Shared by `hedui demo`, which does what ingest and run do.
// ingest.cc: ingests the files (all checked first) and prints each batch
// and the total; `bytes` gets the bytes of the new batches. Snapshots the
// shrink guard holds back stop it unless `accept_shrink`.
Status IngestAndPrint(DataDirectory* data, const std::vector<FeedFile>& feeds,
                      uint64_t* bytes, bool accept_shrink = false);
// compact.cc: compacts what is worth it (everything with `force`) and
// prints what.
Status CompactAndPrint(DataDirectory* data, bool force);
// run.cc: records a run (hedui/record_run.h) and prints what it did.
Status RecordRunAndPrint(const RecordRunOptions& options);

}  // namespace hedui::cli

#endif  // HEDUI_ENGINE_CLI_COMMANDS_H_
