#include "engine/demo/score.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <set>
#include <tuple>

namespace hedui::demo {

namespace {

struct Line {
  std::string rule, case_id, id_number, since, amount;
  std::string group_id, group_cases;  // the cases joined by ","
  bool counts_in_total = true;
};

Status ReadLines(
    const std::string& path,
    std::map<std::tuple<std::string, std::string, std::string>, Line>* out) {
  simdjson::padded_string text;
  if (simdjson::padded_string::load(path).get(text))
    return Status::IOError(fmt::format("{}: cannot read", path));
  simdjson::dom::parser parser;
  size_t start = 0;
  std::string_view all = text;
  size_t number = 0;
  while (start < all.size()) {
    size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    std::string_view row = all.substr(start, end - start);
    start = end + 1;
    ++number;
    if (row.empty()) continue;
    simdjson::dom::element doc;
    if (parser.parse(row.data(), row.size()).get(doc)) {
      return Status::Corruption(fmt::format("{}:{}: not JSON", path, number));
    }
    Line line;
    std::string_view s;
    if (!doc["rule"].get(s)) line.rule = s;
    if (!doc["case_id"].get(s)) line.case_id = s;
    if (!doc["id_number"].get(s)) line.id_number = s;
    if (!doc["since"].get(s)) line.since = s;
    if (!doc["amount"].get(s)) line.amount = s;
    if (!doc["group_id"].get(s)) line.group_id = s;
    simdjson::dom::array cases;
    if (!doc["group_cases"].get(cases)) {
      for (simdjson::dom::element c : cases) {
        if (c.get(s)) continue;
        line.group_cases += (line.group_cases.empty() ? "" : ",");
        line.group_cases += s;
      }
    }
    bool counts = true;
    if (!doc["counts_in_total"].get(counts)) line.counts_in_total = counts;
    (*out)[{line.rule, line.case_id, line.id_number}] = line;
  }
  return Status::OK();
}

}  // namespace

StatusOr<Score> ScoreCases(const std::string& cases_ndjson,
                           const std::string& truth_ndjson) {
  std::map<std::tuple<std::string, std::string, std::string>, Line> flagged,
      truth;
  HEDUI_RETURN_IF_ERROR(ReadLines(cases_ndjson, &flagged));
  HEDUI_RETURN_IF_ERROR(ReadLines(truth_ndjson, &truth));
  Score score;
  // (rule, group's cases) → the group_id of its first flag seen.
  std::map<std::pair<std::string, std::string>, std::string> group_ids;
  for (const auto& [key, t] : truth) {
    RuleScore& r = score.by_rule[t.rule];
    ++r.expected;
    auto it = flagged.find(key);
    if (it == flagged.end()) {
      if (score.differences.size() < 20) {
        score.differences.push_back(fmt::format(
            "missed {} case {} id {}", t.rule, t.case_id, t.id_number));
      }
      continue;
    }
    ++r.true_positives;
    if (it->second.since != t.since) {
      ++r.since_mismatches;
      if (score.differences.size() < 20) {
        score.differences.push_back(
            fmt::format("{} case {} id {}: since {} expected {}", t.rule,
                        t.case_id, t.id_number, it->second.since, t.since));
      }
    }
    const Line& f = it->second;
    bool group_ok = f.group_cases == t.group_cases &&
                    f.counts_in_total == t.counts_in_total;
    if (group_ok && !t.group_cases.empty()) {
      auto [g, fresh] =
          group_ids.try_emplace({t.rule, t.group_cases}, f.group_id);
      group_ok = !f.group_id.empty() && g->second == f.group_id;
    }
    if (!group_ok) {
      ++r.group_mismatches;
      if (score.differences.size() < 20) {
        score.differences.push_back(fmt::format(
            "{} case {} id {}: group {} [{}] counted {} expected [{}] counted "
            "{}",
            t.rule, t.case_id, t.id_number, f.group_id, f.group_cases,
            f.counts_in_total, t.group_cases, t.counts_in_total));
      }
    }
    if (it->second.amount != t.amount) {
      ++r.amount_mismatches;
      if (score.differences.size() < 20) {
        score.differences.push_back(
            fmt::format("{} case {} id {}: amount {} expected {}", t.rule,
                        t.case_id, t.id_number, it->second.amount, t.amount));
      }
    }
  }
  for (const auto& [key, f] : flagged) {
    RuleScore& r = score.by_rule[f.rule];
    ++r.flagged;
    if (!truth.count(key) && score.differences.size() < 20) {
      score.differences.push_back(fmt::format("false flag {} case {} id {}",
                                              f.rule, f.case_id, f.id_number));
    }
  }
  return score;
}

std::string FormatScore(const Score& score) {
  std::string out =
      "rule        expected  flagged  precision  recall  since≠  amount≠  "
      "group≠\n";
  for (const auto& [rule, r] : score.by_rule) {
    out += fmt::format(
        "{:<10}  {:>8}  {:>7}  {:>9.4f}  {:>6.4f}  {:>6}  {:>7}  {:>6}\n", rule,
        r.expected, r.flagged, r.precision(), r.recall(), r.since_mismatches,
        r.amount_mismatches, r.group_mismatches);
  }
  return out;
}

}  // namespace hedui::demo
