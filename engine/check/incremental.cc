#include "engine/check/incremental.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace hedui {

namespace {

// The fingerprint and the results file must cover every field of these
// structs: a field added without being written here would let a household
// keep flags computed from stale inputs. The sizes (64-bit libstdc++) make
// such an addition fail to compile until this file is updated.
static_assert(sizeof(SourceRecord) == 48, "update PutRecord");
static_assert(sizeof(Member) == 368, "update PutHouseholdInputs");
static_assert(sizeof(FamilyTie) == 168, "update PutTie");
static_assert(sizeof(Household) == 368, "update PutHouseholdInputs");
static_assert(sizeof(MonthMoney) == 48, "update PutFlag");
static_assert(sizeof(Flag) == 240, "update PutFlag");

// 3: flags carry group_id, group_cases, counts_in_total (groups of cases)
// and monthly_at_stake_fen.
constexpr std::string_view kMagic = "hedui-results 3\n";

// Feeds the family pass reads (engine/linkage/family_graph.cc; the roll
// gives its account and phone links): a batch of one of these that came or
// went means the pass is rebuilt.
constexpr FeedKind kFamilyFeeds[] = {FeedKind::kRoll, FeedKind::kPopulation,
                                     FeedKind::kCadre};

class Writer {
 public:
  void U64(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void I64(int64_t v) {
    U64((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Str(std::string_view s) {
    U64(s.size());
    out_.append(s);
  }
  void Raw(const void* p, size_t n) {
    out_.append(static_cast<const char*>(p), n);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool U64(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return false;
      uint8_t b = static_cast<uint8_t>(in_[pos_++]);
      *v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  bool I64(int64_t* v) {
    uint64_t u;
    if (!U64(&u)) return false;
    *v = static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
    return true;
  }
  template <typename T>
  bool Int(T* v) {
    int64_t i;
    if (!I64(&i)) return false;
    *v = static_cast<T>(i);
    return true;
  }
  template <typename T>
  bool Unsigned(T* v) {
    uint64_t u;
    if (!U64(&u)) return false;
    *v = static_cast<T>(u);
    return true;
  }
  bool Str(std::string* s) {
    uint64_t n;
    if (!U64(&n) || n > in_.size() - pos_) return false;
    s->assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool Raw(void* p, size_t n) {
    if (n > in_.size() - pos_) return false;
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  // A count of items each at least one byte long.
  bool Count(size_t* n) {
    uint64_t u;
    if (!U64(&u) || u > in_.size() - pos_) return false;
    *n = u;
    return true;
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

void PutRecord(const SourceRecord& r, Writer* w) {
  w->U64(static_cast<uint64_t>(r.kind));
  w->U64(r.key.id_body);
  w->U64(r.key.batch);
  w->U64(r.key.line);
  w->U64(r.fields.size());
  for (const std::string& f : r.fields) w->Str(f);
}

bool GetRecord(Reader* r, SourceRecord* out) {
  uint64_t kind, n;
  if (!r->U64(&kind) || kind >= kFeedKindCount || !r->U64(&out->key.id_body) ||
      !r->Unsigned(&out->key.batch) || !r->Unsigned(&out->key.line) ||
      !r->Count(&n)) {
    return false;
  }
  out->kind = static_cast<FeedKind>(kind);
  out->fields.resize(n);
  for (std::string& f : out->fields) {
    if (!r->Str(&f)) return false;
  }
  return true;
}

template <typename T, typename Put>
void PutList(const std::vector<T>& items, Writer* w, Put put) {
  w->U64(items.size());
  for (const T& item : items) put(item, w);
}

template <typename T, typename Get>
bool GetList(Reader* r, std::vector<T>* items, Get get) {
  size_t n;
  if (!r->Count(&n)) return false;
  items->resize(n);
  for (T& item : *items) {
    if (!get(r, &item)) return false;
  }
  return true;
}

void PutTie(const FamilyTie& t, Writer* w) {
  w->U64(t.member);
  w->Str(t.other_case);
  w->I64(t.other_enrolled.days);
  w->U64(t.other_has_enrolled);
  w->Str(t.relation);
  w->Str(t.confidence);
  w->Str(t.labels);
  PutList(t.evidence, w, PutRecord);
}

bool GetTie(Reader* r, FamilyTie* t) {
  uint64_t has;
  if (!r->Unsigned(&t->member) || !r->Str(&t->other_case) ||
      !r->Int(&t->other_enrolled.days) || !r->U64(&has) ||
      !r->Str(&t->relation) || !r->Str(&t->confidence) || !r->Str(&t->labels) ||
      !GetList(r, &t->evidence, GetRecord)) {
    return false;
  }
  t->other_has_enrolled = has != 0;
  return true;
}

void PutTies(const Household& h, Writer* w) {
  for (const auto* ties : {&h.split_ties, &h.merge_ties, &h.cadre_ties})
    PutList(*ties, w, PutTie);
}

bool GetTies(Reader* r, Household* h) {
  for (auto* ties : {&h->split_ties, &h->merge_ties, &h->cadre_ties}) {
    if (!GetList(r, ties, GetTie)) return false;
  }
  return true;
}

void PutMonth(const MonthMoney& m, Writer* w) {
  w->I64(m.month);
  w->I64(m.fen);
  w->Str(m.note);
}

bool GetMonth(Reader* r, MonthMoney* m) {
  return r->Int(&m->month) && r->I64(&m->fen) && r->Str(&m->note);
}

void PutFlag(const Flag& f, Writer* w) {
  w->Str(f.rule);
  w->I64(f.matcher_version);
  w->U64(f.member);
  w->I64(f.since.days);
  w->I64(f.amount_fen);
  w->I64(f.monthly_at_stake_fen);
  w->U64(f.scope == FlagScope::kCase);
  w->Str(f.reason);
  w->Str(f.params);
  PutList(f.evidence, w, PutRecord);
  PutList(f.months, w, PutMonth);
  w->Str(f.group_id);
  PutList(f.group_cases, w,
          [](const std::string& c, Writer* out) { out->Str(c); });
  w->U64(f.counts_in_total);
}

// Flag::rule views the matcher's name, which outlives every run.
bool GetFlag(Reader* r, Flag* f) {
  std::string rule;
  uint64_t scope, counts;
  if (!r->Str(&rule)) return false;
  f->rule = {};
  for (const auto& m : AllMatchers()) {
    if (m->Name() == rule) f->rule = m->Name();
  }
  if (f->rule.empty()) return false;
  if (!r->Int(&f->matcher_version) || !r->Unsigned(&f->member) ||
      !r->Int(&f->since.days) || !r->I64(&f->amount_fen) ||
      !r->I64(&f->monthly_at_stake_fen) || !r->U64(&scope) ||
      !r->Str(&f->reason) || !r->Str(&f->params) ||
      !GetList(r, &f->evidence, GetRecord) ||
      !GetList(r, &f->months, GetMonth) || !r->Str(&f->group_id) ||
      !GetList(r, &f->group_cases,
               [](Reader* in, std::string* c) { return in->Str(c); }) ||
      !r->U64(&counts)) {
    return false;
  }
  f->scope = scope ? FlagScope::kCase : FlagScope::kMember;
  f->counts_in_total = counts != 0;
  return true;
}

// Everything a matcher reads of a household except its members' feed
// records (which change only through batches, and are re-read for every
// household a batch touches).
void PutHouseholdInputs(const Household& h, Writer* w) {
  w->Str(h.case_id);
  w->I64(h.monthly_fen);
  w->I64(h.enrolled_on.days);
  w->U64(h.has_enrolled_on);
  w->Str(h.township);
  w->Str(h.village);
  w->Str(h.zone);
  w->Str(h.category);
  w->I64(h.declared_income_fen);
  w->U64(h.has_declared_income);
  w->Str(h.bank_account);
  w->U64(h.members.size());
  for (const Member& m : h.members) {
    w->U64(m.id_body);
    PutRecord(m.roll, w);
    PutList(m.other_cases, w, PutRecord);
    PutList(m.other_case_counties, w,
            [](const std::string& c, Writer* out) { out->Str(c); });
  }
  PutList(h.account_holders, w, PutRecord);
  PutList(h.account_other_cases, w, PutRecord);
  PutTies(h, w);
}

struct Fingerprint {
  uint64_t low = 0, high = 0;
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

Fingerprint InputsFingerprint(const Household& h) {
  Writer w;
  PutHouseholdInputs(h, &w);
  XXH128_hash_t x = XXH3_128bits(w.out().data(), w.out().size());
  return {x.low64, x.high64};
}

std::string MatcherVersions() {
  std::string out;
  for (const auto& m : AllMatchers())
    out += fmt::format("{}={};", m->Name(), m->Version());
  return out;
}

// The notes the family pass said: those before the ones CaseNotes and
// ReviewsDue say, which RunCrossCheck writes last. Empty optional when the
// result's notes do not end with those (then the pass is never reused).
std::optional<std::vector<std::string>> FamilyNotes(const RunResult& result) {
  if (result.rules == nullptr) return std::nullopt;
  std::vector<std::string> tail;
  CaseNotes(result.households, *result.rules, result.as_of, &tail);
  ReviewsDue(result.households, *result.rules, result.as_of, &tail);
  if (tail.size() > result.notes.size() ||
      !std::equal(tail.begin(), tail.end(),
                  result.notes.end() - static_cast<ptrdiff_t>(tail.size()))) {
    return std::nullopt;
  }
  return std::vector<std::string>(
      result.notes.begin(),
      result.notes.end() - static_cast<ptrdiff_t>(tail.size()));
}

struct Previous {
  RunRecord record;
  std::string matchers;
  bool has_family_notes = false;
  std::vector<std::string> family_notes;
  struct Case {
    Fingerprint fingerprint;
    Household ties;  // only the *_ties fields
    std::vector<Flag> flags;
  };
  std::unordered_map<std::string, Case> cases;
};

bool DecodeResults(std::string_view bytes, Previous* p) {
  if (bytes.substr(0, kMagic.size()) != kMagic) return false;
  Reader r(bytes.substr(kMagic.size()));
  RunRecord& rec = p->record;
  uint64_t has_notes;
  if (!r.Str(&rec.started_at) || !r.Str(&rec.as_of) ||
      !r.U64(&rec.rules_hash) || !r.Str(&rec.engine_version) ||
      !GetList(&r, &rec.batches,
               [](Reader* rd, uint32_t* b) { return rd->Unsigned(b); }) ||
      !r.Str(&p->matchers) || !r.U64(&has_notes) ||
      !GetList(&r, &p->family_notes,
               [](Reader* rd, std::string* s) { return rd->Str(s); })) {
    return false;
  }
  p->has_family_notes = has_notes != 0;
  size_t n;
  if (!r.Count(&n)) return false;
  for (size_t i = 0; i < n; ++i) {
    std::string case_id;
    Previous::Case c;
    if (!r.Str(&case_id) || !r.Raw(&c.fingerprint, sizeof(c.fingerprint)) ||
        !GetTies(&r, &c.ties) || !GetList(&r, &c.flags, GetFlag)) {
      return false;
    }
    p->cases.emplace(std::move(case_id), std::move(c));
  }
  return r.done();
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Why the last run cannot be the base of this one; empty when it can.
// Fills `changed` with the batches it did not read, and `previous`.
std::string CheckBase(const Index& index, const RunOptions& options,
                      const RunLog& log,
                      const std::map<uint32_t, BatchInfo>& batches,
                      Previous* previous,
                      std::vector<const BatchInfo*>* changed) {
  std::optional<RunRecord> last = log.Last();
  if (!last) return "no earlier run to build on";
  std::optional<std::string> bytes = ReadFile(log.ResultsPath(last->number));
  if (!bytes)
    return fmt::format("run {} kept no per-household results", last->number);
  if (!DecodeResults(*bytes, previous))
    return fmt::format("run {}'s results are unreadable", last->number);
  const RunRecord& kept = previous->record;
  if (kept.started_at != last->started_at || kept.batches != last->batches ||
      kept.as_of != last->as_of) {
    return fmt::format(
        "run {}'s results belong to another run (left by a killed run)",
        last->number);
  }
  previous->record = *last;
  if (last->rules_hash != options.rules->content_hash) {
    return fmt::format("the rules file changed since run {}", last->number);
  }
  if (last->engine_version != HEDUI_VERSION ||
      previous->matchers != MatcherVersions()) {
    return fmt::format("the engine or a matcher changed since run {}",
                       last->number);
  }
  if (last->as_of != options.as_of.ToString()) {
    return fmt::format(
        "run {} was as of {}, this run is as of {} (amounts depend on the "
        "date)",
        last->number, last->as_of, options.as_of.ToString());
  }
  std::set<uint32_t> read(last->batches.begin(), last->batches.end());
  uint32_t newest_read = read.empty() ? 0 : *read.rbegin();
  for (uint32_t b : read) {
    auto it = batches.find(b);
    if (it == batches.end())
      return fmt::format("batch {}, read by run {}, is gone", b, last->number);
    if (it->second.superseded_by != 0 &&
        it->second.superseded_by <= newest_read) {
      return fmt::format("batch {} was superseded by a batch older than run {}",
                         b, last->number);
    }
  }
  for (const auto& [number, info] : batches) {
    if (read.count(number)) continue;
    if (number < newest_read) {
      if (info.superseded_by == 0) {
        return fmt::format("batch {} is live but run {} did not read it",
                           number, last->number);
      }
      continue;  // superseded before that run
    }
    if (!index.ChangedPeople(number)) {
      return fmt::format("batch {} has no list of the people it changed",
                         number);
    }
    changed->push_back(&info);
  }
  return "";
}

}  // namespace

std::string EncodeRunResults(const RunResult& result, const RunRecord& record) {
  Writer w;
  w.Raw(kMagic.data(), kMagic.size());
  w.Str(record.started_at);
  w.Str(record.as_of);
  w.U64(record.rules_hash);
  w.Str(record.engine_version);
  PutList(record.batches, &w, [](uint32_t b, Writer* wr) { wr->U64(b); });
  w.Str(MatcherVersions());
  std::optional<std::vector<std::string>> family_notes = FamilyNotes(result);
  w.U64(family_notes.has_value());
  PutList(family_notes.value_or(std::vector<std::string>()), &w,
          [](const std::string& s, Writer* wr) { wr->Str(s); });
  w.U64(result.households.size());
  for (size_t h = 0; h < result.households.size(); ++h) {
    const Household& household = result.households[h];
    w.Str(household.case_id);
    Fingerprint f = InputsFingerprint(household);
    w.Raw(&f, sizeof(f));
    PutTies(household, &w);
    PutList(result.flags[h], &w, PutFlag);
  }
  return std::move(w.out());
}

StatusOr<IncrementalRun> RunIncremental(const Index& index,
                                        const RunOptions& options,
                                        const RunLog& log) {
  auto started = std::chrono::steady_clock::now();
  IncrementalRun run;
  RunResult& result = run.result;
  ScopedSnapshot scoped(index);
  const rocksdb::Snapshot* snapshot = scoped.get();

  // The same opening as RunCrossCheck's.
  HEDUI_RETURN_IF_ERROR(OpenRun(index, snapshot, options, &result));
  const Rules& rules = *options.rules;

  Previous previous;
  std::vector<const BatchInfo*> changed;
  run.full_reason =
      CheckBase(index, options, log, result.batches, &previous, &changed);
  const bool base = run.full_reason.empty();

  run.family_reused = base && previous.has_family_notes;
  for (const BatchInfo* b : changed) {
    for (FeedKind k : kFamilyFeeds)
      run.family_reused = run.family_reused && b->kind != k;
  }
  if (run.family_reused) {
    // The roll did not change, so neither did its cases.
    for (Household& h : result.households) {
      auto it = previous.cases.find(h.case_id);
      if (it == previous.cases.end()) {
        run.family_reused = false;
        break;
      }
    }
  }
  if (run.family_reused) {
    for (Household& h : result.households) {
      Household& kept = previous.cases.at(h.case_id).ties;
      h.split_ties = std::move(kept.split_ties);
      h.merge_ties = std::move(kept.merge_ties);
      h.cadre_ties = std::move(kept.cadre_ties);
    }
    result.notes = std::move(previous.family_notes);
  } else {
    HEDUI_RETURN_IF_ERROR(LinkFamilies(index, snapshot, rules,
                                       &result.households, &result.notes));
  }
  CaseNotes(result.households, rules, options.as_of, &result.notes);
  result.reviews =
      ReviewsDue(result.households, rules, options.as_of, &result.notes);

  std::vector<size_t> recheck;
  result.flags.resize(result.households.size());
  if (!base) {
    recheck.resize(result.households.size());
    for (size_t h = 0; h < recheck.size(); ++h) recheck[h] = h;
  } else {
    run.base_run = previous.record.number;
    std::vector<uint64_t> people;
    // Checked when the base run was chosen; a list damaged since then
    // leaves nothing to trust, and every case is checked.
    bool every_case = false;
    for (const BatchInfo* b : changed) {
      std::optional<std::vector<uint64_t>> some =
          index.ChangedPeople(b->number);
      if (!some) {
        every_case = true;
        break;
      }
      people.insert(people.end(), some->begin(), some->end());
    }
    std::unordered_set<uint64_t> touched(people.begin(), people.end());
    for (size_t h = 0; h < result.households.size(); ++h) {
      const Household& household = result.households[h];
      auto it = previous.cases.find(household.case_id);
      bool affected = every_case || it == previous.cases.end() ||
                      !(it->second.fingerprint == InputsFingerprint(household));
      for (const Member& m : household.members)
        affected = affected || touched.count(m.id_body);
      if (affected) {
        recheck.push_back(h);
      } else {
        result.flags[h] = std::move(it->second.flags);
      }
    }
  }
  HEDUI_RETURN_IF_ERROR(
      CheckHouseholds(index, snapshot, options, recheck, &result));
  run.rechecked = recheck.size();
  run.reused = result.households.size() - recheck.size();
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  return run;
}

}  // namespace hedui
