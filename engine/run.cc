#include "engine/run.h"

#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <chrono>
#include <map>

#include "matchers/household.h"

namespace hedui {

namespace {

bool DecodeSource(FeedKind kind, const RecordKey& key, std::string_view value, SourceRecord* out) {
  std::vector<std::string_view> fields;
  if (!DecodeRecordFields(value, &fields)) return false;
  out->kind = kind;
  out->key = key;
  out->fields.assign(fields.begin(), fields.end());
  // Records written before a schema grew have fewer fields.
  out->fields.resize(GetFeedSpec(kind).fields.size());
  return true;
}

}  // namespace

Status LoadHouseholds(const Index& index, const rocksdb::Snapshot* snapshot, std::vector<Household>* households,
                      size_t* members) {
  std::map<std::string, Household> by_case;
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(index.db()->NewIterator(ro, index.column_family(FeedKind::kRoll)));
  *members = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Member m;
    if (!DecodeRecordKey(it->key().ToStringView(), &m.roll.key) ||
        !DecodeSource(FeedKind::kRoll, m.roll.key, it->value().ToStringView(), &m.roll)) {
      return Status::Corruption(fmt::format("{}: malformed roll record", index.dir()));
    }
    m.id_body = m.roll.key.id_body;
    Household& h = by_case[m.roll.field(field::kRollCaseId)];
    bool duplicate = false;
    for (const Member& other : h.members) duplicate = duplicate || other.id_body == m.id_body;
    if (duplicate) continue;  // the same row from two roll exports
    if (h.members.empty()) {
      h.case_id = m.roll.field(field::kRollCaseId);
      h.monthly_fen = FieldFen(m.roll.field(field::kRollMonthlyAmount));
      if (auto d = FieldDate(m.roll.field(field::kRollEnrolledOn))) {
        h.enrolled_on = *d;
        h.has_enrolled_on = true;
      }
      h.township = m.roll.field(field::kRollTownship);
      h.village = m.roll.field(field::kRollVillage);
    }
    h.members.push_back(std::move(m));
    ++*members;
  }
  if (!it->status().ok()) return Status::IOError(it->status().ToString());
  households->clear();
  households->reserve(by_case.size());
  for (auto& [id, h] : by_case) {
    std::sort(h.members.begin(), h.members.end(),
              [](const Member& a, const Member& b) { return a.id_body < b.id_body; });
    households->push_back(std::move(h));
  }
  return Status::OK();
}

StatusOr<RunResult> RunCrossCheck(const Index& index, const RunOptions& options) {
  auto started = std::chrono::steady_clock::now();
  RunResult result;
  const rocksdb::Snapshot* snapshot = index.db()->GetSnapshot();
  struct SnapshotRelease {
    rocksdb::DB* db;
    const rocksdb::Snapshot* s;
    ~SnapshotRelease() { db->ReleaseSnapshot(s); }
  } release{index.db(), snapshot};

  for (BatchInfo& b : index.ListBatches()) result.batches[b.number] = std::move(b);
  HEDUI_RETURN_IF_ERROR(LoadHouseholds(index, snapshot, &result.households, &result.roll_members));

  std::vector<const Matcher*> matchers;
  bool needs[kFeedKindCount] = {};
  for (const auto& m : AllMatchers()) {
    if (!m->Enabled(*options.rules)) continue;
    matchers.push_back(m.get());
    for (FeedKind k : m->Needs()) needs[static_cast<size_t>(k)] = true;
  }
  RunContext context{options.as_of, options.rules};
  result.flags.resize(result.households.size());
  std::vector<Status> errors(result.households.size());
  std::atomic<size_t> done{0};
  tbb::parallel_for(tbb::blocked_range<size_t>(0, result.households.size(), 64),
                    [&](const tbb::blocked_range<size_t>& range) {
                      std::vector<Index::Record> records;
                      PersonReader reader(index, snapshot);
                      for (size_t h = range.begin(); h != range.end(); ++h) {
                        Household& household = result.households[h];
                        for (Member& member : household.members) {
                          for (int k = 0; k < kFeedKindCount; ++k) {
                            if (!needs[k]) continue;
                            FeedKind kind = static_cast<FeedKind>(k);
                            Status s = reader.Read(kind, member.id_body, &records);
                            if (!s.ok()) {
                              errors[h] = s;
                              break;
                            }
                            for (const Index::Record& r : records) {
                              SourceRecord source;
                              if (!DecodeSource(kind, r.key, r.value, &source)) {
                                errors[h] = Status::Corruption(fmt::format(
                                    "{}: malformed {} record", index.dir(), GetFeedSpec(kind).name));
                                break;
                              }
                              member.feeds[k].push_back(std::move(source));
                            }
                          }
                        }
                        for (const Matcher* m : matchers) m->Check(household, context, &result.flags[h]);
                      }
                      size_t d = done.fetch_add(range.size()) + range.size();
                      if (options.progress) options.progress(d, result.households.size());
                    });
  for (const Status& s : errors) HEDUI_RETURN_IF_ERROR(s);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace hedui
