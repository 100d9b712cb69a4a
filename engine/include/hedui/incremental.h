// Incremental runs: a nightly cross-check that re-runs the matchers only on
// the households a change can affect and reuses the last run's flags for
// the rest. Its result equals a full run's on the same state, file for file
// (tests/check/incremental_test.cc checks that after random deltas).
//
// What is kept. Every recorded run leaves DATA/runs/run-NNNNNN.results
// (written by RunLog::Record before the run's record, so a record never
// lacks its results): per household, a fingerprint of everything the
// matchers read except the members' feed records, the family pass's ties,
// and the flags; plus the family pass's notes.
//
// When the last run can be the base. Same rules hash, engine version,
// matcher versions and as-of date (amounts depend on the as-of date), and a
// batch register that only grew since: every batch it read is still live
// or was superseded by a later batch, and every batch it did not read is
// newer than all it read and has its list of changed people
// (Index::ChangedPeople). Otherwise every household is checked, and the
// run says why once (IncrementalRun::full_reason).
//
// What is re-checked. The run always rebuilds the cheap cross-case
// structures in full: the roll's households (LoadHouseholds) and LinkCases
// (same person in two cases, shared payment accounts and their holders).
// A household is re-checked when
//   - one of its members is in ChangedPeople(b) of a batch b not read by
//     the base run (a snapshot lists the people of the batches it
//     replaced, a delta the people it upserted and removed), or
//   - its fingerprint differs from the base run's, or it is new: roll
//     changes (members added, removed, moved between cases), and any change
//     in what LinkCases or the family pass gave it (other cases of a
//     person or an account, family and cadre ties), reach it this way,
//     whichever other household the change started in. Comparing what the
//     household will be checked on, rather than walking the links out of
//     changed households, stays right when the cross-case passes learn new
//     kinds of link.
// Everything else keeps its flags verbatim: a matcher's flags depend only on
// its household, the as-of date and the rules.
//
// The family pass (LinkFamilies: the population register's family graph
// and the cadre roster, most of a full run's time) is rebuilt only when a
// batch of the roll, population or cadre feed came or went; otherwise each
// household gets the base run's ties back, and its family notes.
#ifndef HEDUI_INCREMENTAL_H_
#define HEDUI_INCREMENTAL_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "hedui/cross_check.h"
#include "hedui/data_directory.h"
#include "hedui/run_log.h"
#include "hedui/status.h"

namespace hedui {

struct IncrementalRun {
  RunResult result;
  // The run the flags were reused from; empty for a full run.
  std::optional<uint32_t> base_run;
  // Why every household was checked (no usable base run); empty otherwise.
  std::string full_reason;
  size_t rechecked = 0;        // households whose matchers ran
  size_t reused = 0;           // households whose flags came from the base run
  bool family_reused = false;  // the family pass's ties came from the base run
};

// Runs the cross-check against the last run recorded in `log`, re-checking
// only what changed since (see above). Falls back to checking every
// household, with full_reason set, when the last run cannot be the base.
[[nodiscard]] StatusOr<IncrementalRun> RunIncremental(const DataDirectory& data,
                                                      const RunOptions& options,
                                                      const RunLog& log);

}  // namespace hedui

#endif  // HEDUI_INCREMENTAL_H_
