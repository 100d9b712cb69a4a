// The run log: every cross-check recorded in DATA/runs/ — which batches,
// which rules (file and hash), which engine version, when, how long, how
// many flags — and the flags it raised, so that the next run can say what
// is new, what still stands and what has gone since.
//
// A flag's ID is a hash of its rule, case and member: it stays the same
// from run to run while the same condition holds.
#ifndef HEDUI_RUN_LOG_H_
#define HEDUI_RUN_LOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedui/status.h"

namespace hedui {

std::string FlagId(std::string_view rule, std::string_view case_id,
                   std::string_view id_number);

struct FlagKey {
  std::string flag_id, rule, case_id, id_number;
};

struct RunRecord {
  uint32_t number = 0;
  std::string started_at;  // UTC
  std::string as_of;
  // The rules file as the run named it, made absolute, and the hash of its
  // content; the content itself is kept in DATA/runs (RulesCopyPath), so
  // later commands read the rules the run used from wherever they run.
  std::string rules_path;
  uint64_t rules_hash = 0;
  std::string engine_version;
  std::vector<uint32_t> batches;  // the live batches it read
  double seconds = 0;
  uint64_t flags = 0;
  std::string out_dir;
};

struct FlagChanges {
  std::optional<RunRecord> previous;
  std::vector<FlagKey> added, standing, gone;
};

class RunLog {
 public:
  explicit RunLog(std::string data_dir) : dir_(std::move(data_dir) + "/runs") {}

  std::vector<RunRecord> List() const;
  std::optional<RunRecord> Last() const;
  StatusOr<std::vector<FlagKey>> FlagsOf(uint32_t run) const;

  // Compares `flags` with those of the last recorded run.
  StatusOr<FlagChanges> Compare(const std::vector<FlagKey>& flags) const;

  // Records a run: its flags first, then `results` (when not empty: the
  // per-household results an incremental run reuses, hedui/incremental.h)
  // and `cases` (when not empty: every flag whole, one JSON object a line,
  // which the case store imports, hedui/case_store.h), then the record that
  // makes it count, each through a temporary file, so a killed run leaves
  // no record without its results. Assigns record->number.
  Status Record(RunRecord* record, const std::vector<FlagKey>& flags,
                std::string_view results = {},
                std::string_view cases = {}) const;

  // Where run `number` keeps its per-household results (may not exist).
  std::string ResultsPath(uint32_t number) const;
  // Where run `number` keeps its flags whole (may not exist: runs recorded
  // before the case store, or with no flag).
  std::string CasesPath(uint32_t number) const;
  // Where the content of the rules file with hash `rules_hash` is kept: one
  // copy per distinct content, written before the run that used it is
  // recorded (may not exist for runs recorded before copies were kept).
  std::string RulesCopyPath(uint64_t rules_hash) const;
  // Keeps `content` (whose hash is `rules_hash`) at RulesCopyPath, owner
  // only; a copy already there is left as it is.
  [[nodiscard]] Status KeepRules(uint64_t rules_hash,
                                 std::string_view content) const;

 private:
  std::string dir_;
};

std::string RunRecordToJson(const RunRecord& record);

}  // namespace hedui

#endif  // HEDUI_RUN_LOG_H_
