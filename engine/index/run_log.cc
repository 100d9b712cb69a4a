#include "engine/index/run_log.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <simdjson.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "engine/base/files.h"
#include "engine/base/private_files.h"

namespace hedui {

namespace fs = std::filesystem;

std::string FlagId(std::string_view rule, std::string_view case_id,
                   std::string_view id_number) {
  std::string key = fmt::format("{}\x1f{}\x1f{}", rule, case_id, id_number);
  return fmt::format("F{:016x}", XXH64(key.data(), key.size(), 0));
}

std::string RunRecordToJson(const RunRecord& r) {
  std::string batches;
  for (uint32_t b : r.batches)
    batches += fmt::format("{}{}", batches.empty() ? "" : ",", b);
  auto quote = [](std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    return out + "\"";
  };
  return fmt::format(
      "{{\"run\":{},\"started_at\":{},\"as_of\":{},\"rules\":{},\"rules_"
      "xxh64\":\"{:016x}\",\"engine\":{},"
      "\"batches\":[{}],\"seconds\":{:.3f},\"flags\":{},\"out\":{}}}\n",
      r.number, quote(r.started_at), quote(r.as_of), quote(r.rules_path),
      r.rules_hash, quote(r.engine_version), batches, r.seconds, r.flags,
      quote(r.out_dir));
}

namespace {

bool ParseRecord(const std::string& path, RunRecord* r) {
  simdjson::padded_string text;
  if (simdjson::padded_string::load(path).get(text)) return false;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(text).get(doc)) return false;
  uint64_t u;
  std::string_view s;
  double d;
  if (doc["run"].get(u)) return false;
  r->number = static_cast<uint32_t>(u);
  if (!doc["started_at"].get(s)) r->started_at = s;
  if (!doc["as_of"].get(s)) r->as_of = s;
  if (!doc["rules"].get(s)) r->rules_path = s;
  if (!doc["rules_xxh64"].get(s))
    r->rules_hash = std::stoull(std::string(s), nullptr, 16);
  if (!doc["engine"].get(s)) r->engine_version = s;
  simdjson::dom::array batches;
  if (!doc["batches"].get(batches)) {
    for (simdjson::dom::element b : batches)
      r->batches.push_back(static_cast<uint32_t>(uint64_t(b)));
  }
  if (!doc["seconds"].get(d)) r->seconds = d;
  if (!doc["flags"].get(u)) r->flags = u;
  if (!doc["out"].get(s)) r->out_dir = s;
  return true;
}

std::string RecordPath(const std::string& dir, uint32_t n) {
  return fmt::format("{}/run-{:06}.json", dir, n);
}
std::string FlagsPath(const std::string& dir, uint32_t n) {
  return fmt::format("{}/run-{:06}.flags.tsv", dir, n);
}

}  // namespace

std::vector<RunRecord> RunLog::List() const {
  std::vector<RunRecord> runs;
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return runs;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() != 15 || name.rfind("run-", 0) != 0 ||
        entry.path().extension() != ".json")
      continue;
    RunRecord r;
    if (ParseRecord(entry.path().string(), &r)) runs.push_back(std::move(r));
  }
  std::sort(runs.begin(), runs.end(),
            [](const RunRecord& a, const RunRecord& b) {
              return a.number < b.number;
            });
  return runs;
}

std::optional<RunRecord> RunLog::Last() const {
  std::vector<RunRecord> runs = List();
  if (runs.empty()) return std::nullopt;
  return runs.back();
}

StatusOr<std::vector<FlagKey>> RunLog::FlagsOf(uint32_t run) const {
  std::ifstream in(FlagsPath(dir_, run));
  if (!in)
    return Status::NotFound(
        fmt::format("{}: cannot read", FlagsPath(dir_, run)));
  std::vector<FlagKey> flags;
  std::string line;
  while (std::getline(in, line)) {
    std::stringstream s(line);
    FlagKey k;
    if (std::getline(s, k.flag_id, '\t') && std::getline(s, k.rule, '\t') &&
        std::getline(s, k.case_id, '\t') &&
        std::getline(s, k.id_number, '\t')) {
      flags.push_back(std::move(k));
    }
  }
  return flags;
}

StatusOr<FlagChanges> RunLog::Compare(const std::vector<FlagKey>& flags) const {
  FlagChanges changes;
  changes.previous = Last();
  std::vector<FlagKey> before;
  if (changes.previous) {
    StatusOr<std::vector<FlagKey>> loaded = FlagsOf(changes.previous->number);
    if (!loaded.ok()) return loaded.status();
    before = std::move(loaded.value());
  }
  std::set<std::string> old_ids, new_ids;
  for (const FlagKey& k : before) old_ids.insert(k.flag_id);
  for (const FlagKey& k : flags) {
    new_ids.insert(k.flag_id);
    (old_ids.count(k.flag_id) ? changes.standing : changes.added).push_back(k);
  }
  for (const FlagKey& k : before) {
    if (!new_ids.count(k.flag_id)) changes.gone.push_back(k);
  }
  return changes;
}

std::string RunLog::ResultsPath(uint32_t number) const {
  return fmt::format("{}/run-{:06}.results", dir_, number);
}

std::string RunLog::CasesPath(uint32_t number) const {
  return fmt::format("{}/run-{:06}.cases.ndjson", dir_, number);
}

std::string RunLog::RulesCopyPath(uint64_t rules_hash) const {
  return fmt::format("{}/rules-{:016x}.toml", dir_, rules_hash);
}

Status RunLog::KeepRules(uint64_t rules_hash, std::string_view content) const {
  HEDUI_RETURN_IF_ERROR(MakePrivateDirectory(dir_));
  std::string path = RulesCopyPath(rules_hash);
  std::error_code ec;
  // The name is the content's hash: a copy there already holds it.
  if (fs::exists(path, ec)) return Status::OK();
  return WriteFileAtomically(path, content, 0600);
}

Status RunLog::Record(RunRecord* record, const std::vector<FlagKey>& flags,
                      std::string_view results, std::string_view cases) const {
  std::error_code ec;
  HEDUI_RETURN_IF_ERROR(MakePrivateDirectory(dir_));
  std::optional<RunRecord> last = Last();
  uint32_t number = last ? last->number + 1 : 1;
  std::string flag_lines;
  for (const FlagKey& k : flags)
    flag_lines += fmt::format("{}\t{}\t{}\t{}\n", k.flag_id, k.rule, k.case_id,
                              k.id_number);
  // The flag list claims the number (link() fails on an existing name, so
  // a run recording at the same moment takes the next one); the record,
  // written last, makes the run count. A list without a record is what a
  // killed run left: it is replaced.
  for (int attempt = 0; attempt < 100; ++attempt) {
    record->number = number;
    std::string tmp = fmt::format("{}/.claim-{}-{}", dir_, number, getpid());
    HEDUI_RETURN_IF_ERROR(WriteFileAtomically(tmp, flag_lines));
    int rc = link(tmp.c_str(), FlagsPath(dir_, number).c_str());
    int saved = errno;
    unlink(tmp.c_str());
    if (rc != 0) {
      if (saved != EEXIST) {
        return Status::IOError(fmt::format("{}: cannot write: {}",
                                           FlagsPath(dir_, number),
                                           std::strerror(saved)));
      }
      if (!fs::exists(RecordPath(dir_, number), ec)) {
        fs::remove(FlagsPath(dir_, number), ec);
      } else {
        ++number;
      }
      continue;
    }
    // Results of an earlier killed run under this number are overwritten.
    if (!results.empty())
      HEDUI_RETURN_IF_ERROR(WriteFileAtomically(ResultsPath(number), results));
    if (!cases.empty())
      HEDUI_RETURN_IF_ERROR(WriteFileAtomically(CasesPath(number), cases));
    return WriteFileAtomically(RecordPath(dir_, number),
                               RunRecordToJson(*record));
  }
  return Status::IOError(
      fmt::format("{}: cannot find a free run number", dir_));
}

}  // namespace hedui
