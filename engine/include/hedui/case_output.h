// The flagged cases of a run, as files: cases.ndjson (one flag per line,
// the machine-readable record), cases.csv (the same for spreadsheets, UTF-8
// with BOM so Excel reads the Chinese), summary.tsv and summary.json (flags,
// cases and money by ground and township), reviews.tsv (cases due for
// re-review). Each file is written whole or not at all.
#ifndef HEDUI_CASE_OUTPUT_H_
#define HEDUI_CASE_OUTPUT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "hedui/case_model.h"
#include "hedui/cross_check.h"
#include "hedui/matcher.h"
#include "hedui/status.h"

namespace hedui {

struct SummaryRow {
  std::string rule, township;
  size_t flags = 0, cases = 0;
  // A case-scope ground counts each case once; a group of cases (SPLIT,
  // DUPLICATE, PAYMENT) once, on its later cases (Flag::counts_in_total).
  int64_t amount_fen = 0;
  // The groups of cases the flags form (distinct Flag::group_id). A group
  // whose cases lie in several townships counts in each of them, so the
  // township rows may add up to more than the (all) row.
  size_t groups = 0;
  // The flags' monthly_at_stake summed the same way: what stops per month
  // if every flag of the row is confirmed.
  int64_t monthly_at_stake_fen = 0;
};

std::vector<SummaryRow> Summarise(const RunResult& result);

// One flag as the JSON line of cases.ndjson.
std::string FlagToJson(const RunResult& result, const Household& household,
                       const Flag& flag);

Status WriteCaseFiles(const RunResult& result, const std::string& out_dir);

// summary.json: the run, the summary rows, the totals per ground, the
// re-review count and the run's notes, for machines.
std::string SummaryJson(const RunResult& result);

// reviews.tsv: the cases due for re-review in the as-of month.
std::string ReviewsTsv(const RunResult& result);

// `hedui explain`: one case, every member, every flag with its rule
// parameters, source records and month-by-month money.
std::string FormatExplain(const RunResult& result, size_t household);

// The summary as an aligned text table for the console.
std::string FormatSummaryTable(const std::vector<SummaryRow>& rows);

}  // namespace hedui

#endif  // HEDUI_CASE_OUTPUT_H_
