// The cross-check's steps over the index itself (the public call and its
// types are hedui/cross_check.h).
#ifndef HEDUI_ENGINE_CHECK_CROSS_CHECK_H_
#define HEDUI_ENGINE_CHECK_CROSS_CHECK_H_

#include <functional>
#include <map>
#include <vector>

#include "engine/index/index.h"
#include "hedui/cross_check.h"
#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "hedui/status.h"

namespace hedui {

// The engine's form of hedui/cross_check.h's RunCrossCheck.
StatusOr<RunResult> RunCrossCheck(const Index& index,
                                  const RunOptions& options);

// The steps of RunCrossCheck that an incremental run
// (engine/check/incremental.h) repeats on its own terms.
//
// Notes said once per run about the cases: each enabled ground's
// (Matcher::AddRunNotes), then zones without a standard, naming the enabled
// grounds that use standards.
void CaseNotes(const std::vector<Household>& households, const Rules& rules,
               Date as_of, std::vector<std::string>* notes);
// Reads the members' records and runs the enabled matchers on
// result->households[h] for each h in `which`, into result->flags[h]
// (result->flags sized by the caller).
Status CheckHouseholds(const Index& index, const rocksdb::Snapshot* snapshot,
                       const RunOptions& options,
                       const std::vector<size_t>& which, RunResult* result);

// Reads a member's records from every feed kind marked in `needs`.
Status ReadMemberFeeds(PersonReader* reader, const bool needs[kFeedKindCount],
                       Member* member, std::vector<Index::Record>* scratch);

// A row of another county's roll ([county] foreign_rolls): kept aside, only
// to be linked to the county's own members with the same ID.
struct ForeignRollRow {
  uint64_t id_body = 0;
  SourceRecord roll;
  std::string county;  // the roll's source, as foreign_rolls names it
};

// Reads every roll record into households (sorted by case_id, members by ID).
// Rows of a batch whose source is in `foreign_rolls` are not households:
// they go to `foreign` (when given) in scan order.
Status LoadHouseholds(const Index& index, const rocksdb::Snapshot* snapshot,
                      std::vector<Household>* households, size_t* members,
                      const std::vector<std::string>& foreign_rolls = {},
                      std::vector<ForeignRollRow>* foreign = nullptr);

// The opening every run shares (RunCrossCheck, RunIncremental, point
// checks): the batch register, the roll's households (LoadHouseholds) and
// the links LinkCases builds, per the enabled grounds' CrossCaseNeeds.
Status OpenRun(const Index& index, const rocksdb::Snapshot* snapshot,
               const RunOptions& options, RunResult* result);

// What the enabled grounds of `rules` read across cases
// (Matcher::AddCrossCaseNeeds), together.
CrossCaseNeeds EnabledCrossCaseNeeds(const Rules& rules);

// Links across cases, as `needs` asks: the same person's rows in other
// cases, the other cases paid into the same account, and the bank feed's
// records of each payment account.
// Foreign roll rows join the other cases of the home members with their ID
// (after the home cases), with their county in other_case_counties.
Status LinkCases(const Index& index, const rocksdb::Snapshot* snapshot,
                 const CrossCaseNeeds& needs,
                 std::vector<Household>* households,
                 const std::vector<ForeignRollRow>& foreign = {});

// The family pass, when an enabled ground asks for family or cadre ties:
// the family graph of the population register and the cadre roster
// (engine/linkage/family_graph.h) fill each household's split_ties,
// merge_ties and cadre_ties.
Status LinkFamilies(const Index& index, const rocksdb::Snapshot* snapshot,
                    const Rules& rules, std::vector<Household>* households,
                    std::vector<std::string>* notes);

// The cases due for re-review in the as-of month. A case of a category with
// a cadence of N months is due when the months since its enrolment month are
// a positive multiple of N.
std::vector<ReviewDue> ReviewsDue(const std::vector<Household>& households,
                                  const Rules& rules, Date as_of,
                                  std::vector<std::string>* notes);

}  // namespace hedui

#endif  // HEDUI_ENGINE_CHECK_CROSS_CHECK_H_
