#include "engine/check/point_check.h"

#include <fmt/format.h>

#include "engine/base/id_number.h"
#include "matchers/case_money.h"

namespace hedui {

StatusOr<std::unique_ptr<PointChecker>> PointChecker::Create(const Index& index,
                                                             const Rules& rules,
                                                             Date as_of) {
  std::unique_ptr<PointChecker> checker(new PointChecker(index, rules, as_of));
  RunResult& c = checker->context_;
  RunOptions options;
  options.as_of = as_of;
  options.rules = &rules;
  // The live index (no snapshot): the roll as it stands now.
  HEDUI_RETURN_IF_ERROR(OpenRun(index, nullptr, options, &c));
  for (size_t h = 0; h < c.households.size(); ++h) {
    for (const Member& m : c.households[h].members)
      checker->household_of_.emplace(m.id_body, h);
  }
  if (EnabledCrossCaseNeeds(rules).county_places)
    checker->places_ = CountyPlaces::FromRoll(c.households);
  for (const auto& m : AllMatchers()) {
    if (!m->Enabled(rules)) continue;
    checker->matchers_.push_back(m.get());
    for (FeedKind k : m->Needs())
      checker->needs_[static_cast<size_t>(k)] = true;
  }
  return checker;
}

StatusOr<PointCheckResult> PointChecker::Check(std::string_view raw_id) {
  ResidentId id;
  IdError error = ParseResidentId(raw_id, &id);
  if (error != IdError::kNone) {
    return Status::InvalidArgument(fmt::format("'{}' is not a resident ID: {}",
                                               raw_id, IdErrorCode(error)));
  }
  PointCheckResult result;
  result.id_number = id.ToString();
  auto found = household_of_.find(id.body);
  if (found != household_of_.end()) {
    result.on_roll = true;
    result.household = context_.households[found->second];
    for (Member& m : result.household.members) {
      for (auto& feed : m.feeds) feed.clear();
    }
  } else {
    // An applicant: a case of one, enrolled as of today, paid nothing yet.
    Household& h = result.household;
    h.case_id = "(applicant)";
    h.enrolled_on = as_of_;
    h.has_enrolled_on = true;
    Member m;
    m.id_body = id.body;
    m.roll.kind = FeedKind::kRoll;
    m.roll.key = RecordKey{id.body, 0, 0};
    m.roll.fields.resize(GetFeedSpec(FeedKind::kRoll).fields.size());
    m.roll.fields[field::kRollIdNumber] = result.id_number;
    h.members.push_back(std::move(m));
  }
  // The live index: a reader opened now sees every committed batch.
  PersonReader reader(index_, nullptr);
  std::vector<Index::Record> scratch;
  for (Member& m : result.household.members)
    HEDUI_RETURN_IF_ERROR(ReadMemberFeeds(&reader, needs_, &m, &scratch));
  if (!result.on_roll) {
    // Name the applicant from the household register when it knows them.
    for (const SourceRecord& r :
         result.household.members[0]
             .feeds[static_cast<size_t>(FeedKind::kPopulation)]) {
      result.household.members[0].roll.fields[field::kRollName] =
          r.field(field::kPopName);
    }
  }
  RunContext context{as_of_, &rules_};
  context.county_places = &places_;
  for (const Matcher* m : matchers_)
    m->Evaluate(result.household, context, &result.flags);
  return result;
}

}  // namespace hedui
