#include "engine/cases/case_output.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "engine/base/csv.h"
#include "engine/base/files.h"
#include "engine/base/id_number.h"
#include "engine/base/json.h"
#include "engine/base/private_files.h"
#include "engine/base/text.h"
#include "engine/index/run_log.h"

namespace hedui {

namespace {

// cases.csv is the file the README offers for spreadsheets: every text
// field, department values above all, goes through the formula guard.
std::string Csv(std::string_view s) { return CsvText(s); }

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

// What stops per month if the flag is confirmed (hedui/case_model.h); a flag
// no matcher priced (none should reach here) shows 0.00, never -0.01.
int64_t AtStake(const Flag& flag) {
  return std::max<int64_t>(0, flag.monthly_at_stake_fen);
}

}  // namespace

std::string FlagToJson(const RunResult& result, const Household& household,
                       const Flag& flag) {
  const Member& m = household.members[flag.member];
  std::string line = fmt::format(
      "{{\"flag_id\":\"{}\",\"rule\":{},\"matcher_version\":{},\"case_id\":{},"
      "\"id_number\":{},\"name\":{},"
      "\"township\":{},"
      "\"village\":{},\"since\":\"{}\",\"amount\":\"{}\","
      "\"monthly_at_stake\":\"{}\",\"scope\":\"{}\","
      "\"reason\":{},\"params\":{},"
      "\"evidence\":[",
      FlagId(flag.rule, household.case_id, m.roll.field(field::kRollIdNumber)),
      JsonQuote(flag.rule), flag.matcher_version, JsonQuote(household.case_id),
      JsonQuote(m.roll.field(field::kRollIdNumber)),
      JsonQuote(m.roll.field(field::kRollName)), JsonQuote(household.township),
      JsonQuote(household.village), flag.since.ToString(),
      FormatFen(flag.amount_fen), FormatFen(AtStake(flag)),
      flag.scope == FlagScope::kCase ? "case" : "member",
      JsonQuote(flag.reason), flag.params.empty() ? "{}" : flag.params);
  for (size_t e = 0; e < flag.evidence.size(); ++e) {
    const SourceRecord& r = flag.evidence[e];
    const FeedSpec& spec = GetFeedSpec(r.kind);
    line += fmt::format(
        "{}{{\"feed\":\"{}\",\"batch\":{},\"file\":{},\"line\":{},\"values\":{"
        "{",
        e ? "," : "", spec.name, r.key.batch,
        JsonQuote(BatchFile(result, r.key.batch)), r.key.line);
    bool first = true;
    for (size_t f = 0; f < r.fields.size() && f < spec.fields.size(); ++f) {
      if (r.fields[f].empty()) continue;
      line +=
          fmt::format("{}{}:{}", first ? "" : ",",
                      JsonQuote(spec.fields[f].name), JsonQuote(r.fields[f]));
      first = false;
    }
    line += "}}";
  }
  // The money month by month ([month, amount]; they add up to "amount").
  line += "],\"months\":[";
  for (size_t i = 0; i < flag.months.size(); ++i) {
    const MonthMoney& m = flag.months[i];
    line += fmt::format("{}[\"{:04d}-{:02d}\",\"{}\"]", i ? "," : "",
                        m.month / 12, m.month % 12 + 1, FormatFen(m.fen));
  }
  line += "]";
  // A group of cases (SPLIT, DUPLICATE, PAYMENT): its id, its cases, and
  // whether this flag's amount adds to the totals (false on the group's
  // first case). Absent on the other grounds.
  if (!flag.group_id.empty()) {
    line +=
        fmt::format(",\"group_id\":\"{}\",\"group_cases\":[", flag.group_id);
    for (size_t i = 0; i < flag.group_cases.size(); ++i) {
      if (i) line += ',';
      line += JsonQuote(flag.group_cases[i]);
    }
    line += fmt::format("],\"counts_in_total\":{}",
                        flag.counts_in_total ? "true" : "false");
  }
  line += "}";
  return line;
}

std::vector<SummaryRow> Summarise(const RunResult& result) {
  struct Acc {
    size_t flags = 0;
    std::set<std::string> cases;
    int64_t member_amount = 0;
    std::map<std::string, int64_t> case_amount;  // max per case
    std::set<std::string> groups;
    // monthly_at_stake, summed the way the amount is.
    int64_t member_monthly = 0;
    std::map<std::string, int64_t> case_monthly;  // max per case
  };
  std::map<std::pair<std::string, std::string>, Acc> acc;
  for (size_t h = 0; h < result.households.size(); ++h) {
    const Household& household = result.households[h];
    for (const Flag& flag : result.flags[h]) {
      for (const std::string& township :
           {household.township, std::string("(all)")}) {
        Acc& a = acc[{std::string(flag.rule), township}];
        ++a.flags;
        a.cases.insert(household.case_id);
        if (!flag.group_id.empty()) a.groups.insert(flag.group_id);
        // A group's first case shows its money but the group counts once,
        // on its later cases.
        if (!flag.counts_in_total) {
          a.case_amount.try_emplace(household.case_id, 0);
        } else if (flag.scope == FlagScope::kMember) {
          a.member_amount += flag.amount_fen;
        } else {
          int64_t& v = a.case_amount[household.case_id];
          v = std::max(v, flag.amount_fen);
        }
        if (!flag.counts_in_total) {
          a.case_monthly.try_emplace(household.case_id, 0);
        } else if (flag.scope == FlagScope::kMember) {
          a.member_monthly += AtStake(flag);
        } else {
          int64_t& v = a.case_monthly[household.case_id];
          v = std::max(v, AtStake(flag));
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
    row.groups = a.groups.size();
    for (const auto& [c, v] : a.case_amount) row.amount_fen += v;
    row.monthly_at_stake_fen = a.member_monthly;
    for (const auto& [c, v] : a.case_monthly) row.monthly_at_stake_fen += v;
    rows.push_back(std::move(row));
  }
  // Per rule: townships in name order, then the rule's total.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const SummaryRow& a, const SummaryRow& b) {
                     if (a.rule != b.rule) return a.rule < b.rule;
                     return (a.township == "(all)") < (b.township == "(all)");
                   });
  return rows;
}

std::string SummaryJson(const RunResult& result) {
  size_t flags = 0;
  for (const auto& f : result.flags) flags += f.size();
  std::string out = fmt::format(
      "{{\"as_of\":\"{}\",\"rules\":{},\"county\":{},\"cases\":{},\"members\":{"
      "},\"flags\":{},"
      "\"reviews_due\":{},\"by_ground_and_township\":[",
      result.as_of.ToString(),
      JsonQuote(result.rules ? result.rules->path : ""),
      JsonQuote(result.rules ? result.rules->county : ""),
      result.households.size(), result.roll_members, flags,
      result.reviews.size());
  std::string totals;
  bool first = true;
  for (const SummaryRow& r : Summarise(result)) {
    std::string row = fmt::format(
        "{{\"rule\":{},\"township\":{},\"flags\":{},\"cases\":{},\"groups\":{},"
        "\"amount\":\"{}\",\"monthly_at_stake\":\"{}\"}}",
        JsonQuote(r.rule), JsonQuote(r.township), r.flags, r.cases, r.groups,
        FormatFen(r.amount_fen), FormatFen(r.monthly_at_stake_fen));
    if (r.township == "(all)") {
      totals += fmt::format(
          "{}{}:{{\"flags\":{},\"cases\":{},\"groups\":{},"
          "\"amount\":\"{}\",\"monthly_at_stake\":\"{}\"}}",
          totals.empty() ? "" : ",", JsonQuote(r.rule), r.flags, r.cases,
          r.groups, FormatFen(r.amount_fen), FormatFen(r.monthly_at_stake_fen));
      continue;
    }
    if (!first) out += ",";
    out += row;
    first = false;
  }
  out += "],\"totals\":{";
  out += totals;
  out += "},\"notes\":[";
  for (size_t i = 0; i < result.notes.size(); ++i) {
    if (i) out += ",";
    out += JsonQuote(result.notes[i]);
  }
  out += "]}\n";
  return out;
}

std::string ReviewsTsv(const RunResult& result) {
  std::string out =
      "case_id\ttownship\tvillage\tcategory\tevery_months\tenrolled_on\tdue\n";
  for (const ReviewDue& r : result.reviews) {
    const Household& h = result.households[r.household];
    out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{:04d}-{:02d}\n", h.case_id,
                       h.township, h.village, h.category, r.every_months,
                       h.has_enrolled_on ? h.enrolled_on.ToString() : "",
                       result.as_of.year(), result.as_of.month());
  }
  return out;
}

std::string FormatExplain(const RunResult& result, size_t index) {
  const Household& h = result.households[index];
  std::string out = fmt::format(
      "Case {} — {} {}, zone {}, category {}, enrolled {}\n", h.case_id,
      h.township, h.village, h.zone.empty() ? "?" : h.zone,
      h.category.empty() ? "?" : h.category,
      h.has_enrolled_on ? h.enrolled_on.ToString() : "?");
  out += fmt::format(
      "Monthly amount {} 元; declared per-capita income {}; payment account "
      "{}\n",
      FormatFen(h.monthly_fen),
      h.has_declared_income ? FormatFen(h.declared_income_fen) + " 元" : "none",
      h.bank_account.empty() ? "none" : h.bank_account);
  if (result.rules) {
    auto it = result.rules->standards.find(h.zone);
    out +=
        fmt::format("Standards of zone {} ({}):", h.zone, result.rules->path);
    if (it == result.rules->standards.end())
      out += " none";
    else {
      for (const Standard& s : it->second) {
        out += fmt::format(
            " {}/month from {}{};", FormatFen(s.monthly_fen), s.from.ToString(),
            s.yearly_fen ? " (" + FormatFen(s.yearly_fen) + "/year ÷ 12)" : "");
      }
    }
    out += "\n";
  }
  for (const ReviewDue& r : result.reviews) {
    if (r.household == index)
      out += fmt::format("Due for re-review this month (every {} months)\n",
                         r.every_months);
  }
  out += fmt::format("\nMembers ({}):\n", h.members.size());
  for (size_t i = 0; i < h.members.size(); ++i) {
    const Member& m = h.members[i];
    out += fmt::format("  [{}] {} {} {} (roll {}:{})\n", i + 1,
                       m.roll.field(field::kRollIdNumber),
                       m.roll.field(field::kRollName),
                       m.roll.field(field::kRollRelation),
                       BatchFile(result, m.roll.key.batch), m.roll.key.line);
  }
  const std::vector<Flag>& flags = result.flags[index];
  out += fmt::format("\nFlags ({}):\n", flags.size());
  for (size_t f = 0; f < flags.size(); ++f) {
    const Flag& flag = flags[f];
    const Member& m = h.members[flag.member];
    out += fmt::format(
        "\n({}) {} v{} — member [{}] {} {}, since {}, amount {} 元, {} 元 a "
        "month at stake ({})\n",
        f + 1, flag.rule, flag.matcher_version, flag.member + 1,
        m.roll.field(field::kRollIdNumber), m.roll.field(field::kRollName),
        flag.since.ToString(), FormatFen(flag.amount_fen),
        FormatFen(AtStake(flag)),
        flag.scope == FlagScope::kCase ? "whole case" : "member's share");
    out += "    reason: " + flag.reason + "\n";
    if (!flag.group_id.empty()) {
      std::string cases;
      for (const std::string& c : flag.group_cases)
        cases += (cases.empty() ? "" : ", ") + c;
      out += fmt::format("    group {}: cases {}{}\n", flag.group_id, cases,
                         flag.counts_in_total
                             ? ""
                             : " (this case's amount is not added to the "
                               "totals: the later cases carry the group's)");
    }
    out += "    rule parameters: " +
           (flag.params.empty() ? std::string("{}") : flag.params) + "\n";
    out += "    source records:\n";
    for (const SourceRecord& r : flag.evidence) {
      const FeedSpec& spec = GetFeedSpec(r.kind);
      std::string values;
      for (size_t k = 0; k < r.fields.size() && k < spec.fields.size(); ++k) {
        if (r.fields[k].empty()) continue;
        values += fmt::format("{}{}={}", values.empty() ? "" : ", ",
                              spec.fields[k].name, r.fields[k]);
      }
      out += fmt::format("      {} {}:{} (batch {}): {}\n", spec.name,
                         BatchFile(result, r.key.batch), r.key.line,
                         r.key.batch, values);
    }
    out += "    money, month by month:\n";
    int64_t total = 0;
    for (const MonthMoney& mm : flag.months) {
      total += mm.fen;
      out += fmt::format("      {:04d}-{:02d}  {:>10}  {}\n", mm.month / 12,
                         mm.month % 12 + 1, FormatFen(mm.fen), mm.note);
    }
    if (flag.months.empty()) out += "      (no month paid yet)\n";
    out += fmt::format("      total    {:>10}\n", FormatFen(total));
  }
  out += "\nA flag is an inconsistency to investigate, not a verdict.\n";
  return out;
}

std::string FormatSummaryTable(const std::vector<SummaryRow>& rows) {
  constexpr int kColumns = 7;
  std::vector<std::array<std::string, kColumns>> cells;
  cells.push_back({"ground", "township", "flags", "cases", "groups",
                   "amount (元)", "monthly at stake (元)"});
  for (const SummaryRow& r : rows) {
    cells.push_back(
        {r.rule, r.township, std::to_string(r.flags), std::to_string(r.cases),
         r.groups ? std::to_string(r.groups) : std::string("-"),
         FormatFen(r.amount_fen), FormatFen(r.monthly_at_stake_fen)});
  }
  size_t width[kColumns] = {};
  for (const auto& row : cells) {
    for (int c = 0; c < kColumns; ++c)
      width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    for (int c = 0; c < kColumns; ++c) {
      size_t pad = width[c] - DisplayWidth(cells[i][c]);
      if (c >= 2) out.append(pad, ' ');
      out += cells[i][c];
      if (c < 2) out.append(pad, ' ');
      out += c < kColumns - 1 ? "  " : "\n";
    }
    if (i == 0) {
      size_t total = 2 * (kColumns - 1);
      for (size_t w : width) total += w;
      out.append(total, '-');
      out += "\n";
    }
  }
  if (rows.empty()) out += "(no flags)\n";
  return out;
}

namespace {

// DOMAIN.md §5: reports must add up. Every ground's township rows sum to its
// (all) row, and its flags to the flags of the run.
Status CheckSummary(const RunResult& result,
                    const std::vector<SummaryRow>& rows) {
  std::map<std::string, SummaryRow> parts, all;
  for (const SummaryRow& r : rows) {
    SummaryRow& t = r.township == "(all)" ? all[r.rule] : parts[r.rule];
    t.flags += r.flags;
    t.cases += r.cases;
    t.amount_fen += r.amount_fen;
    t.monthly_at_stake_fen += r.monthly_at_stake_fen;
  }
  size_t flags = 0, counted = 0;
  for (const auto& f : result.flags) flags += f.size();
  for (const auto& [rule, a] : all) {
    const SummaryRow& p = parts[rule];
    counted += a.flags;
    if (p.flags != a.flags || p.cases != a.cases ||
        p.amount_fen != a.amount_fen ||
        p.monthly_at_stake_fen != a.monthly_at_stake_fen) {
      return Status::Internal(
          fmt::format("summary of {} does not add up: townships {} flags, {} "
                      "cases, {} against {}, "
                      "{}, {}",
                      rule, p.flags, p.cases, FormatFen(p.amount_fen), a.flags,
                      a.cases, FormatFen(a.amount_fen)));
    }
  }
  if (counted != flags) {
    return Status::Internal(
        fmt::format("summary counts {} flags, the run has {}", counted, flags));
  }
  return Status::OK();
}

}  // namespace

Status WriteCaseFiles(const RunResult& result, const std::string& out_dir) {
  HEDUI_RETURN_IF_ERROR(MakePrivateDirectory(out_dir));
  std::string ndjson, csv =
                          "\xEF\xBB\xBF"
                          "rule,case_id,id_number,name,township,village,since,"
                          "amount,monthly_at_stake,scope,reason,evidence,"
                          "group_id,group_cases,counts_in_total\n";
  for (size_t h = 0; h < result.households.size(); ++h) {
    const Household& household = result.households[h];
    for (const Flag& flag : result.flags[h]) {
      ndjson += FlagToJson(result, household, flag);
      ndjson += '\n';
      const Member& m = household.members[flag.member];
      std::string evidence;
      for (const SourceRecord& r : flag.evidence) {
        evidence += fmt::format("{}{} {}:{}", evidence.empty() ? "" : "; ",
                                GetFeedSpec(r.kind).name,
                                BatchFile(result, r.key.batch), r.key.line);
      }
      std::string group_cases;
      for (const std::string& c : flag.group_cases)
        group_cases += (group_cases.empty() ? "" : " ") + c;
      csv += fmt::format(
          "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", flag.rule,
          Csv(household.case_id), Csv(m.roll.field(field::kRollIdNumber)),
          Csv(m.roll.field(field::kRollName)), Csv(household.township),
          Csv(household.village), flag.since.ToString(),
          FormatFen(flag.amount_fen), FormatFen(AtStake(flag)),
          flag.scope == FlagScope::kCase ? "case" : "member", Csv(flag.reason),
          Csv(evidence), flag.group_id, Csv(group_cases),
          flag.counts_in_total ? "yes" : "no");
    }
  }
  std::string summary =
      "rule\ttownship\tflags\tcases\tamount\tgroups\tmonthly_at_stake\n";
  const std::vector<SummaryRow> rows = Summarise(result);
  HEDUI_RETURN_IF_ERROR(CheckSummary(result, rows));
  for (const SummaryRow& r : rows) {
    summary += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", r.rule, r.township,
                           r.flags, r.cases, FormatFen(r.amount_fen), r.groups,
                           FormatFen(r.monthly_at_stake_fen));
  }
  HEDUI_RETURN_IF_ERROR(WriteFileAtomically(out_dir + "/cases.ndjson", ndjson));
  HEDUI_RETURN_IF_ERROR(WriteFileAtomically(out_dir + "/cases.csv", csv));
  HEDUI_RETURN_IF_ERROR(WriteFileAtomically(out_dir + "/summary.tsv", summary));
  HEDUI_RETURN_IF_ERROR(
      WriteFileAtomically(out_dir + "/summary.json", SummaryJson(result)));
  HEDUI_RETURN_IF_ERROR(
      WriteFileAtomically(out_dir + "/reviews.tsv", ReviewsTsv(result)));
  return Status::OK();
}

}  // namespace hedui
