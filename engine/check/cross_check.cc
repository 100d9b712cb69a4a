#include "engine/check/cross_check.h"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "engine/base/timing.h"
#include "engine/linkage/family_graph.h"
#include "engine/linkage/household_ties.h"
#include "engine/schema/source_record.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// How the members' records are read, feed by feed (CheckHouseholds).
// A member's records are walked to (FeedCursor) while the feed holds at
// most this many records per member; a Seek each beyond. Not measured
// apart: far past kMergeMaxSteps records a member, nearly every member
// costs a Seek either way, and the per-member Seek keeps its bloom filter.
constexpr uint64_t kMergeMaxRecordsPerMember = 256;
// Steps a cursor takes towards the next member before it Seeks instead.
// Measured on the 1-million county, roll 3%, all feeds walked, 3 runs
// each interleaved: 2, 4, 8, 16 and 64 steps read the members' records in
// 0.32-0.81 s alike (medians 0.41-0.47 s), against 1.12-1.89 s for a
// Seek per member in the same runs.
constexpr int kMergeMaxSteps = 8;

// Decodes one person's records of one feed onto the member.
Status AppendMemberRecords(FeedKind kind,
                           const std::vector<Index::Record>& records,
                           Member* member) {
  for (const Index::Record& r : records) {
    SourceRecord source;
    if (!DecodeSourceRecord(kind, r.key, r.value, &source)) {
      return Status::Corruption(
          fmt::format("malformed {} record", GetFeedSpec(kind).name));
    }
    member->feeds[static_cast<size_t>(kind)].push_back(std::move(source));
  }
  return Status::OK();
}

}  // namespace

Status ReadMemberFeeds(PersonReader* reader, const bool needs[kFeedKindCount],
                       Member* member, std::vector<Index::Record>* scratch) {
  for (int k = 0; k < kFeedKindCount; ++k) {
    if (!needs[k]) continue;
    FeedKind kind = static_cast<FeedKind>(k);
    HEDUI_RETURN_IF_ERROR(reader->Read(kind, member->id_body, scratch));
    HEDUI_RETURN_IF_ERROR(AppendMemberRecords(kind, *scratch, member));
  }
  return Status::OK();
}

Status LoadHouseholds(const Index& index, const rocksdb::Snapshot* snapshot,
                      std::vector<Household>* households, size_t* members,
                      const std::vector<std::string>& foreign_rolls,
                      std::vector<ForeignRollRow>* foreign) {
  std::map<std::string, Household> by_case;
  *members = 0;
  // The batches of other counties' rolls, by number: their source.
  std::unordered_map<uint32_t, std::string> foreign_batches;
  if (!foreign_rolls.empty()) {
    for (const BatchInfo& b : index.ListBatches()) {
      if (b.kind == FeedKind::kRoll &&
          std::find(foreign_rolls.begin(), foreign_rolls.end(), b.source) !=
              foreign_rolls.end())
        foreign_batches[b.number] = b.source;
    }
  }
  // A roll snapshot replaces the last one: its records no longer count.
  HEDUI_RETURN_IF_ERROR(index.ScanLiveRecords(
      FeedKind::kRoll, snapshot,
      [&](const RecordKey& key, std::string_view value) {
        Member m;
        if (!DecodeSourceRecord(FeedKind::kRoll, key, value, &m.roll)) {
          return Status::Corruption(
              fmt::format("{}: malformed roll record", index.dir()));
        }
        m.id_body = key.id_body;
        auto county = foreign_batches.find(key.batch);
        if (county != foreign_batches.end()) {
          if (foreign != nullptr)
            foreign->push_back(
                {key.id_body, std::move(m.roll), county->second});
          return Status::OK();
        }
        Household& h = by_case[m.roll.field(field::kRollCaseId)];
        for (const Member& other : h.members) {
          if (other.id_body == m.id_body)
            return Status::OK();  // the same row from two roll exports
        }
        if (h.members.empty()) {
          h.case_id = m.roll.field(field::kRollCaseId);
          h.monthly_fen = FieldFen(m.roll.field(field::kRollMonthlyAmount));
          if (auto d = FieldDate(m.roll.field(field::kRollEnrolledOn))) {
            h.enrolled_on = *d;
            h.has_enrolled_on = true;
          }
          h.township = m.roll.field(field::kRollTownship);
          h.village = m.roll.field(field::kRollVillage);
          h.zone = m.roll.field(field::kRollZone);
          h.category = m.roll.field(field::kRollCategory);
          h.bank_account = m.roll.field(field::kRollBankAccount);
          const std::string& income = m.roll.field(field::kRollDeclaredIncome);
          h.has_declared_income = !income.empty();
          h.declared_income_fen = FieldFen(income);
        }
        h.members.push_back(std::move(m));
        ++*members;
        return Status::OK();
      }));
  households->clear();
  households->reserve(by_case.size());
  for (auto& [id, h] : by_case) {
    std::sort(
        h.members.begin(), h.members.end(),
        [](const Member& a, const Member& b) { return a.id_body < b.id_body; });
    households->push_back(std::move(h));
  }
  return Status::OK();
}

CrossCaseNeeds EnabledCrossCaseNeeds(const Rules& rules) {
  CrossCaseNeeds needs;
  for (const auto& m : AllMatchers()) {
    if (m->Enabled(rules)) m->AddCrossCaseNeeds(rules, &needs);
  }
  return needs;
}

Status LinkCases(const Index& index, const rocksdb::Snapshot* snapshot,
                 const CrossCaseNeeds& needs,
                 std::vector<Household>* households,
                 const std::vector<ForeignRollRow>& foreign) {
  std::vector<Household>& hs = *households;
  // The same ID in several cases.
  std::unordered_map<uint64_t, std::vector<std::pair<uint32_t, uint32_t>>>
      by_id;
  std::unordered_map<std::string, std::vector<uint32_t>> by_account;
  for (uint32_t h = 0; h < hs.size(); ++h) {
    if (needs.person_other_cases) {
      for (uint32_t i = 0; i < hs[h].members.size(); ++i)
        by_id[hs[h].members[i].id_body].emplace_back(h, i);
    }
    if (!hs[h].bank_account.empty())
      by_account[hs[h].bank_account].push_back(h);
  }
  for (const auto& [id, places] : by_id) {
    if (places.size() < 2) continue;
    for (const auto& [h, i] : places) {
      for (const auto& [oh, oi] : places) {
        if (oh != h) {
          hs[h].members[i].other_cases.push_back(hs[oh].members[oi].roll);
          hs[h].members[i].other_case_counties.emplace_back();
        }
      }
    }
  }
  // After the home cases, in scan order (ID, batch, line): deterministic.
  if (needs.person_other_cases) {
    for (const ForeignRollRow& row : foreign) {
      auto found = by_id.find(row.id_body);
      if (found == by_id.end()) continue;
      for (const auto& [h, i] : found->second) {
        hs[h].members[i].other_cases.push_back(row.roll);
        hs[h].members[i].other_case_counties.push_back(row.county);
      }
    }
  }
  if (needs.account_other_cases) {
    for (const auto& [account, cases] : by_account) {
      if (cases.size() < 2) continue;
      for (uint32_t h : cases) {
        for (uint32_t o : cases) {
          if (o != h)
            hs[h].account_other_cases.push_back(hs[o].members[0].roll);
        }
      }
    }
  }
  if (!needs.account_holders || by_account.empty()) return Status::OK();
  // One pass over the bank feed: who holds each payment account.
  std::vector<std::string_view> fields;
  return index.ScanLiveRecords(
      FeedKind::kBank, snapshot,
      [&](const RecordKey& key, std::string_view value) {
        if (!DecodeRecordFields(value, &fields) ||
            fields.size() <= static_cast<size_t>(field::kBankAccount)) {
          return Status::Corruption(
              fmt::format("{}: malformed bank record", index.dir()));
        }
        auto found = by_account.find(std::string(fields[field::kBankAccount]));
        if (found == by_account.end()) return Status::OK();
        SourceRecord r;
        if (!DecodeSourceRecord(FeedKind::kBank, key, value, &r)) {
          return Status::Corruption(
              fmt::format("{}: malformed bank record", index.dir()));
        }
        for (uint32_t h : found->second) hs[h].account_holders.push_back(r);
        return Status::OK();
      });
}

Status LinkFamilies(const Index& index, const rocksdb::Snapshot* snapshot,
                    const Rules& rules, std::vector<Household>* households,
                    std::vector<std::string>* notes) {
  const CrossCaseNeeds needs = EnabledCrossCaseNeeds(rules);
  if (!needs.family_ties && !needs.cadre_ties) return Status::OK();
  FamilyGraphOptions options;
  if (needs.generic_max_cases > 0)
    options.generic_max_cases = needs.generic_max_cases;
  StatusOr<FamilyGraph> graph =
      FamilyGraph::Build(index, snapshot, *households, options);
  if (!graph.ok()) return graph.status();
  TimingMark("FG: graph built");
  std::vector<CadreMatch> cadres;
  if (needs.cadre_ties) {
    StatusOr<std::vector<CadreMatch>> resolved =
        ResolveCadres(index, snapshot, *graph, notes);
    if (!resolved.ok()) return resolved.status();
    cadres = std::move(*resolved);
  }
  TimingMark("FG: cadres resolved");
  TieHouseholds(*graph, cadres, households, notes);
  return Status::OK();
}

std::vector<ReviewDue> ReviewsDue(const std::vector<Household>& households,
                                  const Rules& rules, Date as_of,
                                  std::vector<std::string>* notes) {
  std::vector<ReviewDue> due;
  std::map<std::string, size_t> unknown;
  size_t no_date = 0;
  for (size_t h = 0; h < households.size(); ++h) {
    const Household& household = households[h];
    auto it = rules.review_months.find(household.category);
    if (it == rules.review_months.end()) {
      ++unknown[household.category];
      continue;
    }
    if (!household.has_enrolled_on) {
      ++no_date;
      continue;
    }
    int months = as_of.month_index() - household.enrolled_on.month_index();
    if (months > 0 && months % it->second == 0) due.push_back({h, it->second});
  }
  for (const auto& [category, count] : unknown) {
    notes->push_back(
        fmt::format("re-review: {} case(s) of category '{}' have no cadence in "
                    "the rules file "
                    "(review.months) and are not listed",
                    count, category));
  }
  if (no_date)
    notes->push_back(fmt::format(
        "re-review: {} case(s) without an enrolment date are not listed",
        no_date));
  return due;
}

void CaseNotes(const std::vector<Household>& households, const Rules& rules,
               Date as_of, std::vector<std::string>* notes) {
  // Said once per run, not once per case.
  std::vector<std::string_view> by_standards;
  for (const auto& m : AllMatchers()) {
    if (!m->Enabled(rules)) continue;
    m->AddRunNotes(households, notes);
    if (m->UsesStandards()) by_standards.push_back(m->Name());
  }
  if (by_standards.empty()) return;
  std::string grounds;
  for (size_t i = 0; i < by_standards.size(); ++i) {
    grounds += i == 0 ? "" : i + 1 < by_standards.size() ? ", " : " and ";
    grounds += by_standards[i];
  }
  std::map<std::string, size_t> no_standard;
  for (const Household& h : households) {
    if (!rules.standards.count(h.zone)) ++no_standard[h.zone];
  }
  for (const auto& [zone, count] : no_standard) {
    notes->push_back(fmt::format(
        "{} case(s) of zone '{}' have no standard in {}: {} skip{} them", count,
        zone, rules.path.empty() ? "the rules" : rules.path, grounds,
        by_standards.size() == 1 ? "s" : ""));
  }
  // A case is evaluated from its enrolment month (the as-of month without
  // one) through the as-of month; a month before the earliest standard of
  // its zone has none in force, and those grounds skip it without a word,
  // so a county whose rules file starts its standards too late would read
  // "no flag" where nothing was checked. Said once, naming each zone's
  // earliest standard.
  size_t early = 0;
  std::map<std::string, Date> earliest;  // zone → its first standard's date
  for (const Household& h : households) {
    auto it = rules.standards.find(h.zone);
    if (it == rules.standards.end() || it->second.empty()) continue;
    int first = as_of.month_index();
    if (h.has_enrolled_on) first = std::min(first, h.enrolled_on.month_index());
    if (rules.StandardFor(h.zone, first) != nullptr) continue;
    ++early;
    earliest.emplace(h.zone, it->second.front().from);
  }
  if (early) {
    std::string zones;
    for (const auto& [zone, from] : earliest) {
      zones += fmt::format("{}{} from {}", zones.empty() ? "" : "; ", zone,
                           from.ToString());
    }
    notes->push_back(fmt::format(
        "{} case(s) reach back before the earliest standard of their zone in "
        "{} ({}): {} skip{} the months before it",
        early, rules.path.empty() ? "the rules" : rules.path, zones, grounds,
        by_standards.size() == 1 ? "s" : ""));
  }
}

Status CheckHouseholds(const Index& index, const rocksdb::Snapshot* snapshot,
                       const RunOptions& options,
                       const std::vector<size_t>& which, RunResult* result) {
  std::vector<const Matcher*> matchers;
  bool needs[kFeedKindCount] = {};
  for (const auto& m : AllMatchers()) {
    if (!m->Enabled(*options.rules)) continue;
    matchers.push_back(m.get());
    for (FeedKind k : m->Needs()) needs[static_cast<size_t>(k)] = true;
  }
  RunContext context{options.as_of, options.rules};
  // Built from the whole roll, whichever cases this pass checks.
  CountyPlaces places;
  if (EnabledCrossCaseNeeds(*options.rules).county_places) {
    places = CountyPlaces::FromRoll(result->households);
    context.county_places = &places;
  }
  // Every member's records first, read in ID order: each iterator then
  // seeks forward through its feed, onto blocks it has just read or their
  // neighbours, instead of jumping across the index household by household
  // (10 million residents: 12.2 s against 7.4 s).
  std::vector<Member*> order;
  for (size_t h : which) {
    for (Member& member : result->households[h].members)
      order.push_back(&member);
  }
  std::sort(order.begin(), order.end(), [](const Member* a, const Member* b) {
    return a->id_body < b->id_body;
  });
  // Per feed, how to reach each member's records. Where the members are
  // dense in the feed, walk it forward beside them (FeedCursor): stepping
  // over the records between two members costs less than a Seek, and a
  // member without a record costs nothing. Where they are sparse (a small
  // roll, a nightly run's few cases, a big feed), one prefix Seek each
  // (PersonReader), whose bloom filter skips members without a record.
  bool merge[kFeedKindCount] = {};
  for (int k = 0; k < kFeedKindCount; ++k) {
    if (!needs[k]) continue;
    uint64_t records = index.EstimateRecords(static_cast<FeedKind>(k));
    merge[k] = records <= order.size() * kMergeMaxRecordsPerMember;
  }
  const std::vector<uint32_t> dead = index.DeadBatches(snapshot);
  // The first member's error in ID order, whatever the thread count.
  std::mutex error_mu;
  size_t error_at = SIZE_MAX;
  Status error;
  std::atomic<size_t> done{0};
  const size_t total = order.size() + which.size();
  tbb::parallel_for(
      tbb::blocked_range<size_t>(0, order.size(), 1024),
      [&](const tbb::blocked_range<size_t>& range) {
        std::vector<Index::Record> records;
        PersonReader reader(index, snapshot);
        std::array<std::optional<FeedCursor>, kFeedKindCount> cursors;
        for (int k = 0; k < kFeedKindCount; ++k) {
          if (merge[k])
            cursors[k].emplace(index, snapshot, static_cast<FeedKind>(k), dead,
                               kMergeMaxSteps);
        }
        for (size_t i = range.begin(); i != range.end(); ++i) {
          Member* member = order[i];
          Status s;
          for (int k = 0; k < kFeedKindCount && s.ok(); ++k) {
            if (!needs[k]) continue;
            FeedKind kind = static_cast<FeedKind>(k);
            if (merge[k]) {
              s = cursors[k]->Read(member->id_body);
              if (s.ok())
                s = AppendMemberRecords(kind, cursors[k]->records(), member);
            } else {
              s = reader.Read(kind, member->id_body, &records);
              if (s.ok()) s = AppendMemberRecords(kind, records, member);
            }
          }
          if (!s.ok()) {
            std::lock_guard<std::mutex> lock(error_mu);
            if (i < error_at) error_at = i, error = s;
            break;
          }
        }
        size_t d = done.fetch_add(range.size()) + range.size();
        if (options.progress) options.progress(d, total);
      });
  HEDUI_RETURN_IF_ERROR(error);
  TimingMark("members' records read");
  tbb::parallel_for(tbb::blocked_range<size_t>(0, which.size(), 64),
                    [&](const tbb::blocked_range<size_t>& range) {
                      for (size_t i = range.begin(); i != range.end(); ++i) {
                        size_t h = which[i];
                        for (const Matcher* m : matchers)
                          m->Evaluate(result->households[h], context,
                                      &result->flags[h]);
                      }
                      size_t d = done.fetch_add(range.size()) + range.size();
                      if (options.progress) options.progress(d, total);
                    });
  return Status::OK();
}

Status OpenRun(const Index& index, const rocksdb::Snapshot* snapshot,
               const RunOptions& options, RunResult* result) {
  for (BatchInfo& b : index.ListBatches())
    result->batches[b.number] = std::move(b);
  TimingMark("cross-check starts");
  std::vector<ForeignRollRow> foreign;
  HEDUI_RETURN_IF_ERROR(LoadHouseholds(index, snapshot, &result->households,
                                       &result->roll_members,
                                       options.rules->foreign_rolls, &foreign));
  TimingMark("roll loaded");
  result->as_of = options.as_of;
  result->rules = options.rules;
  return LinkCases(index, snapshot, EnabledCrossCaseNeeds(*options.rules),
                   &result->households, foreign);
}

StatusOr<RunResult> RunCrossCheck(const Index& index,
                                  const RunOptions& options) {
  auto started = std::chrono::steady_clock::now();
  RunResult result;
  ScopedSnapshot scoped(index);
  const rocksdb::Snapshot* snapshot = scoped.get();

  HEDUI_RETURN_IF_ERROR(OpenRun(index, snapshot, options, &result));
  const Rules& rules = *options.rules;
  HEDUI_RETURN_IF_ERROR(
      LinkFamilies(index, snapshot, rules, &result.households, &result.notes));
  TimingMark("cases and families linked");
  CaseNotes(result.households, rules, options.as_of, &result.notes);
  result.reviews =
      ReviewsDue(result.households, rules, options.as_of, &result.notes);

  std::vector<size_t> all(result.households.size());
  for (size_t h = 0; h < all.size(); ++h) all[h] = h;
  result.flags.resize(result.households.size());
  HEDUI_RETURN_IF_ERROR(
      CheckHouseholds(index, snapshot, options, all, &result));
  TimingMark("households checked");
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return result;
}

}  // namespace hedui
