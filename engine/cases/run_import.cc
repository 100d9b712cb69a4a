#include "engine/cases/run_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "engine/cases/access.h"
#include "engine/cases/case_codec.h"

namespace hedui {
namespace {

// The flag's own fields, copied onto the stored case; the review's fields
// stay as they are.
void RefreshFlag(const ReviewCase& flag, ReviewCase* c) {
  c->rule = flag.rule;
  c->case_id = flag.case_id;
  c->id_number = flag.id_number;
  c->name = flag.name;
  c->township = flag.township;
  c->village = flag.village;
  c->scope = flag.scope;
  c->household_size = flag.household_size;
  c->head_name = flag.head_name;
  c->addressee_name = flag.addressee_name;
  c->addressee_relation = flag.addressee_relation;
  c->member_relation = flag.member_relation;
  c->case_monthly_fen = flag.case_monthly_fen;
  c->since = flag.since;
  c->amount_fen = flag.amount_fen;
  c->monthly_at_stake_fen = flag.monthly_at_stake_fen;
  c->reason = flag.reason;
  c->params_json = flag.params_json;
  c->evidence = flag.evidence;
  c->months = flag.months;
  c->group_id = flag.group_id;
  c->group_cases = flag.group_cases;
  c->counts_in_total = flag.counts_in_total;
  c->evidence_hash = flag.evidence_hash;
}

// An event is shown to every reader of the case, with or without the bank
// grant: account numbers and balances are written masked (the evidence
// itself keeps them for those who may see them).
std::string RecordText(EvidenceRecord r) {
  MaskBankFields(&r);
  std::string text = r.feed + ":";
  size_t shown = 0;
  for (const auto& [field, value] : r.values) {
    if (shown++ == 4) {
      text += " …";
      break;
    }
    text += fmt::format(" {}={}", field, value);
  }
  return text;
}

// "新增 vehicle: plate=豫C…; 不再有 …": the evidence records one side has
// and the other has not, compared by feed and values.
std::string EvidenceDiff(const std::vector<EvidenceRecord>& before,
                         const std::vector<EvidenceRecord>& after) {
  auto key = [](const EvidenceRecord& r) {
    std::string k = r.feed;
    for (const auto& [field, value] : r.values)
      k += "\x1f" + field + "=" + value;
    return k;
  };
  std::multiset<std::string> old_keys, new_keys;
  for (const auto& r : before) old_keys.insert(key(r));
  for (const auto& r : after) new_keys.insert(key(r));
  std::string added, removed;
  for (const auto& r : after) {
    if (old_keys.count(key(r)) == 0)
      added += (added.empty() ? "" : "; ") + RecordText(r);
  }
  for (const auto& r : before) {
    if (new_keys.count(key(r)) == 0)
      removed += (removed.empty() ? "" : "; ") + RecordText(r);
  }
  std::string text;
  if (!added.empty()) text += "新增证据 (new evidence): " + added;
  if (!removed.empty())
    text += std::string(text.empty() ? "" : " | ") +
            "不再有 (no longer): " + removed;
  return text.empty() ? "证据记录顺序变化 (evidence reordered)" : text;
}

}  // namespace

StatusOr<RunFlags> ReadRunFlags(const std::string& path, uint32_t run,
                                const std::string& as_of) {
  RunFlags flags;
  flags.run = run;
  flags.as_of = as_of;
  std::ifstream in(path);
  if (!in) {
    return Status::NotFound(fmt::format(
        "{}: run {} left no flag list for the case store", path, run));
  }
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    StatusOr<ReviewCase> c = ReviewCaseFromFlagLine(line);
    if (!c.ok()) {
      return Status::Corruption(
          fmt::format("{}:{}: {}", path, number, c.status().message()));
    }
    flags.flags.push_back(std::move(c.value()));
  }
  if (in.bad()) {
    return Status::IOError(fmt::format("{}: cannot read", path));
  }
  return flags;
}

std::vector<CaseChange> MergeRun(const std::map<std::string, ReviewCase>& cases,
                                 const RunFlags& run, const std::string& now,
                                 ImportedRuns* counts) {
  std::map<std::string, const ReviewCase*> raised;
  for (const ReviewCase& flag : run.flags) raised[flag.flag_id] = &flag;
  std::vector<CaseChange> changes;
  // Flags of the run: opened, refreshed, reopened, returned.
  for (const auto& [flag_id, flag] : raised) {
    auto it = cases.find(flag_id);
    CaseChange change;
    if (it == cases.end()) {
      change.created = true;
      change.after = *flag;
      ReviewCase& c = change.after;
      c.first_run = c.last_run = run.run;
      c.first_seen = c.last_seen = run.as_of;
      c.in_data = true;
      c.status = CaseStatus::kNew;
      c.events.push_back(CaseEvent{
          now, run.run,
          fmt::format("第 {} 次核查（截至 {}）发现此疑点 / raised by run {}",
                      run.run, run.as_of, run.run)});
      change.action = "opened";
      ++counts->opened;
      changes.push_back(std::move(change));
      continue;
    }
    change.before = it->second;
    change.after = it->second;
    ReviewCase& c = change.after;
    bool evidence_changed = c.evidence_hash != flag->evidence_hash;
    std::string diff =
        evidence_changed ? EvidenceDiff(c.evidence, flag->evidence) : "";
    RefreshFlag(*flag, &c);
    c.last_run = run.run;
    c.last_seen = run.as_of;
    bool was_gone_from_data = !c.in_data;
    c.in_data = true;
    if (c.status == CaseStatus::kGone) {
      c.status = c.assignee.empty() ? CaseStatus::kNew : CaseStatus::kAssigned;
      c.events.push_back(CaseEvent{
          now, run.run,
          fmt::format("第 {} 次核查：疑点重新出现，案件重新打开 / back in the "
                      "data in run {}: reopened{}",
                      run.run, run.run, diff.empty() ? "" : "; " + diff)});
      change.action = "returned";
      ++counts->returned;
    } else if (c.status == CaseStatus::kCleared && evidence_changed) {
      c.status = c.assignee.empty() ? CaseStatus::kNew : CaseStatus::kAssigned;
      c.events.push_back(CaseEvent{
          now, run.run,
          fmt::format(
              "第 {} 次核查：证据有变化，已排除的案件重新打开（原结论「{}」{} "
              "{}）/ new evidence in run {}: the cleared case reopens. {}",
              run.run, c.outcome, c.decided_by, c.decided_on, run.run, diff)});
      change.action = "reopened";
      ++counts->reopened;
    } else if (evidence_changed) {
      c.events.push_back(CaseEvent{
          now, run.run,
          fmt::format(
              "第 {} 次核查：证据有变化 / evidence changed in run {}. {}",
              run.run, run.run, diff)});
      change.action = "evidence_changed";
      ++counts->updated;
    } else {
      if (was_gone_from_data) {
        c.events.push_back(CaseEvent{
            now, run.run,
            fmt::format("第 {} 次核查：疑点重新出现于数据中 / back in the data "
                        "in run {}",
                        run.run, run.run)});
        change.action = "returned";
        ++counts->returned;
      } else {
        ++counts->updated;
      }
    }
    changes.push_back(std::move(change));
  }
  // Cases whose flag this run did not raise.
  for (const auto& [flag_id, stored] : cases) {
    if (raised.count(flag_id) || !stored.in_data) continue;
    CaseChange change;
    change.before = stored;
    change.after = stored;
    ReviewCase& c = change.after;
    c.in_data = false;
    if (IsOpen(c.status)) {
      c.status = CaseStatus::kGone;
      c.events.push_back(CaseEvent{
          now, run.run,
          fmt::format(
              "第 {} 次核查（截至 {}）未再发现此疑点，案件关闭为「数据已消失」"
              " / gone from the data in run {}: closed",
              run.run, run.as_of, run.run)});
    } else {
      c.events.push_back(CaseEvent{
          now, run.run,
          fmt::format("第 {} 次核查未再发现此疑点；结论「{}」不变 / gone from "
                      "the data in run {}; the decision stands",
                      run.run, c.outcome, run.run)});
    }
    change.action = "gone";
    ++counts->gone;
    changes.push_back(std::move(change));
  }
  std::sort(changes.begin(), changes.end(),
            [](const CaseChange& a, const CaseChange& b) {
              return a.after.flag_id < b.after.flag_id;
            });
  return changes;
}

}  // namespace hedui
