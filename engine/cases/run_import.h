// What a recorded run does to the review cases (hedui/review_case.h): a new
// flag opens a case; a standing flag refreshes the case's evidence and
// money, and reopens a cleared case whose evidence changed, saying what
// changed; a flag that left the data closes an open case as gone (a decided
// one keeps its decision and only notes it); a flag that comes back reopens
// its gone case. Never a decision overwritten, never a case deleted.
#ifndef HEDUI_ENGINE_CASES_RUN_IMPORT_H_
#define HEDUI_ENGINE_CASES_RUN_IMPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "hedui/case_store.h"
#include "hedui/review_case.h"
#include "hedui/status.h"

namespace hedui {

// A run's flags, read from RunLog::CasesPath.
struct RunFlags {
  uint32_t run = 0;
  std::string as_of;
  std::vector<ReviewCase> flags;  // the flag part of each case
};

[[nodiscard]] StatusOr<RunFlags> ReadRunFlags(const std::string& path,
                                              uint32_t run,
                                              const std::string& as_of);

struct CaseChange {
  bool created = false;
  ReviewCase before;  // empty when created
  ReviewCase after;
  // For the audit log: "opened", "reopened", "gone", "returned",
  // "evidence_changed"; empty for a refresh that changes nothing a person
  // decided on (money and last_run), which is not audited.
  std::string action;
};

// Every case the run creates or changes, in flag ID order. `now` is the UTC
// time written into the cases' events.
std::vector<CaseChange> MergeRun(const std::map<std::string, ReviewCase>& cases,
                                 const RunFlags& run, const std::string& now,
                                 ImportedRuns* counts);

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_RUN_IMPORT_H_
