#include "engine/case_output.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "engine/id_number.h"

namespace hedui {

namespace {

std::string Json(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out += "\"";
  return out;
}

std::string Csv(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"";
    out.push_back(c);
  }
  return out + "\"";
}

std::string BatchFile(const RunResult& result, uint32_t batch) {
  auto it = result.batches.find(batch);
  return it == result.batches.end() ? std::string() : it->second.file;
}

// Display width: CJK and full-width characters take two columns.
size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      w += 1;
      i += 1;
    } else if (c < 0xE0) {
      w += 1;
      i += 2;
    } else if (c < 0xF0) {
      w += 2;
      i += 3;
    } else {
      w += 2;
      i += 4;
    }
  }
  return w;
}

}  // namespace

std::string FlagToJson(const RunResult& result, const Household& household, const Flag& flag) {
  const Member& m = household.members[flag.member];
  std::string line = fmt::format(
      "{{\"rule\":{},\"matcher_version\":{},\"case_id\":{},\"id_number\":{},\"name\":{},\"township\":{},"
      "\"village\":{},\"since\":\"{}\",\"amount\":\"{}\",\"scope\":\"{}\",\"reason\":{},\"params\":{},"
      "\"evidence\":[",
      Json(flag.rule), flag.matcher_version, Json(household.case_id), Json(m.roll.field(field::kRollIdNumber)),
      Json(m.roll.field(field::kRollName)), Json(household.township), Json(household.village),
      flag.since.ToString(), FormatFen(flag.amount_fen), flag.scope == FlagScope::kCase ? "case" : "member",
      Json(flag.reason), flag.params.empty() ? "{}" : flag.params);
  for (size_t e = 0; e < flag.evidence.size(); ++e) {
    const SourceRecord& r = flag.evidence[e];
    const FeedSpec& spec = GetFeedSpec(r.kind);
    line += fmt::format("{}{{\"feed\":\"{}\",\"batch\":{},\"file\":{},\"line\":{},\"values\":{{", e ? "," : "",
                        spec.name, r.key.batch, Json(BatchFile(result, r.key.batch)), r.key.line);
    bool first = true;
    for (size_t f = 0; f < r.fields.size() && f < spec.fields.size(); ++f) {
      if (r.fields[f].empty()) continue;
      line += fmt::format("{}{}:{}", first ? "" : ",", Json(spec.fields[f].name), Json(r.fields[f]));
      first = false;
    }
    line += "}}";
  }
  line += "]}";
  return line;
}

std::vector<SummaryRow> Summarise(const RunResult& result) {
  struct Acc {
    size_t flags = 0;
    std::set<std::string> cases;
    int64_t member_amount = 0;
    std::map<std::string, int64_t> case_amount;  // max per case
  };
  std::map<std::pair<std::string, std::string>, Acc> acc;
  for (size_t h = 0; h < result.households.size(); ++h) {
    const Household& household = result.households[h];
    for (const Flag& flag : result.flags[h]) {
      for (const std::string& township : {household.township, std::string("(all)")}) {
        Acc& a = acc[{std::string(flag.rule), township}];
        ++a.flags;
        a.cases.insert(household.case_id);
        if (flag.scope == FlagScope::kMember) {
          a.member_amount += flag.amount_fen;
        } else {
          int64_t& v = a.case_amount[household.case_id];
          v = std::max(v, flag.amount_fen);
        }
      }
    }
  }
  std::vector<SummaryRow> rows;
  for (auto& [key, a] : acc) {
    SummaryRow row;
    row.rule = key.first;
    row.township = key.second;
    row.flags = a.flags;
    row.cases = a.cases.size();
    row.amount_fen = a.member_amount;
    for (const auto& [c, v] : a.case_amount) row.amount_fen += v;
    rows.push_back(std::move(row));
  }
  // Per rule: townships in name order, then the rule's total.
  std::stable_sort(rows.begin(), rows.end(), [](const SummaryRow& a, const SummaryRow& b) {
    if (a.rule != b.rule) return a.rule < b.rule;
    return (a.township == "(all)") < (b.township == "(all)");
  });
  return rows;
}

std::string FormatSummaryTable(const std::vector<SummaryRow>& rows) {
  std::vector<std::array<std::string, 5>> cells;
  cells.push_back({"ground", "township", "flags", "cases", "amount (元)"});
  for (const SummaryRow& r : rows) {
    cells.push_back({r.rule, r.township, std::to_string(r.flags), std::to_string(r.cases), FormatFen(r.amount_fen)});
  }
  size_t width[5] = {};
  for (const auto& row : cells) {
    for (int c = 0; c < 5; ++c) width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    for (int c = 0; c < 5; ++c) {
      size_t pad = width[c] - DisplayWidth(cells[i][c]);
      if (c >= 2) out.append(pad, ' ');
      out += cells[i][c];
      if (c < 2) out.append(pad, ' ');
      out += c < 4 ? "  " : "\n";
    }
    if (i == 0) {
      size_t total = 8;
      for (size_t w : width) total += w;
      out.append(total, '-');
      out += "\n";
    }
  }
  if (rows.empty()) out += "(no flags)\n";
  return out;
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return Status::IOError(fmt::format("{}: cannot write: {}", tmp, std::strerror(errno)));
  bool ok = std::fwrite(contents.data(), 1, contents.size(), f) == contents.size();
  ok = (std::fflush(f) == 0) && ok;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IOError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IOError(fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  return Status::OK();
}

Status WriteCaseFiles(const RunResult& result, const std::string& out_dir) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Status::IOError(fmt::format("{}: cannot create: {}", out_dir, ec.message()));
  std::string ndjson, csv = "\xEF\xBB\xBF" "rule,case_id,id_number,name,township,village,since,amount,scope,reason,evidence\n";
  for (size_t h = 0; h < result.households.size(); ++h) {
    const Household& household = result.households[h];
    for (const Flag& flag : result.flags[h]) {
      ndjson += FlagToJson(result, household, flag);
      ndjson += '\n';
      const Member& m = household.members[flag.member];
      std::string evidence;
      for (const SourceRecord& r : flag.evidence) {
        evidence += fmt::format("{}{} {}:{}", evidence.empty() ? "" : "; ", GetFeedSpec(r.kind).name,
                                BatchFile(result, r.key.batch), r.key.line);
      }
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", flag.rule, Csv(household.case_id),
                         m.roll.field(field::kRollIdNumber), Csv(m.roll.field(field::kRollName)),
                         Csv(household.township), Csv(household.village), flag.since.ToString(),
                         FormatFen(flag.amount_fen), flag.scope == FlagScope::kCase ? "case" : "member",
                         Csv(flag.reason), Csv(evidence));
    }
  }
  std::string summary = "rule\ttownship\tflags\tcases\tamount\n";
  for (const SummaryRow& r : Summarise(result)) {
    summary += fmt::format("{}\t{}\t{}\t{}\t{}\n", r.rule, r.township, r.flags, r.cases, FormatFen(r.amount_fen));
  }
  HEDUI_RETURN_IF_ERROR(WriteFileAtomically(out_dir + "/cases.ndjson", ndjson));
  HEDUI_RETURN_IF_ERROR(WriteFileAtomically(out_dir + "/cases.csv", csv));
  HEDUI_RETURN_IF_ERROR(WriteFileAtomically(out_dir + "/summary.tsv", summary));
  return Status::OK();
}

}  // namespace hedui
