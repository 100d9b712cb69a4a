// `hedui run`: the cross-check, its files, and the run recorded.
#include <cstdio>
#include <memory>

#include "engine/base/timing.h"
#include "engine/cli/commands.h"
#include "hedui/case_output.h"
#include "hedui/case_store.h"

namespace hedui::cli {
namespace {

struct RunArgs {
  std::string data_dir, rules_path, as_of, out_dir = "reports";
  bool incremental = false;
};

void PrintRecordedRun(const RecordRunOptions& options, const RecordedRun& run) {
  if (run.incremental) {
    if (run.base_run) {
      std::printf(
          "\nIncremental run on run %u: %zu case(s) re-checked, %zu kept%s\n",
          *run.base_run, run.rechecked, run.reused,
          run.family_reused ? "" : "; family graph rebuilt");
    } else {
      std::printf("\nEvery case checked: %s\n", run.full_reason.c_str());
    }
  }
  const RunResult& result = run.result;
  const char* out = options.out_dir.c_str();
  std::printf(
      "\nCross-check as of %s (rules %s): %zu cases, %zu members, %zu flags in "
      "%.2f s\n\n",
      options.as_of.ToString().c_str(), options.rules_path.c_str(),
      result.households.size(), result.roll_members, run.flags, result.seconds);
  std::printf("%s\n", FormatSummaryTable(Summarise(result)).c_str());
  for (const std::string& note : result.notes)
    std::printf("Note: %s\n", note.c_str());
  std::printf("%zu case(s) due for re-review this month: %s/reviews.tsv\n",
              result.reviews.size(), out);
  std::printf(
      "Flags: %s/cases.ndjson and %s/cases.csv; summary: %s/summary.tsv and "
      "%s/summary.json\n",
      out, out, out, out);
  const FlagChanges& changes = run.changes;
  if (changes.previous) {
    std::printf(
        "Since run %u (%s, as of %s): %zu new, %zu still standing, %zu gone "
        "(%s/changes.tsv)\n",
        changes.previous->number, changes.previous->started_at.c_str(),
        changes.previous->as_of.c_str(), changes.added.size(),
        changes.standing.size(), changes.gone.size(), out);
  }
  std::printf("Recorded as run %u (%s runs --data %s).\n", run.record.number,
              ProgramName().c_str(), options.data_dir.c_str());
  std::printf("A flag is an inconsistency to investigate, not a verdict.\n");
}

// The run's flags become review cases now, unless another process (the
// review server) holds the store: it imports the run itself.
void ImportIntoCaseStore(const RecordRunOptions& options, const Rules* rules) {
  CaseStore::Options store_options;
  store_options.rules = rules;
  StatusOr<std::unique_ptr<CaseStore>> store =
      CaseStore::Open(options.data_dir, store_options);
  if (!store.ok()) {
    std::printf(
        "案件库暂未更新（%s）；审核网站或下一条 %s cases "
        "命令会导入本次核查。\n"
        "(the case store was not updated now; the review server or the next "
        "case command imports this run)\n",
        store.status().message().c_str(), ProgramName().c_str());
    return;
  }
  StatusOr<ImportedRuns> imported = (*store)->ImportRuns();
  if (!imported.ok()) {
    std::printf("案件库导入失败 (importing into the case store failed): %s\n",
                imported.status().message().c_str());
    return;
  }
  std::printf(
      "案件库 (case store): %zu 新案件, %zu 重新打开, %zu 数据已消失, %zu "
      "重新出现 "
      "(%zu opened, %zu reopened, %zu gone, %zu back) — %s cases list "
      "--data "
      "%s --user NAME\n",
      imported->opened, imported->reopened, imported->gone, imported->returned,
      imported->opened, imported->reopened, imported->gone, imported->returned,
      ProgramName().c_str(), options.data_dir.c_str());
}

}  // namespace

Status RecordRunAndPrint(const RecordRunOptions& options) {
  Progress progress("cross-check");
  RecordRunOptions with_progress = options;
  with_progress.progress = progress.Callback();
  WarnIfOpenToOthers(options.data_dir);
  StatusOr<RecordedRun> run = RecordRun(with_progress);
  if (!run.ok()) return run.status();
  PrintRecordedRun(options, *run);
  TimingMark("printed");
  ImportIntoCaseStore(options, run->rules.get());
  TimingMark("case store imported");
  return Status::OK();
}

Command AddRunCommand(CLI::App& app) {
  auto* run = app.add_subcommand(
      "run",
      "cross-check every case of the roll as of a date and write the flags");
  auto args = std::make_shared<RunArgs>();
  run->add_option("--data", args->data_dir, "data directory")->required();
  run->add_option("--rules", args->rules_path,
                  "the county's rules file (configs/rules/*.toml)")
      ->required();
  run->add_option(
         "--as-of", args->as_of,
         "as-of date (YYYY-MM-DD); payments are counted up to its month")
      ->required();
  run->add_option("--out", args->out_dir,
                  "where cases.ndjson, cases.csv, summary.tsv, summary.json "
                  "and reviews.tsv go")
      ->capture_default_str();
  run->add_flag("--incremental", args->incremental,
                "re-check only the cases a change since the last run can "
                "affect and keep the other cases' flags "
                "(the same files as a full run); every case is checked, and "
                "the run says why, when the last run "
                "had other rules, engine or as-of date");
  return Command{run, [args] {
                   StatusOr<Date> as_of = ParseAsOf(args->as_of);
                   if (!as_of.ok()) return Fail(as_of.status());
                   RecordRunOptions options;
                   options.data_dir = args->data_dir;
                   options.rules_path = args->rules_path;
                   options.as_of = *as_of;
                   options.out_dir = args->out_dir;
                   options.incremental = args->incremental;
                   Status s = RecordRunAndPrint(options);
                   TimingMark("run released");
                   return s.ok() ? 0 : Fail(s);
                 }};
}

}  // namespace hedui::cli
