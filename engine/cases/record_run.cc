#include "hedui/record_run.h"

#include <fmt/format.h>

#include <filesystem>
#include <utility>
#include <vector>

#include "engine/base/files.h"
#include "engine/base/json.h"
#include "engine/base/text.h"
#include "engine/base/timing.h"
#include "engine/base/toml_check.h"
#include "engine/cases/notice.h"
#include "engine/check/incremental.h"
#include "hedui/case_output.h"
#include "hedui/data_directory.h"
#include "hedui/incremental.h"

namespace hedui {
namespace {

// The stable ID of every flag of the run, for comparing with the last run.
std::vector<FlagKey> FlagKeys(const RunResult& result) {
  std::vector<FlagKey> keys;
  for (size_t h = 0; h < result.households.size(); ++h) {
    const Household& household = result.households[h];
    for (const Flag& f : result.flags[h]) {
      const std::string& id =
          household.members[f.member].roll.field(field::kRollIdNumber);
      keys.push_back(FlagKey{FlagId(f.rule, household.case_id, id),
                             std::string(f.rule), household.case_id, id});
    }
  }
  return keys;
}

// What the 告知书 needs of the household, which the store never sees
// whole: its head, the living adult the letter goes to, the member's
// relation and the case's monthly payment (",key":value…, no braces).
std::string NoticeFields(const Household& household, const NoticeAddressee& to,
                         const Flag& f) {
  return fmt::format(
      ",\"head_name\":{},\"addressee_name\":{},\"addressee_relation\":{},"
      "\"member_relation\":{},\"case_monthly_fen\":{}",
      JsonQuote(to.head_name), JsonQuote(to.name), JsonQuote(to.relation),
      JsonQuote(household.members[f.member].roll.field(field::kRollRelation)),
      household.monthly_fen);
}

// Every flag whole, for the case store: the line of flags.ndjson with the
// household's size added (a confirmed case-scope flag removes them all) and
// what the notice needs.
std::string CaseLines(const RunResult& result) {
  std::string out;
  for (size_t h = 0; h < result.households.size(); ++h) {
    const Household& household = result.households[h];
    if (result.flags[h].empty()) continue;
    // The flags too: a case an incremental run reused has no records read.
    const NoticeAddressee to =
        ChooseAddressee(household, result.as_of, result.flags[h]);
    for (const Flag& f : result.flags[h]) {
      std::string line = FlagToJson(result, household, f);
      line.pop_back();  // the closing brace
      out += line;
      out += fmt::format(",\"household_size\":{}", household.members.size());
      out += NoticeFields(household, to, f);
      out += "}\n";
    }
  }
  return out;
}

std::string ChangesTsv(const FlagChanges& changes) {
  std::string tsv = "status\tflag_id\trule\tcase_id\tid_number\n";
  for (const auto& [status, list] : {std::pair{"new", &changes.added},
                                     std::pair{"standing", &changes.standing},
                                     std::pair{"gone", &changes.gone}}) {
    for (const FlagKey& k : *list) {
      tsv += fmt::format("{}\t{}\t{}\t{}\t{}\n", status, k.flag_id, k.rule,
                         k.case_id, k.id_number);
    }
  }
  return tsv;
}

}  // namespace

StatusOr<Rules> RulesOfRun(const std::string& data_dir, const RunRecord& run) {
  std::string copy = RunLog(data_dir).RulesCopyPath(run.rules_hash);
  std::error_code ec;
  if (!std::filesystem::exists(copy, ec)) return LoadRules(run.rules_path);
  StatusOr<std::string> text = ReadConfigFile(copy, "rules file");
  if (!text.ok()) return text.status();
  StatusOr<Rules> rules = ParseRules(text.value(), run.rules_path);
  if (rules.ok() && rules->content_hash != run.rules_hash) {
    return Status::Corruption(fmt::format(
        "{}: 与第 {} 次核查记录的哈希不符 / does not hash to what run {} "
        "recorded",
        copy, run.number, run.number));
  }
  return rules;
}

StatusOr<RecordedRun> RecordRun(const RecordRunOptions& options) {
  // Read once, parsed and kept from the same bytes; named by its absolute
  // path, so that the record means the same file from any directory.
  std::error_code ec;
  std::string rules_path =
      std::filesystem::absolute(options.rules_path, ec).lexically_normal();
  if (ec) rules_path = options.rules_path;
  StatusOr<std::string> rules_text =
      ReadConfigFile(options.rules_path, "rules file");
  if (!rules_text.ok()) return rules_text.status();
  StatusOr<Rules> rules = ParseRules(rules_text.value(), options.rules_path);
  if (!rules.ok()) return rules.status();
  RecordedRun run;
  run.rules = std::make_shared<const Rules>(std::move(rules.value()));
  StatusOr<std::unique_ptr<DataDirectory>> data =
      DataDirectory::Open(options.data_dir, DataDirectory::Mode::kReadOnly);
  if (!data.ok()) return data.status();
  RunOptions run_options;
  run_options.as_of = options.as_of;
  run_options.rules = run.rules.get();
  run_options.progress = options.progress;
  std::string started_at = NowUtcText();
  RunLog log(options.data_dir);
  if (options.incremental) {
    StatusOr<IncrementalRun> incremental =
        RunIncremental(**data, run_options, log);
    if (!incremental.ok()) return incremental.status();
    run.incremental = true;
    run.base_run = incremental->base_run;
    run.full_reason = incremental->full_reason;
    run.rechecked = incremental->rechecked;
    run.reused = incremental->reused;
    run.family_reused = incremental->family_reused;
    run.result = std::move(incremental->result);
  } else {
    StatusOr<RunResult> result = RunCrossCheck(**data, run_options);
    if (!result.ok()) return result.status();
    run.result = std::move(result.value());
  }
  const RunResult& result = run.result;
  HEDUI_RETURN_IF_ERROR(WriteCaseFiles(result, options.out_dir));
  TimingMark("case files written");
  for (const auto& f : result.flags) run.flags += f.size();
  std::vector<FlagKey> keys = FlagKeys(result);
  StatusOr<FlagChanges> changes = log.Compare(keys);
  if (!changes.ok()) return changes.status();
  run.changes = std::move(changes.value());
  TimingMark("flags compared with the last run");
  HEDUI_RETURN_IF_ERROR(WriteFileAtomically(options.out_dir + "/changes.tsv",
                                            ChangesTsv(run.changes)));
  RunRecord& record = run.record;
  record.started_at = started_at;
  record.as_of = options.as_of.ToString();
  record.rules_path = rules_path;
  record.rules_hash = run.rules->content_hash;
  // The copy before the record: a recorded run's rules are always there.
  HEDUI_RETURN_IF_ERROR(log.KeepRules(record.rules_hash, rules_text.value()));
  record.engine_version = HEDUI_VERSION;
  for (const auto& [number, batch] : result.batches) {
    if (batch.superseded_by == 0) record.batches.push_back(number);
  }
  record.seconds = result.seconds;
  record.flags = run.flags;
  record.out_dir = options.out_dir;
  // The per-household results are kept for the next incremental run.
  HEDUI_RETURN_IF_ERROR(log.Record(
      &record, keys, EncodeRunResults(result, record), CaseLines(result)));
  TimingMark("run recorded");
  return run;
}

}  // namespace hedui
