// hedui: cross-checks the minimum living allowance roll against the feeds of
// other departments. See README.md; `hedui --help` and `hedui CMD --help`.
#include <fmt/format.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/base/allocator.h"
#include "engine/base/files.h"
#include "engine/base/text.h"
#include "engine/cases/case_output.h"
#include "engine/index/compaction.h"
#include "engine/demo/demo_feeds.h"
#include "engine/demo/generator.h"
#include "engine/demo/score.h"
#include "hedui/feed_schema.h"
#include "engine/check/incremental.h"
#include "engine/index/index.h"
#include "engine/check/point_check.h"
#include "engine/check/cross_check.h"
#include "engine/index/run_log.h"
#include "hedui/rules.h"

namespace hedui {
namespace {

namespace fs = std::filesystem;

// Progress on stderr, only when it is a terminal; safe from any thread.
class Progress {
 public:
  explicit Progress(std::string label)
      : label_(std::move(label)), enabled_(isatty(STDERR_FILENO)) {}
  ~Progress() {
    if (enabled_ && shown_) std::fprintf(stderr, "\r\033[K");
  }
  void operator()(size_t done, size_t total) {
    if (!enabled_ || total == 0) return;
    std::lock_guard<std::mutex> lock(mu_);
    auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(100) && done < total)
      return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\r\033[K%s %3d%%", label_.c_str(),
                 static_cast<int>(100.0 * double(done) / double(total)));
  }

 private:
  std::string label_;
  bool enabled_;
  bool shown_ = false;
  std::mutex mu_;
  std::chrono::steady_clock::time_point last_;
};

int Fail(const Status& s) {
  std::fprintf(stderr, "hedui: %s\n", s.message().c_str());
  return s.code() == Status::Code::kInvalidArgument ? 2 : 1;
}

std::optional<Date> ParseAsOf(const std::string& text) {
  Date d;
  if (!ParseDate(text, &d)) return std::nullopt;
  return d;
}

std::string DefaultConfigs() {
  // Next to the binary's source tree when built from it; else ./configs.
  std::string dir = std::string(HEDUI_SOURCE_DIR) + "/configs";
  return fs::exists(dir) ? dir : "configs";
}

void PrintBatch(const BatchInfo& b, bool duplicate) {
  if (duplicate) {
    std::printf(
        "%s: already ingested as batch %u (%s, same content); nothing to do\n",
        b.file.c_str(), b.number, b.ingested_at.c_str());
    return;
  }
  std::printf(
      "%s → batch %u (%s): read %llu = accepted %llu + quarantined %llu, %.1f "
      "MB in %.2f s%s%s\n",
      b.file.c_str(), b.number, std::string(GetFeedSpec(b.kind).name).c_str(),
      static_cast<unsigned long long>(b.read),
      static_cast<unsigned long long>(b.accepted),
      static_cast<unsigned long long>(b.quarantined), double(b.bytes) / 1e6,
      b.seconds, b.quarantined ? "; quarantine: " : "",
      b.quarantined ? b.quarantine_file.c_str() : "");
}

// Ingests (mapping, file) pairs in one call: all checked first, then loaded
// concurrently. Returns the bytes of the new batches.
Status IngestPairs(
    Index* index, const std::vector<std::pair<std::string, std::string>>& pairs,
    uint64_t* bytes) {
  std::vector<std::unique_ptr<Mapping>> mappings;
  std::map<std::string, Mapping*> by_path;
  std::vector<IngestJob> jobs;
  for (const auto& [mapping_path, file] : pairs) {
    if (!by_path.count(mapping_path)) {
      StatusOr<Mapping> mapping = LoadMapping(mapping_path);
      if (!mapping.ok()) return mapping.status();
      mappings.push_back(std::make_unique<Mapping>(std::move(mapping.value())));
      by_path[mapping_path] = mappings.back().get();
    }
    jobs.push_back(IngestJob{by_path[mapping_path], file});
  }
  IngestOptions options;
  Progress progress("ingest");
  options.progress = [&](size_t done, size_t total) { progress(done, total); };
  auto started = std::chrono::steady_clock::now();
  StatusOr<std::vector<IngestResult>> results =
      IngestFiles(index, jobs, options);
  if (!results.ok()) return results.status();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  uint64_t total = 0;
  for (const IngestResult& r : *results) {
    PrintBatch(r.batch, r.duplicate);
    if (!r.duplicate) total += r.batch.bytes;
  }
  if (results->size() > 1 || total > 0) {
    std::printf("%.1f MB ingested in %.2f s (%.0f MB/s)\n", double(total) / 1e6,
                seconds, seconds > 0 ? double(total) / 1e6 / seconds : 0.0);
  }
  if (bytes) *bytes = total;
  return Status::OK();
}

// Compacts what is worth it (everything with `force`) and says what.
Status Compact(Index* index, bool force) {
  CompactOptions options;
  options.force = force;
  StatusOr<std::vector<FamilyCompaction>> done =
      CompactIfWorthwhile(index, options);
  if (!done.ok()) return done.status();
  for (const FamilyCompaction& c : *done) {
    std::printf(
        "compacted %s: %.1f MB in %llu file%s → %.1f MB in %llu file%s "
        "(%.2f s)\n",
        std::string(GetFeedSpec(c.kind).name).c_str(),
        double(c.bytes_before) / 1e6,
        static_cast<unsigned long long>(c.files_before),
        c.files_before == 1 ? "" : "s", double(c.bytes_after) / 1e6,
        static_cast<unsigned long long>(c.files_after),
        c.files_after == 1 ? "" : "s", c.seconds);
  }
  if (force && done->empty()) std::printf("nothing to compact\n");
  return Status::OK();
}

Status RunAndWrite(const std::string& data_dir, const std::string& rules_path,
                   Date as_of, const std::string& out_dir,
                   RunResult* out = nullptr, bool incremental = false) {
  StatusOr<Rules> rules = LoadRules(rules_path);
  if (!rules.ok()) return rules.status();
  StatusOr<std::unique_ptr<Index>> index =
      Index::Open(data_dir, Index::Mode::kReadOnly);
  if (!index.ok()) return index.status();
  RunOptions options;
  options.as_of = as_of;
  options.rules = &*rules;
  Progress progress("cross-check");
  options.progress = [&](size_t done, size_t total) { progress(done, total); };
  std::string started_at = NowUtcText();
  RunLog log(data_dir);
  auto cross_check = [&]() -> StatusOr<RunResult> {
    if (!incremental) return RunCrossCheck(**index, options);
    StatusOr<IncrementalRun> run = RunIncremental(**index, options, log);
    if (!run.ok()) return run.status();
    if (run->base_run) {
      std::printf(
          "\nIncremental run on run %u: %zu case(s) re-checked, %zu kept%s\n",
          *run->base_run, run->rechecked, run->reused,
          run->family_reused ? "" : "; family graph rebuilt");
    } else {
      std::printf("\nEvery case checked: %s\n", run->full_reason.c_str());
    }
    return std::move(run->result);
  };
  StatusOr<RunResult> result = cross_check();
  if (!result.ok()) return result.status();
  HEDUI_RETURN_IF_ERROR(WriteCaseFiles(*result, out_dir));
  size_t flags = 0;
  for (const auto& f : result->flags) flags += f.size();
  // What changed since the last recorded run, by stable flag ID.
  std::vector<FlagKey> keys;
  for (size_t h = 0; h < result->households.size(); ++h) {
    const Household& household = result->households[h];
    for (const Flag& f : result->flags[h]) {
      const std::string& id =
          household.members[f.member].roll.field(field::kRollIdNumber);
      keys.push_back(FlagKey{FlagId(f.rule, household.case_id, id),
                             std::string(f.rule), household.case_id, id});
    }
  }
  StatusOr<FlagChanges> changes = log.Compare(keys);
  if (!changes.ok()) return changes.status();
  std::string changes_tsv = "status\tflag_id\trule\tcase_id\tid_number\n";
  for (const auto& [status, list] : {std::pair{"new", &changes->added},
                                     std::pair{"standing", &changes->standing},
                                     std::pair{"gone", &changes->gone}}) {
    for (const FlagKey& k : *list) {
      changes_tsv += fmt::format("{}\t{}\t{}\t{}\t{}\n", status, k.flag_id,
                                 k.rule, k.case_id, k.id_number);
    }
  }
  HEDUI_RETURN_IF_ERROR(
      WriteFileAtomically(out_dir + "/changes.tsv", changes_tsv));
  RunRecord record;
  record.started_at = started_at;
  record.as_of = as_of.ToString();
  record.rules_path = rules_path;
  record.rules_hash = rules->content_hash;
  record.engine_version = HEDUI_VERSION;
  for (const auto& [number, batch] : result->batches) {
    if (batch.superseded_by == 0) record.batches.push_back(number);
  }
  record.seconds = result->seconds;
  record.flags = flags;
  record.out_dir = out_dir;
  // Kept for the next incremental run.
  HEDUI_RETURN_IF_ERROR(
      log.Record(&record, keys, EncodeRunResults(*result, record)));
  std::printf(
      "\nCross-check as of %s (rules %s): %zu cases, %zu members, %zu flags in "
      "%.2f s\n\n",
      as_of.ToString().c_str(), rules_path.c_str(), result->households.size(),
      result->roll_members, flags, result->seconds);
  std::printf("%s\n", FormatSummaryTable(Summarise(*result)).c_str());
  for (const std::string& note : result->notes)
    std::printf("Note: %s\n", note.c_str());
  std::printf("%zu case(s) due for re-review this month: %s/reviews.tsv\n",
              result->reviews.size(), out_dir.c_str());
  std::printf(
      "Flags: %s/cases.ndjson and %s/cases.csv; summary: %s/summary.tsv and "
      "%s/summary.json\n",
      out_dir.c_str(), out_dir.c_str(), out_dir.c_str(), out_dir.c_str());
  if (changes->previous) {
    std::printf(
        "Since run %u (%s, as of %s): %zu new, %zu still standing, %zu gone "
        "(%s/changes.tsv)\n",
        changes->previous->number, changes->previous->started_at.c_str(),
        changes->previous->as_of.c_str(), changes->added.size(),
        changes->standing.size(), changes->gone.size(), out_dir.c_str());
  }
  std::printf("Recorded as run %u (hedui runs --data %s).\n", record.number,
              data_dir.c_str());
  std::printf("A flag is an inconsistency to investigate, not a verdict.\n");
  if (out) {
    *out = std::move(*result);
    out->rules = nullptr;  // the rules die with this function
  }
  return Status::OK();
}

// `hedui explain`: the whole cross-check (DUPLICATE and PAYMENT look across
// cases), then one case in full.
Status Explain(const std::string& data_dir, const std::string& rules_path,
               Date as_of, const std::string& case_id) {
  StatusOr<Rules> rules = LoadRules(rules_path);
  if (!rules.ok()) return rules.status();
  StatusOr<std::unique_ptr<Index>> index =
      Index::Open(data_dir, Index::Mode::kReadOnly);
  if (!index.ok()) return index.status();
  RunOptions options;
  options.as_of = as_of;
  options.rules = &*rules;
  StatusOr<RunResult> result = RunCrossCheck(**index, options);
  if (!result.ok()) return result.status();
  auto it = std::lower_bound(
      result->households.begin(), result->households.end(), case_id,
      [](const Household& h, const std::string& id) { return h.case_id < id; });
  if (it == result->households.end() || it->case_id != case_id) {
    return Status::NotFound(
        fmt::format("case '{}' is not on the roll in {}", case_id, data_dir));
  }
  std::printf("Explanation as of %s (rules %s)\n\n%s", as_of.ToString().c_str(),
              rules_path.c_str(),
              FormatExplain(
                  *result, static_cast<size_t>(it - result->households.begin()))
                  .c_str());
  return Status::OK();
}

}  // namespace
}  // namespace hedui

int main(int argc, char** argv) {
  using namespace hedui;
  ConfigureAllocator();
  CLI::App app{
      "hedui (核对) cross-checks the minimum living allowance roll (低保名册) "
      "against other departments' "
      "feeds and flags the cases to investigate.\n\n"
      "Typical use:\n"
      "  hedui ingest --data /srv/hedui --mapping "
      "configs/feeds/my-vehicles.toml vehicles-2026-11.csv\n"
      "  hedui run --data /srv/hedui --rules configs/rules/my-county.toml "
      "--as-of 2026-11-01 --out reports/\n"
      "  hedui demo            # everything above on a generated demo county"};
  app.require_subcommand(1);
  int threads = 0;
  app.add_option(
      "--threads", threads,
      "worker threads (default: all cores); results do not depend on it");

  // demo
  auto* demo = app.add_subcommand(
      "demo",
      "generate a demo county, ingest it, cross-check it, score against truth");
  std::string demo_dir = "demo";
  int demo_residents = 200000;
  std::string configs = DefaultConfigs();
  std::string demo_as_of = "2026-10-31";
  demo->add_option("--dir", demo_dir,
                   "working directory for feeds, index and reports")
      ->capture_default_str();
  demo->add_option("--residents", demo_residents, "size of the county")
      ->capture_default_str();
  demo->add_option("--configs", configs,
                   "the configs/ directory (mappings and rules)")
      ->capture_default_str();
  demo->add_option("--as-of", demo_as_of, "as-of date of the run")
      ->capture_default_str();

  // gen
  auto* gen = app.add_subcommand(
      "gen",
      "write a synthetic county's department exports and its ground truth");
  std::string gen_out;
  int gen_residents = 200000;
  uint64_t gen_seed = 20261122;
  std::string gen_as_of = "2026-10-31";
  gen->add_option("--out", gen_out, "output directory")->required();
  gen->add_option("--residents", gen_residents, "population register size")
      ->capture_default_str();
  gen->add_option("--seed", gen_seed,
                  "random seed; the same seed gives the same files")
      ->capture_default_str();
  gen->add_option("--as-of", gen_as_of, "date the ground truth is computed for")
      ->capture_default_str();

  // ingest
  auto* ingest = app.add_subcommand(
      "ingest",
      "load department export files into the index through a mapping file");
  std::string data_dir;
  std::string mapping_path;
  std::vector<std::string> files;
  std::vector<std::string> feed_pairs;
  ingest->add_option("--data", data_dir, "data directory (created if missing)")
      ->required();
  ingest->add_option("--mapping", mapping_path,
                     "mapping file (configs/feeds/*.toml) describing FILES");
  ingest->add_option(
      "files", files,
      "export files read with --mapping (CSV or NDJSON as the mapping says)");
  ingest->add_option("--feed", feed_pairs,
                     "MAPPING=FILE: one more file with its own mapping; repeat "
                     "for several feeds (they are "
                     "checked first, then loaded together)");
  ingest->footer(
      "Each file becomes one batch: its rows are parsed, normalised and "
      "validated; bad rows go to\n"
      "DATA/quarantine/ with file, line, field and reason; read = accepted + "
      "quarantined is printed.\n"
      "A file whose content was ingested before is skipped. Examples:\n"
      "  hedui ingest --data /srv/hedui --mapping configs/feeds/vehicles.toml "
      "vehicles.csv\n"
      "  hedui ingest --data /srv/hedui --feed configs/feeds/pop.toml=pop.csv "
      "--feed configs/feeds/death.toml=death.ndjson\n"
      "Afterwards, a feed whose superseded batches take three quarters of its "
      "space is compacted\n"
      "(their records dropped); --no-compact leaves that to `hedui "
      "compact`.");
  bool no_compact = false;
  ingest->add_flag("--no-compact", no_compact,
                   "do not compact after the ingest");

  // compact
  auto* compact = app.add_subcommand(
      "compact",
      "drop the records of superseded batches and merge each feed's files");
  compact->add_option("--data", data_dir, "data directory")->required();
  compact->footer(
      "Readers already skip superseded batches; this gives their space back. "
      "`hedui ingest`\n"
      "does it by itself when three quarters of a feed's space is dead "
      "records.");

  // run
  auto* run = app.add_subcommand(
      "run",
      "cross-check every case of the roll as of a date and write the flags");
  std::string rules_path, as_of_text, out_dir = "reports";
  run->add_option("--data", data_dir, "data directory")->required();
  run->add_option("--rules", rules_path,
                  "the county's rules file (configs/rules/*.toml)")
      ->required();
  run->add_option(
         "--as-of", as_of_text,
         "as-of date (YYYY-MM-DD); payments are counted up to its month")
      ->required();
  run->add_option("--out", out_dir,
                  "where cases.ndjson, cases.csv, summary.tsv, summary.json "
                  "and reviews.tsv go")
      ->capture_default_str();
  bool run_incremental = false;
  run->add_flag("--incremental", run_incremental,
                "re-check only the cases a change since the last run can "
                "affect and keep the other cases' flags "
                "(the same files as a full run); every case is checked, and "
                "the run says why, when the last run "
                "had other rules, engine or as-of date");

  // explain
  auto* explain = app.add_subcommand(
      "explain",
      "show one case: members, flags with rule parameters, source records, "
      "month-by-month money");
  std::string explain_case;
  explain->add_option("case_id", explain_case, "the case (低保户编号)")
      ->required();
  explain->add_option("--data", data_dir, "data directory")->required();
  explain
      ->add_option("--rules", rules_path,
                   "the county's rules file (configs/rules/*.toml)")
      ->required();
  explain->add_option("--as-of", as_of_text, "as-of date (YYYY-MM-DD)")
      ->required();

  // check
  auto* check =
      app.add_subcommand("check",
                         "point check: every ground that would flag these "
                         "people and their households, from the live index");
  std::vector<std::string> check_ids;
  bool check_json = false;
  check->add_option("id_numbers", check_ids, "resident IDs (15 or 18 digits)")
      ->required();
  check->add_option("--data", data_dir, "data directory")->required();
  check
      ->add_option("--rules", rules_path,
                   "the county's rules file (configs/rules/*.toml)")
      ->required();
  check->add_option("--as-of", as_of_text, "as-of date (default: today)");
  check->add_flag("--json", check_json,
                  "one JSON line per flag, as in cases.ndjson");
  check->footer(
      "Someone on the roll is checked with their whole case; anyone else as an "
      "applicant, a case of one\n"
      "that has been paid nothing yet. Exit status 0 when nothing is flagged, "
      "3 when something is.");

  // runs
  auto* runs = app.add_subcommand(
      "runs",
      "list recorded cross-check runs: batches, rules, engine, time, flags");
  runs->add_option("--data", data_dir, "data directory")->required();

  // batches
  auto* batches = app.add_subcommand(
      "batches", "list the ingested batches with their counts and checksums");
  batches->add_option("--data", data_dir, "data directory")->required();

  // fields
  auto* fields = app.add_subcommand(
      "fields", "list feed kinds, their canonical fields, types and codes");
  std::string fields_kind;
  fields->add_option("kind", fields_kind, "one feed kind (default: all)");

  // score
  auto* score = app.add_subcommand(
      "score", "compare cases.ndjson with a ground-truth file");
  std::string score_cases, score_truth;
  score->add_option("cases", score_cases, "cases.ndjson")->required();
  score->add_option("truth", score_truth, "truth.ndjson")->required();

  CLI11_PARSE(app, argc, argv);
  std::unique_ptr<tbb::global_control> limit;
  if (threads > 0) {
    limit = std::make_unique<tbb::global_control>(
        tbb::global_control::max_allowed_parallelism,
        static_cast<size_t>(threads));
  }

  if (*fields) {
    for (int k = 0; k < kFeedKindCount; ++k) {
      const FeedSpec& spec = GetFeedSpec(static_cast<FeedKind>(k));
      if (!fields_kind.empty() && spec.name != fields_kind) continue;
      std::printf("%s (%s)\n", std::string(spec.name).c_str(),
                  std::string(spec.chinese).c_str());
      for (const FieldSpec& f : spec.fields) {
        std::string codes;
        for (std::string_view c : f.codes)
          codes += (codes.empty() ? " codes: " : ", ") + std::string(c);
        std::printf("  %-20s %-7s %-9s %s%s\n", std::string(f.name).c_str(),
                    std::string(FieldTypeName(f.type)).c_str(),
                    f.required ? "required" : "",
                    std::string(f.description).c_str(), codes.c_str());
      }
    }
    return 0;
  }

  if (*gen) {
    auto as_of = ParseAsOf(gen_as_of);
    if (!as_of)
      return Fail(Status::InvalidArgument(
          fmt::format("--as-of '{}' is not a date", gen_as_of)));
    demo::GeneratorOptions options;
    options.out_dir = gen_out;
    options.seed = gen_seed;
    options.residents = gen_residents;
    options.as_of = *as_of;
    demo::GeneratorReport report;
    auto started = std::chrono::steady_clock::now();
    Status s = demo::GenerateCounty(options, &report);
    if (!s.ok()) return Fail(s);
    std::printf(
        "generated %d residents, %d roll members in %d cases into %s in %.2f "
        "s\n",
        report.residents, report.roll_members, report.cases, gen_out.c_str(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                      started)
            .count());
    return 0;
  }

  if (*ingest) {
    std::vector<std::pair<std::string, std::string>> pairs;
    if (!files.empty() && mapping_path.empty()) {
      return Fail(Status::InvalidArgument(
          "files given without --mapping (or use --feed MAPPING=FILE)"));
    }
    for (const std::string& file : files)
      pairs.emplace_back(mapping_path, file);
    for (const std::string& pair : feed_pairs) {
      size_t eq = pair.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
        return Fail(Status::InvalidArgument(
            fmt::format("--feed '{}' must be MAPPING=FILE", pair)));
      }
      pairs.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
    if (pairs.empty())
      return Fail(Status::InvalidArgument(
          "nothing to ingest: give --mapping M FILE… or --feed M=FILE"));
    StatusOr<std::unique_ptr<Index>> index =
        Index::Open(data_dir, Index::Mode::kReadWrite);
    if (!index.ok()) return Fail(index.status());
    Status s = IngestPairs(index->get(), pairs, nullptr);
    if (s.ok() && !no_compact) s = Compact(index->get(), false);
    return s.ok() ? 0 : Fail(s);
  }

  if (*compact) {
    StatusOr<std::unique_ptr<Index>> index =
        Index::Open(data_dir, Index::Mode::kReadWrite);
    if (!index.ok()) return Fail(index.status());
    Status s = Compact(index->get(), true);
    return s.ok() ? 0 : Fail(s);
  }

  if (*run) {
    auto as_of = ParseAsOf(as_of_text);
    if (!as_of)
      return Fail(Status::InvalidArgument(
          fmt::format("--as-of '{}' is not a date (YYYY-MM-DD)", as_of_text)));
    Status s = RunAndWrite(data_dir, rules_path, *as_of, out_dir, nullptr,
                           run_incremental);
    return s.ok() ? 0 : Fail(s);
  }

  if (*check) {
    Date as_of;
    if (as_of_text.empty()) {
      std::time_t now = std::time(nullptr);
      std::tm tm;
      localtime_r(&now, &tm);
      as_of = Date::FromYmd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    } else if (auto d = ParseAsOf(as_of_text)) {
      as_of = *d;
    } else {
      return Fail(Status::InvalidArgument(
          fmt::format("--as-of '{}' is not a date (YYYY-MM-DD)", as_of_text)));
    }
    StatusOr<Rules> rules = LoadRules(rules_path);
    if (!rules.ok()) return Fail(rules.status());
    StatusOr<std::unique_ptr<Index>> index =
        Index::Open(data_dir, Index::Mode::kReadOnly);
    if (!index.ok()) return Fail(index.status());
    auto checker = PointChecker::Create(**index, *rules, as_of);
    if (!checker.ok()) return Fail(checker.status());
    int flagged = 0;
    for (const std::string& raw : check_ids) {
      StatusOr<PointCheckResult> r = (*checker)->Check(raw);
      if (!r.ok()) return Fail(r.status());
      const Household& h = r->household;
      if (check_json) {
        for (const Flag& f : r->flags)
          std::printf("%s\n", FlagToJson((*checker)->context(), h, f).c_str());
      } else {
        const std::string& name =
            h.members.empty() ? std::string()
                              : h.members[0].roll.field(field::kRollName);
        if (r->on_roll) {
          std::printf(
              "%s: on the roll, case %s (%s %s), %zu member(s), as of %s\n",
              r->id_number.c_str(), h.case_id.c_str(), h.township.c_str(),
              h.village.c_str(), h.members.size(), as_of.ToString().c_str());
        } else {
          std::printf(
              "%s%s%s: not on the roll; checked as an applicant, as of %s\n",
              r->id_number.c_str(), name.empty() ? "" : " ", name.c_str(),
              as_of.ToString().c_str());
        }
        if (r->flags.empty())
          std::printf("  no ground flags this person or their case\n");
        for (const Flag& f : r->flags) {
          const Member& m = h.members[f.member];
          std::printf("  %-10s %s %s since %s, %s 元: %s\n",
                      std::string(f.rule).c_str(),
                      m.roll.field(field::kRollIdNumber).c_str(),
                      m.roll.field(field::kRollName).c_str(),
                      f.since.ToString().c_str(),
                      FormatFen(f.amount_fen).c_str(), f.reason.c_str());
          for (const SourceRecord& e : f.evidence) {
            auto b = (*checker)->context().batches.find(e.key.batch);
            std::printf("             evidence: %s %s:%u\n",
                        std::string(GetFeedSpec(e.kind).name).c_str(),
                        b == (*checker)->context().batches.end()
                            ? "?"
                            : b->second.file.c_str(),
                        e.key.line);
          }
        }
      }
      flagged += !r->flags.empty();
    }
    return flagged ? 3 : 0;
  }

  if (*explain) {
    auto as_of = ParseAsOf(as_of_text);
    if (!as_of)
      return Fail(Status::InvalidArgument(
          fmt::format("--as-of '{}' is not a date (YYYY-MM-DD)", as_of_text)));
    Status s = Explain(data_dir, rules_path, *as_of, explain_case);
    return s.ok() ? 0 : Fail(s);
  }

  if (*runs) {
    std::vector<RunRecord> list = RunLog(data_dir).List();
    std::printf("%-5s %-20s %-10s %7s %8s  %-16s %-8s %-14s %s\n", "run",
                "started_at", "as_of", "flags", "seconds", "rules_xxh64",
                "engine", "batches", "rules");
    for (const RunRecord& r : list) {
      std::string b;
      for (uint32_t n : r.batches)
        b += fmt::format("{}{}", b.empty() ? "" : ",", n);
      std::printf("%-5u %-20s %-10s %7llu %8.2f  %016llx %-8s %-14s %s\n",
                  r.number, r.started_at.c_str(), r.as_of.c_str(),
                  static_cast<unsigned long long>(r.flags), r.seconds,
                  static_cast<unsigned long long>(r.rules_hash),
                  r.engine_version.c_str(), b.c_str(), r.rules_path.c_str());
    }
    if (list.empty())
      std::printf("(no runs recorded in %s)\n", data_dir.c_str());
    return 0;
  }

  if (*batches) {
    StatusOr<std::unique_ptr<Index>> index =
        Index::Open(data_dir, Index::Mode::kReadOnly);
    if (!index.ok()) return Fail(index.status());
    std::printf("%-6s %-11s %10s %10s %11s  %-16s  %-20s  %-8s %-8s %s\n",
                "batch", "kind", "read", "accepted", "quarantined", "xxh3",
                "ingested_at", "mode", "state", "file");
    for (const BatchInfo& b : (*index)->ListBatches()) {
      std::string state = b.superseded_by
                              ? fmt::format("replaced-by-{}", b.superseded_by)
                              : "live";
      std::printf(
          "%-6u %-11s %10llu %10llu %11llu  %016llx  %-20s  %-8s %-8s %s\n",
          b.number, std::string(GetFeedSpec(b.kind).name).c_str(),
          static_cast<unsigned long long>(b.read),
          static_cast<unsigned long long>(b.accepted),
          static_cast<unsigned long long>(b.quarantined),
          static_cast<unsigned long long>(b.content_hash),
          b.ingested_at.c_str(), b.mode.c_str(), state.c_str(), b.file.c_str());
    }
    return 0;
  }

  if (*score) {
    StatusOr<demo::Score> result = demo::ScoreCases(score_cases, score_truth);
    if (!result.ok()) return Fail(result.status());
    std::printf("%s", demo::FormatScore(*result).c_str());
    for (const std::string& d : result->differences)
      std::printf("  %s\n", d.c_str());
    return 0;
  }

  if (*demo) {
    auto as_of = ParseAsOf(demo_as_of);
    if (!as_of)
      return Fail(Status::InvalidArgument(
          fmt::format("--as-of '{}' is not a date", demo_as_of)));
    std::string feeds_dir = demo_dir + "/feeds";
    std::string data = demo_dir + "/data";
    std::error_code ec;
    fs::remove_all(data, ec);  // the demo starts from an empty index each time
    auto t0 = std::chrono::steady_clock::now();
    demo::GeneratorOptions options;
    options.out_dir = feeds_dir;
    options.residents = demo_residents;
    options.as_of = *as_of;
    demo::GeneratorReport report;
    Status s = demo::GenerateCounty(options, &report);
    if (!s.ok()) return Fail(s);
    auto t1 = std::chrono::steady_clock::now();
    std::printf(
        "Demo county: %d residents, %d roll members in %d cases (generated in "
        "%.2f s)\n\n",
        report.residents, report.roll_members, report.cases,
        std::chrono::duration<double>(t1 - t0).count());
    StatusOr<std::unique_ptr<Index>> index =
        Index::Open(data, Index::Mode::kReadWrite);
    if (!index.ok()) return Fail(index.status());
    uint64_t bytes = 0;
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const demo::DemoFeed& feed : demo::kDemoFeeds) {
      pairs.emplace_back(
          fmt::format("{}/feeds/demo/{}.toml", configs, feed.kind),
          fmt::format("{}/{}", feeds_dir, feed.file));
    }
    s = IngestPairs(index->get(), pairs, &bytes);
    if (!s.ok()) return Fail(s);
    index->reset();  // the run opens the index read-only
    auto t2 = std::chrono::steady_clock::now();
    RunResult result;
    s = RunAndWrite(data, configs + "/rules/demo.toml", *as_of,
                    demo_dir + "/reports", &result);
    if (!s.ok()) return Fail(s);
    auto t3 = std::chrono::steady_clock::now();
    StatusOr<demo::Score> sc = demo::ScoreCases(
        demo_dir + "/reports/cases.ndjson", feeds_dir + "/truth.ndjson");
    if (!sc.ok()) return Fail(sc.status());
    std::printf("\nAgainst the generator's ground truth:\n%s",
                demo::FormatScore(*sc).c_str());
    for (const std::string& d : sc->differences)
      std::printf("  %s\n", d.c_str());
    std::printf("\nIngest %.2f s + cross-check %.2f s = %.2f s\n",
                std::chrono::duration<double>(t2 - t1).count(),
                std::chrono::duration<double>(t3 - t2).count(),
                std::chrono::duration<double>(t3 - t1).count());
    return 0;
  }
  return 0;
}
