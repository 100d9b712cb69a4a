// `hedui cases`: working the flags of the runs as review cases — list,
// show, assign, record a step, decide, print the notice, stop the payment,
// record money recovered, comment, request a re-review.
#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "engine/base/files.h"
#include "engine/base/json.h"
#include "engine/base/local_time.h"
#include "engine/base/private_files.h"
#include "engine/base/text.h"
#include "engine/cases/field_labels.h"
#include "engine/cases/workflow.h"
#include "engine/cli/case_session.h"
#include "engine/cli/commands.h"

namespace hedui::cli {
namespace {

struct CasesArgs {
  CaseArgs common;
  std::string flag, assignee, kind, date, notes, outcome, amount, out, sha;
  std::vector<std::string> attach, townships, villages, grounds, statuses;
  std::string min_at_stake, seen_from, seen_to, text, assigned_to;
  std::string format = "table", note_file;
  std::string delivered_on;  // cases notice
  uint64_t version = 0;
  bool all = false;
  std::string by = "flag";  // cases list --by household|flag
};

std::string Yuan(int64_t fen) { return FormatFen(fen); }

StatusOr<int64_t> ParseYuanOption(const std::string& text,
                                  const std::string& option) {
  // The one parser of typed amounts (the review site's too): at most two
  // decimals, no sign, nothing past int64 fen.
  int64_t fen = 0;
  Status parsed = ParseEnteredYuan(text, &fen);
  if (!parsed.ok())
    return Status::InvalidArgument(option + ": " + parsed.message());
  return fen;
}

std::string TodayText() { return cli::Today().ToString(); }

// ---- `cases list --format json|tsv`: for scripts. The keys and columns
// are stable (add, never rename); amounts in fen, statuses by their
// English code with the Chinese label beside.

// The fields of a case a script gets, in their order.
std::vector<std::pair<const char*, std::string>> ScriptFields(
    const CaseSummary& c) {
  return {{"flag_id", c.flag_id},
          {"ground", c.rule},
          {"status", std::string(CaseStatusName(c.status))},
          {"status_label", std::string(CaseStatusLabel(c.status))},
          {"case_id", c.case_id},
          {"township", c.township},
          {"village", c.village},
          {"id_number", c.id_number},
          {"name", c.name},
          {"assignee", c.assignee},
          {"outcome", c.outcome},
          {"first_seen", c.first_seen},
          {"since", c.since},
          {"group_id", c.group_id},
          {"amount_fen", std::to_string(c.amount_fen)},
          {"monthly_at_stake_fen", std::to_string(c.monthly_at_stake_fen)},
          {"in_data", c.in_data ? "true" : "false"},
          {"version", std::to_string(c.version)},
          {"reason", c.reason}};
}

bool IsNumberField(const char* key) {
  return std::strcmp(key, "amount_fen") == 0 ||
         std::strcmp(key, "monthly_at_stake_fen") == 0 ||
         std::strcmp(key, "in_data") == 0 || std::strcmp(key, "version") == 0;
}

// A TSV cell: a tab, a line break or a backslash in a value written as \t,
// \n, \r, \\ (as PostgreSQL's COPY reads them), so each case is one line.
std::string TsvCell(const std::string& value) {
  std::string out;
  for (char ch : value) {
    switch (ch) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        out.push_back(ch);
    }
  }
  return out;
}

// json: one object a line (NDJSON; `jq -s` makes an array); tsv: a header
// line, then one line a case.
void PrintListForScripts(const std::string& format,
                         const std::vector<CaseSummary>& cases) {
  if (format == "tsv") {
    std::string header;
    for (const auto& [key, value] : ScriptFields(CaseSummary{}))
      header += (header.empty() ? "" : "\t") + std::string(key);
    std::printf("%s\n", header.c_str());
  }
  for (const CaseSummary& c : cases) {
    std::string line;
    for (const auto& [key, value] : ScriptFields(c)) {
      if (format == "tsv") {
        line += (line.empty() ? "" : "\t") + TsvCell(value);
      } else {
        line += line.empty() ? "{" : ",";
        line += JsonQuote(key) + ":" +
                (IsNumberField(key) ? value : JsonQuote(value));
      }
    }
    if (format == "json") line += "}";
    std::printf("%s\n", line.c_str());
  }
}

// ---- households (一户一档): the flags of one roll case worked together.

bool IsWholeFlagId(const std::string& text) {
  return text.size() == 17 && text[0] == 'F' &&
         text.find_first_not_of("0123456789abcdef", 1) == std::string::npos;
}

int ListHouseholds(CaseSession& s, const CaseFilter& filter,
                   const CasesArgs& a) {
  StatusOr<std::vector<HouseholdSummary>> list =
      s.store->ListHouseholds(*s.actor, filter);
  if (!list.ok()) return Fail(list.status());
  std::printf("%-17s %-12s %4s %-10s %-12s %-8s %-24s %-24s %-10s %10s\n",
              "档案号(file)", "低保户(case)", "疑点", "乡镇", "村", "户主/姓名",
              "依据(grounds)", "状态(statuses)", "承办人", "月涉及(元)");
  int64_t at_stake = 0, flags = 0;
  bool overflow = false;
  for (const HouseholdSummary& h : list.value()) {
    std::string grounds;
    for (const std::string& r : h.rules)
      grounds += (grounds.empty() ? "" : ",") + r;
    std::printf("%-17s %-12s %4zu %-10s %-12s %-8s %-24s %-24s %-10s %10s\n",
                h.file_number.c_str(), h.case_id.c_str(), h.flags,
                h.township.c_str(), h.village.c_str(), h.name.c_str(),
                grounds.c_str(), HouseholdStatusText(h).c_str(),
                h.assignee.empty() ? "-" : h.assignee.c_str(),
                Yuan(h.monthly_at_stake_fen).c_str());
    overflow |=
        __builtin_add_overflow(at_stake, h.monthly_at_stake_fen, &at_stake);
    flags += static_cast<int64_t>(h.flags);
  }
  if (overflow) {
    return Fail(Status::Internal(
        "每月涉及金额合计超出范围 / the amounts at stake do not add up within "
        "range"));
  }
  std::printf(
      "\n共 %zu 户、%lld 个疑点，每月涉及 %s 元 (%zu household(s), %lld "
      "flag(s), %s 元 a month at stake)%s\n",
      list->size(), static_cast<long long>(flags), Yuan(at_stake).c_str(),
      list->size(), static_cast<long long>(flags), Yuan(at_stake).c_str(),
      a.all || !a.statuses.empty()
          ? ""
          : "; 默认只列有未结疑点的户，--all 列全部 (households with an open "
            "or confirmed flag; --all lists every one)");
  return 0;
}

void PrintCase(const ReviewCase& c, int notice_days);

void PrintHousehold(const HouseholdFile& file, int notice_days) {
  const HouseholdSummary& h = file.summary;
  std::string grounds;
  for (const std::string& r : h.rules)
    grounds += (grounds.empty() ? "" : ", ") + r;
  std::printf("低保户档案 (household file) %s\n", h.file_number.c_str());
  std::printf("  低保户 (case)  %s  %s  %s %s\n", h.case_id.c_str(),
              h.name.c_str(), h.township.c_str(), h.village.c_str());
  std::printf("  疑点 (flags)   %zu 个（未结 %zu）：%s\n", h.flags, h.open,
              HouseholdStatusText(h).c_str());
  std::printf("  依据 (grounds) %s\n", grounds.c_str());
  std::printf("  承办人         %s\n",
              h.assignee.empty() ? "-" : h.assignee.c_str());
  std::printf("  每月涉及 %s 元 (a month at stake)；版本 (version) %llu\n",
              Yuan(h.monthly_at_stake_fen).c_str(),
              static_cast<unsigned long long>(h.version));
  std::printf(
      "  全户分派、入户核查：cases assign / cases step "
      "%s；每个疑点分别作出结论："
      "cases decide <疑点>\n",
      h.file_number.c_str());
  for (size_t i = 0; i < file.flags.size(); ++i) {
    std::printf("\n──── 疑点 %zu/%zu (flag) ────\n", i + 1, file.flags.size());
    PrintCase(file.flags[i], notice_days);
  }
}

// Whether the store's answer says `text` names no household (then it is
// tried as a flag).
bool NoSuchHousehold(const Status& s) {
  return s.code() == Status::Code::kNotFound &&
         s.message().find("household file") != std::string::npos;
}

// A case named by its flag ID (or enough of it), or a household by its file
// number or case ID: opens the session once, runs `on_household` when the
// text names a household, else resolves the flag and runs `on_flag`; says
// what was done.
template <typename OnHousehold, typename OnFlag>
int OnCaseOrHousehold(CasesArgs& a, const char* done, OnHousehold on_household,
                      OnFlag on_flag) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  if (!IsWholeFlagId(a.flag)) {
    Status status = on_household(*s, a.flag);
    if (!NoSuchHousehold(status)) {
      if (!status.ok()) return Fail(status);
      std::printf("%s（全户 / whole household）: %s\n", done, a.flag.c_str());
      return 0;
    }
  }
  StatusOr<std::string> flag = ResolveFlagId(*s, a.flag);
  if (!flag.ok()) return Fail(flag.status());
  Status status = on_flag(*s, flag.value());
  if (!status.ok()) return Fail(status);
  std::printf("%s: %s\n", done, flag->c_str());
  return 0;
}

int List(CasesArgs& a) {
  if (a.format != "table" && a.format != "json" && a.format != "tsv") {
    return Fail(Status::InvalidArgument(fmt::format(
        "--format '{}': 可用 table（表格）、json（每行一个案件）、tsv / one "
        "of table, json (one object a line), tsv",
        a.format)));
  }
  if (a.by == "household" && a.format != "table") {
    return Fail(Status::InvalidArgument(
        "--format json|tsv 按疑点列出（--by flag）；户的表格用 --by household "
        "/ --format json|tsv lists flags (--by flag): each row carries its "
        "case_id, which groups them into households"));
  }
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  CaseFilter filter;
  filter.townships = a.townships;
  filter.villages = a.villages;
  filter.rules = a.grounds;
  for (const std::string& text : a.statuses) {
    std::optional<CaseStatus> status = ParseCaseStatus(text);
    if (!status) {
      return Fail(Status::InvalidArgument(fmt::format(
          "--status '{}': 可用 new assigned under_review confirmed cleared "
          "stopped gone（或中文：待分派 已分派 核查中 已确认 已排除 已停发 "
          "数据已消失）",
          text)));
    }
    filter.statuses.push_back(*status);
  }
  if (filter.statuses.empty() && !a.all) {
    filter.statuses = {CaseStatus::kNew, CaseStatus::kAssigned,
                       CaseStatus::kUnderReview, CaseStatus::kConfirmed};
  }
  if (!a.min_at_stake.empty()) {
    StatusOr<int64_t> fen = ParseYuanOption(a.min_at_stake, "--min-at-stake");
    if (!fen.ok()) return Fail(fen.status());
    filter.min_at_stake_fen = fen.value();
  }
  filter.assignee = a.assigned_to;
  filter.seen_from = a.seen_from;
  filter.seen_to = a.seen_to;
  filter.text = a.text;
  if (a.by == "household") return ListHouseholds(*s, filter, a);
  StatusOr<std::vector<CaseSummary>> list = s->store->List(*s->actor, filter);
  if (!list.ok()) return Fail(list.status());
  if (a.format != "table") {
    PrintListForScripts(a.format, list.value());
    return 0;
  }
  std::printf("%-17s %-11s %-8s %-10s %-12s %-20s %-8s %-10s %10s  %s\n",
              "案件(flag)", "依据(ground)", "状态", "乡镇", "村", "身份证号",
              "姓名", "承办人", "月涉及(元)", "理由 (reason)");
  int64_t at_stake = 0;
  for (const CaseSummary& c : list.value()) {
    std::printf("%-17s %-11s %-8s %-10s %-12s %-20s %-8s %-10s %10s  %s\n",
                c.flag_id.c_str(), c.rule.c_str(),
                std::string(CaseStatusLabel(c.status)).c_str(),
                c.township.c_str(), c.village.c_str(), c.id_number.c_str(),
                c.name.c_str(), c.assignee.empty() ? "-" : c.assignee.c_str(),
                Yuan(c.monthly_at_stake_fen).c_str(), c.reason.c_str());
    at_stake += c.monthly_at_stake_fen;
  }
  std::printf(
      "\n共 %zu 个案件，每月涉及 %s 元 (%zu case(s), %s 元 a month at "
      "stake)%s\n",
      list->size(), Yuan(at_stake).c_str(), list->size(),
      Yuan(at_stake).c_str(),
      a.all || !a.statuses.empty()
          ? ""
          : "; 默认只列未结案件，--all 列全部 (open and confirmed only; "
            "--all lists every case)");
  return 0;
}

void PrintCase(const ReviewCase& c, int notice_days) {
  std::printf("案件 %s  %s  [%s]\n", c.flag_id.c_str(), c.rule.c_str(),
              std::string(CaseStatusLabel(c.status)).c_str());
  std::printf("  低保户 (case)  %s   %s %s   %d 人\n", c.case_id.c_str(),
              c.township.c_str(), c.village.c_str(), c.household_size);
  if (!c.file_number.empty())
    std::printf("  档案号 (household file)  %s\n", c.file_number.c_str());
  std::printf("  对象 (person)  %s %s  (%s)\n", c.name.c_str(),
              c.id_number.c_str(),
              c.scope == "case" ? "整户 whole household" : "个人 member");
  std::printf("  理由 (reason)  %s\n", c.reason.c_str());
  std::printf(
      "  自 %s 起涉及 %s 元；每月 %s 元 (since %s: %s 元; %s 元 a month)\n",
      c.since.c_str(), Yuan(c.amount_fen).c_str(),
      Yuan(c.monthly_at_stake_fen).c_str(), c.since.c_str(),
      Yuan(c.amount_fen).c_str(), Yuan(c.monthly_at_stake_fen).c_str());
  if (!c.group_id.empty()) {
    std::string cases;
    for (const std::string& g : c.group_cases) cases += " " + g;
    std::printf("  同组案件 (group %s):%s\n", c.group_id.c_str(),
                cases.c_str());
  }
  std::printf("  首次发现 第 %u 次核查 %s；最近 第 %u 次 %s%s\n", c.first_run,
              c.first_seen.c_str(), c.last_run, c.last_seen.c_str(),
              c.in_data ? "" : "（已不在数据中 / no longer in the data）");
  std::printf("\n证据 (evidence):\n");
  for (const EvidenceRecord& r : c.evidence) {
    std::printf("  [%s %s] %s 第 %llu 行 (batch %u)\n",
                std::string(FeedLabel(r.feed)).c_str(), r.feed.c_str(),
                r.file.c_str(), static_cast<unsigned long long>(r.line),
                r.batch);
    // In Chinese words, the canonical name and code beside (for scripts
    // and for the mapping files that name them).
    for (const auto& [field, value] : r.values) {
      std::string word = ValueLabel(r.feed, field, value);
      std::printf("      %s (%s)  %s%s\n", FieldLabel(r.feed, field).c_str(),
                  field.c_str(), word.c_str(),
                  word == value ? "" : (" (" + value + ")").c_str());
    }
  }
  if (!c.months.empty()) {
    std::printf("\n逐月金额 (money by month):");
    for (size_t i = 0; i < c.months.size(); ++i) {
      std::printf("%s%s %s", i % 6 ? "  " : "\n  ", c.months[i].first.c_str(),
                  Yuan(c.months[i].second).c_str());
    }
    std::printf("\n");
  }
  std::printf("\n办理 (review): 承办人 %s\n",
              c.assignee.empty() ? "-" : c.assignee.c_str());
  for (const Step& s : c.steps) {
    std::printf("  %s %-8s %s: %s\n", s.date.c_str(),
                std::string(StepKindLabel(s.kind)).c_str(), s.by.c_str(),
                s.notes.c_str());
    for (const Attachment& f : s.attachments) {
      std::printf("      附件 %s (%llu bytes) sha256 %s\n", f.name.c_str(),
                  static_cast<unsigned long long>(f.size), f.sha256.c_str());
    }
  }
  if (!c.outcome.empty()) {
    std::printf("  结论 (decision): %s，%s %s：%s\n", c.outcome.c_str(),
                c.decided_by.c_str(), c.decided_on.c_str(),
                c.decision_note.c_str());
  }
  if (!c.notice_delivered_on.empty())
    std::printf("  告知书送达 %s，告知期最后一天 %s (notice period ends)\n",
                c.notice_delivered_on.c_str(),
                NoticePeriodLastDay(c, {{}, {}, notice_days}).c_str());
  if (!c.stopped_on.empty()) {
    std::printf("  停发 %s，每月 %s 元\n", c.stopped_on.c_str(),
                Yuan(c.monthly_stopped_fen).c_str());
  }
  for (const MoneyRecovered& m : c.recovered) {
    std::printf("  追回 %s 元 %s (%s) %s\n", Yuan(m.fen).c_str(),
                m.date.c_str(), m.by.c_str(), m.note.c_str());
  }
  if (!c.events.empty()) {
    std::printf("\n系统记录 (what the runs did):\n");
    for (const CaseEvent& e : c.events)
      std::printf("  %s  %s\n", LocalTimeText(e.at).c_str(), e.what.c_str());
  }
  std::printf("\n版本 (version) %llu\n",
              static_cast<unsigned long long>(c.version));
}

// Opens the session and resolves the case; runs `act` on it and says what
// was done.
template <typename Act>
int OnCase(CasesArgs& a, const char* done, Act act) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  StatusOr<std::string> flag = ResolveFlagId(*s, a.flag);
  if (!flag.ok()) return Fail(flag.status());
  Status status = act(*s, flag.value());
  if (!status.ok()) return Fail(status);
  std::printf("%s: %s\n", done, flag->c_str());
  return 0;
}

int Show(CasesArgs& a) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  if (!IsWholeFlagId(a.flag)) {
    StatusOr<HouseholdFile> file = s->store->ShowHousehold(*s->actor, a.flag);
    if (!NoSuchHousehold(file.status())) {
      if (!file.ok()) return Fail(file.status());
      PrintHousehold(file.value(), s->store->notice_days());
      return 0;
    }
  }
  StatusOr<std::string> flag = ResolveFlagId(*s, a.flag);
  if (!flag.ok()) return Fail(flag.status());
  StatusOr<ReviewCase> c = s->store->Show(*s->actor, flag.value());
  if (!c.ok()) return Fail(c.status());
  PrintCase(c.value(), s->store->notice_days());
  return 0;
}

int Notice(CasesArgs& a) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  StatusOr<std::string> flag = ResolveFlagId(*s, a.flag);
  if (!flag.ok()) return Fail(flag.status());
  CaseStore::NoticeOptions options;
  options.delivered_on = a.delivered_on;
  StatusOr<std::string> html =
      s->store->Notice(*s->actor, flag.value(), options);
  if (!html.ok()) return Fail(html.status());
  // By default next to the case store, never in whatever directory the
  // officer stands in: DATA/notices/ (0700), the file 0600. The name is
  // the flag's hash, nothing from a department's file.
  std::string out = a.out;
  if (out.empty()) {
    const std::string dir = s->store->NoticeDirectory();
    Status made = MakePrivateDirectory(dir);
    if (!made.ok()) return Fail(made);
    out = fmt::format("{}/告知书-{}.html", dir, *flag);
  }
  Status written = WriteFileAtomically(out, html.value(), 0600);
  if (!written.ok()) return Fail(written);
  std::printf(
      "告知书已写入 %s：用浏览器打开并打印，送达后登记：hedui cases step %s "
      "--kind 告知书送达 --date YYYY-MM-DD\n(notice written to %s: open it in "
      "a browser and print it; record its delivery as a step)\n",
      out.c_str(), flag->c_str(), out.c_str());
  return 0;
}

int Attachment(CasesArgs& a) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  StatusOr<std::string> flag = ResolveFlagId(*s, a.flag);
  if (!flag.ok()) return Fail(flag.status());
  StatusOr<std::string> bytes =
      s->store->ReadAttachment(*s->actor, flag.value(), a.sha);
  if (!bytes.ok()) return Fail(bytes.status());
  std::ofstream file(a.out, std::ios::binary | std::ios::trunc);
  file << bytes.value();
  file.close();
  if (!file) return Fail(Status::IOError(a.out + ": cannot write"));
  std::printf("%s (%zu bytes)\n", a.out.c_str(), bytes->size());
  return 0;
}

// The files of --attach, each checked first: a directory, a device or a
// file that cannot be read is refused by name (never stored as an empty
// attachment), and so is one over the store's limit, before any is read.
StatusOr<std::vector<NewAttachment>> ReadAttachments(
    const std::vector<std::string>& paths) {
  const uint64_t limit = CaseStore::Options{}.max_attachment_bytes;
  std::vector<NewAttachment> files;
  for (const std::string& path : paths) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      return Status::InvalidArgument(
          fmt::format("--attach {}: 无法读取 / cannot read: {}", path,
                      std::strerror(errno)));
    }
    if (S_ISDIR(st.st_mode)) {
      return Status::InvalidArgument(fmt::format(
          "--attach {}: 是目录，不是文件；请逐个附加其中的文件 / is a "
          "directory, not a file: attach the files in it one by one",
          path));
    }
    if (!S_ISREG(st.st_mode)) {
      return Status::InvalidArgument(fmt::format(
          "--attach {}: 不是普通文件 / is not a regular file", path));
    }
    if (static_cast<uint64_t>(st.st_size) > limit) {
      return Status::InvalidArgument(fmt::format(
          "--attach {}: {} 字节，超过附件上限 {} MiB / {} bytes, over the "
          "attachment limit of {} MiB",
          path, st.st_size, limit >> 20, st.st_size, limit >> 20));
    }
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)),
                      std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
      return Status::InvalidArgument(
          fmt::format("--attach {}: 读取失败 / cannot read", path));
    }
    if (!in.is_open() || bytes.size() != static_cast<uint64_t>(st.st_size)) {
      return Status::InvalidArgument(fmt::format(
          "--attach {}: 无法读取（或读取时被改动）/ cannot read (or it changed "
          "while read)",
          path));
    }
    std::string name = path.substr(path.find_last_of('/') + 1);
    files.push_back(NewAttachment{name, std::move(bytes)});
  }
  return files;
}

// The note of step, decide, comment and rereview: the option's text, or
// --note-file FILE, or --note-file - (standard input), for notes longer
// than a command line should carry. One of them, not empty, at most 64 KiB
// (what the review site's forms take).
Status ResolveNote(CasesArgs& a, const char* option) {
  constexpr size_t kMaxNote = 64u << 10;
  if (!a.note_file.empty()) {
    if (!a.notes.empty()) {
      return Status::InvalidArgument(fmt::format(
          "{} 与 --note-file 只能用一个 / give {} or --note-file, not both",
          option, option));
    }
    std::string text;
    if (a.note_file == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin),
                  std::istreambuf_iterator<char>());
    } else {
      struct stat st;
      if (::stat(a.note_file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return Status::InvalidArgument(fmt::format(
            "--note-file {}: 不是可读的文件 / is not a file that can be read",
            a.note_file));
      }
      std::ifstream in(a.note_file, std::ios::binary);
      text.assign(std::istreambuf_iterator<char>(in),
                  std::istreambuf_iterator<char>());
      if (!in.is_open()) {
        return Status::InvalidArgument(
            fmt::format("--note-file {}: 无法读取 / cannot read", a.note_file));
      }
    }
    // A file's last line break is not part of the note.
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
      text.pop_back();
    if (text.size() > kMaxNote) {
      return Status::InvalidArgument(fmt::format(
          "--note-file {}: {} 字节，超过上限 64 KiB / {} bytes, over the limit "
          "of 64 KiB",
          a.note_file, text.size(), text.size()));
    }
    a.notes = std::move(text);
  }
  if (a.notes.empty()) {
    return Status::InvalidArgument(
        fmt::format("需要 {} 或 --note-file（文件，或 - 表示标准输入）/ {} or "
                    "--note-file FILE (- for standard input) is required",
                    option, option));
  }
  return Status::OK();
}

CLI::App* Sub(CLI::App* cases, const char* name, const char* help, CasesArgs* a,
              bool with_flag = true) {
  CLI::App* sub = cases->add_subcommand(name, help);
  AddCaseOptions(sub, &a->common);
  if (with_flag) {
    sub->add_option("case", a->flag,
                    "the case's flag ID (F…), or enough of its start")
        ->required();
  }
  return sub;
}

}  // namespace

Command AddCasesCommand(CLI::App& app) {
  auto a = std::make_shared<CasesArgs>();
  CLI::App* cases = app.add_subcommand(
      "cases",
      "work the flagged cases: list, show, assign, record review steps, "
      "decide, notice, stop, recover, comment");
  cases->footer(
      "Every flag of a run is a review case (待分派 new → 已分派 assigned → "
      "核查中 under review → 已确认 confirmed / 已排除 cleared → 已停发 "
      "stopped). A flag is an inconsistency to investigate, never a verdict.\n"
      "Example (a township officer):\n"
      "  export HEDUI_PASSWORD=…   # or type it at the prompt\n"
      "  hedui cases list   --data /srv/hedui --user wang --by household\n"
      "  hedui cases show   --data /srv/hedui --user wang 410329-2026-00017\n"
      "  hedui cases assign --data /srv/hedui --user wang 410329-2026-00017 "
      "--to wang\n"
      "  hedui cases step   --data /srv/hedui --user wang 410329-2026-00017 "
      "--kind 入户核查 --notes '全家在家，逐项核实'\n"
      "  hedui cases list   --data /srv/hedui --user wang --ground DECEASED\n"
      "  hedui cases show   --data /srv/hedui --user wang F1a2b\n"
      "  hedui cases assign --data /srv/hedui --user wang F1a2b --to wang\n"
      "  hedui cases step   --data /srv/hedui --user wang F1a2b --kind "
      "入户核查 "
      "--date 2026-11-20 --notes '家属称已于8月去世' --attach photo.jpg\n"
      "  hedui cases decide --data /srv/hedui --user wang F1a2b --outcome 死亡 "
      "--date 2026-11-21 --note '火化证明'\n"
      "  hedui cases notice --data /srv/hedui --user wang F1a2b\n"
      "  hedui cases stop   --data /srv/hedui --user wang F1a2b --date "
      "2026-12-07\n"
      "Exit status: 0 done, 2 a bad argument, 3 not allowed for your role or "
      "township, 4 not allowed in the case's status, 1 anything else.");
  cases->require_subcommand(1);

  CLI::App* list =
      Sub(cases, "list", "list the cases you may see (filters combine)",
          a.get(), false);
  list->add_option("--township", a->townships, "乡镇 (repeatable)");
  list->add_option("--village", a->villages, "村 (repeatable)");
  list->add_option("--ground", a->grounds,
                   "ground: DECEASED, VEHICLE, PROPERTY … (repeatable)");
  list->add_option("--status", a->statuses,
                   "new assigned under_review confirmed cleared stopped gone "
                   "(or 中文); default: open and confirmed");
  list->add_option("--min-at-stake", a->min_at_stake,
                   "only cases with at least this many 元 a month at stake");
  list->add_option("--assignee", a->assigned_to,
                   "only cases held by this user");
  list->add_option("--from", a->seen_from,
                   "first seen on or after (YYYY-MM-DD)");
  list->add_option("--to", a->seen_to, "first seen on or before (YYYY-MM-DD)");
  list->add_option("--text", a->text, "in the name, ID, case ID or reason");
  list->add_flag("--all", a->all, "every status, closed ones too");
  list->add_option("--format", a->format,
                   "table (default), json (one object a line, stable keys) "
                   "or tsv (a header line; tab, line break and backslash "
                   "written \\t \\n \\\\) for scripts");
  list->add_option("--by", a->by,
                   "household: one row per household review file (一户一档); "
                   "flag: one row per flag (default)")
      ->check(CLI::IsMember({"household", "flag"}));

  Sub(cases, "show",
      "a case whole: evidence, money by month, steps (audited); a household "
      "file number or case ID shows the household's file with every flag",
      a.get());
  CLI::App* assign = Sub(cases, "assign",
                         "assign a case to an officer; a household file "
                         "number or case ID assigns every open flag of it",
                         a.get());
  assign->add_option("--to", a->assignee, "the user who will review it")
      ->required();
  CLI::App* step = Sub(cases, "step",
                       "record a review step: 入户核查 (home_visit), 民主评议 "
                       "(democratic_review), 听证 (hearing), 告知书送达 "
                       "(notice_delivered); on a household file number or "
                       "case ID, a visit, review or hearing is recorded on "
                       "every open flag of it",
                       a.get());
  step->add_option("--kind", a->kind, "入户核查, 民主评议, 听证 or 告知书送达")
      ->required();
  step->add_option("--date", a->date, "the day it happened (default: today)");
  step->add_option("--notes", a->notes, "what was found");
  step->add_option("--note-file", a->note_file,
                   "the notes from a file (- : standard input)");
  step->add_option("--attach", a->attach, "a file to attach (repeatable)");
  CLI::App* decide = Sub(cases, "decide",
                         "close the review: an outcome code of the rules "
                         "file's [cases] (confirmed or cleared)",
                         a.get());
  decide->add_option("--outcome", a->outcome, "e.g. 死亡, 有车, 数据错误")
      ->required();
  decide->add_option("--date", a->date,
                     "the day of the decision (default: today)");
  decide->add_option("--note", a->notes, "why, in a sentence");
  decide->add_option("--note-file", a->note_file,
                     "the note from a file (- : standard input)");
  CLI::App* notice = Sub(cases, "notice",
                         "write the 告知书 of a confirmed case as a printable "
                         "HTML page",
                         a.get());
  notice->add_option("--out", a->out,
                     "file (default: DATA/notices/告知书-<case>.html)");
  notice->add_option("--delivered-on", a->delivered_on,
                     "the day the notice is delivered (YYYY-MM-DD), when "
                     "it is known before it is recorded: the letter names "
                     "the last day of the notice period");
  CLI::App* stop = Sub(cases, "stop",
                       "mark the payment stopped (after the notice was "
                       "delivered and the notice period is over)",
                       a.get());
  stop->add_option("--date", a->date, "the day it stopped (default: today)");
  stop->add_option("--monthly", a->amount,
                   "元 a month stopped (default: the flag's amount at stake)");
  CLI::App* recover = Sub(cases, "recover", "record money recovered", a.get());
  recover->add_option("--amount", a->amount, "元 recovered")->required();
  recover->add_option("--date", a->date, "the day (default: today)");
  recover->add_option("--note", a->notes, "e.g. the receipt number");
  CLI::App* comment =
      Sub(cases, "comment", "add a comment (inspectors too)", a.get());
  comment->add_option("--text", a->notes, "the comment");
  comment->add_option("--note-file", a->note_file,
                      "the comment from a file (- : standard input)");
  CLI::App* rereview = Sub(cases, "rereview",
                           "request a re-review of a decided case (inspector, "
                           "administrator)",
                           a.get());
  rereview->add_option("--reason", a->notes, "why");
  rereview->add_option("--note-file", a->note_file,
                       "the reason from a file (- : standard input)");
  CLI::App* attachment = Sub(cases, "attachment",
                             "save an attachment of a case to a file", a.get());
  attachment->add_option("sha256", a->sha, "the attachment's sha256")
      ->required();
  attachment->add_option("--out", a->out, "file to write")->required();
  Sub(cases, "import",
      "take the runs recorded since the last import into the case store "
      "(every case command does this first)",
      a.get(), false);

  return Command{
      cases, [a, cases]() -> int {
        CasesArgs& args = *a;
        auto date = [&] { return args.date.empty() ? TodayText() : args.date; };
        for (CLI::App* sub : cases->get_subcommands()) {
          std::string name = sub->get_name();
          if (name == "list") return List(args);
          if (name == "show") return Show(args);
          if (name == "notice") return Notice(args);
          if (name == "attachment") return Attachment(args);
          if (name == "import") {
            StatusOr<CaseSession> s = OpenCaseSession(args.common, false);
            if (!s.ok()) return Fail(s.status());
            std::printf("案件库已是最新 (the case store is up to date)\n");
            return 0;
          }
          if (name == "assign") {
            return OnCaseOrHousehold(
                args, "已分派 (assigned)",
                [&](CaseSession& s, const std::string& id) {
                  return s.store->AssignHousehold(*s.actor, id, args.assignee,
                                                  args.version);
                },
                [&](CaseSession& s, const std::string& id) {
                  return s.store->Assign(*s.actor, id, args.assignee,
                                         args.version);
                });
          }
          if (name == "step") {
            std::optional<StepKind> kind = ParseStepKind(args.kind);
            if (!kind) {
              return Fail(Status::InvalidArgument(
                  fmt::format("--kind '{}': 可用 入户核查 民主评议 听证 "
                              "告知书送达 (home_visit "
                              "democratic_review hearing notice_delivered)",
                              args.kind)));
            }
            if (Status note = ResolveNote(args, "--notes"); !note.ok())
              return Fail(note);
            StatusOr<std::vector<NewAttachment>> files =
                ReadAttachments(args.attach);
            if (!files.ok()) return Fail(files.status());
            return OnCaseOrHousehold(
                args, "已记录 (recorded)",
                [&](CaseSession& s, const std::string& id) {
                  return s.store->RecordHouseholdStep(
                      *s.actor, id, *kind, date(), args.notes, files.value(),
                      args.version);
                },
                [&](CaseSession& s, const std::string& id) {
                  return s.store->RecordStep(*s.actor, id, *kind, date(),
                                             args.notes, files.value(),
                                             args.version);
                });
          }
          if (name == "decide") {
            if (Status note = ResolveNote(args, "--note"); !note.ok())
              return Fail(note);
            return OnCase(args, "已作出结论 (decided)",
                          [&](CaseSession& s, const std::string& id) {
                            return s.store->Decide(*s.actor, id, args.outcome,
                                                   date(), args.notes,
                                                   args.version);
                          });
          }
          if (name == "stop") {
            int64_t fen = -1;
            if (!args.amount.empty()) {
              StatusOr<int64_t> parsed =
                  ParseYuanOption(args.amount, "--monthly");
              if (!parsed.ok()) return Fail(parsed.status());
              fen = parsed.value();
            }
            return OnCase(args, "已停发 (payment stopped)",
                          [&](CaseSession& s, const std::string& id) {
                            return s.store->Stop(*s.actor, id, date(), fen,
                                                 args.version);
                          });
          }
          if (name == "recover") {
            StatusOr<int64_t> fen = ParseYuanOption(args.amount, "--amount");
            if (!fen.ok()) return Fail(fen.status());
            return OnCase(args, "已登记追回 (recovered)",
                          [&](CaseSession& s, const std::string& id) {
                            return s.store->Recover(*s.actor, id, fen.value(),
                                                    date(), args.notes,
                                                    args.version);
                          });
          }
          if (name == "comment") {
            if (Status note = ResolveNote(args, "--text"); !note.ok())
              return Fail(note);
            return OnCase(args, "已添加意见 (commented)",
                          [&](CaseSession& s, const std::string& id) {
                            return s.store->Comment(*s.actor, id, args.notes);
                          });
          }
          if (name == "rereview") {
            if (Status note = ResolveNote(args, "--reason"); !note.ok())
              return Fail(note);
            return OnCase(args, "已要求复核 (re-review requested)",
                          [&](CaseSession& s, const std::string& id) {
                            return s.store->RequestReReview(*s.actor, id,
                                                            args.notes);
                          });
          }
        }
        return 0;
      }};
}

}  // namespace hedui::cli
