// A review case: one flag of a run as the people who work it see it — the
// flag's evidence as of the last run that raised it, where it stands in
// the review workflow, the steps taken, the decision, the money stopped and
// recovered. The case store (hedui/case_store.h) keeps them; the reports
// (hedui/campaign_report.h) and the review site read them.
//
// The workflow (DOMAIN.md §2, §5): a flag is an inconsistency to
// investigate, never a verdict.
//
//   new ──assign──▶ assigned ──step──▶ under_review ──decide──▶ confirmed
//                                                   └─decide──▶ cleared
//   confirmed ──notice delivered, notice period over──▶ stopped
//
// A run never overwrites a decision: a cleared case reopens (to assigned,
// or new when nobody holds it) only when its evidence changes; an open case
// whose flag is gone from the data closes as `gone`, and reopens if the
// flag comes back.
#ifndef HEDUI_REVIEW_CASE_H_
#define HEDUI_REVIEW_CASE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hedui {

enum class CaseStatus {
  kNew,          // 待分派
  kAssigned,     // 已分派
  kUnderReview,  // 核查中
  kConfirmed,    // 已确认 (the flag holds; money stops after the notice)
  kCleared,      // 已排除
  kStopped,      // 已停发
  kGone,         // 数据已消失 (the flag left the data before a decision)
};
inline constexpr int kCaseStatusCount = 7;

// "new", "assigned", "under_review", "confirmed", "cleared", "stopped",
// "gone": the names the CLI and the files use.
std::string_view CaseStatusName(CaseStatus status);
// 待分派, 已分派, 核查中, 已确认, 已排除, 已停发, 数据已消失.
std::string_view CaseStatusLabel(CaseStatus status);
// Accepts the name or the Chinese label.
std::optional<CaseStatus> ParseCaseStatus(std::string_view text);
// Open: new, assigned, under_review (a run may close it as gone).
bool IsOpen(CaseStatus status);

enum class StepKind {
  kHomeVisit,         // 入户核查
  kDemocraticReview,  // 民主评议
  kHearing,           // 听证
  kNoticeDelivered,   // 告知书送达 (only on a confirmed case)
  kComment,           // 意见 (anyone who may read the case)
  kReReviewRequest,   // 要求复核 (an inspector, on a decided case)
};
// "home_visit", "democratic_review", "hearing", "notice_delivered",
// "comment", "re_review".
std::string_view StepKindName(StepKind kind);
// 入户核查, 民主评议, 听证, 告知书送达, 意见, 要求复核.
std::string_view StepKindLabel(StepKind kind);
std::optional<StepKind> ParseStepKind(std::string_view text);

// A file attached to a step, stored content-addressed under its SHA-256;
// `name` is what the reviewer called it, kept as text only (never a path).
struct Attachment {
  std::string name;
  std::string sha256;  // 64 lowercase hex digits
  uint64_t size = 0;
};

struct Step {
  StepKind kind = StepKind::kComment;
  std::string date;         // YYYY-MM-DD, the day it happened
  std::string by;           // the user who recorded it
  std::string recorded_at;  // UTC, when it was recorded
  std::string notes;
  std::vector<Attachment> attachments;
};

struct MoneyRecovered {
  int64_t fen = 0;
  std::string date;  // YYYY-MM-DD
  std::string by;
  std::string note;
};

// What the system did to the case on its own: opened by run N, evidence
// changed, reopened, gone from the data, back in the data.
struct CaseEvent {
  std::string at;  // UTC
  uint32_t run = 0;
  std::string what;  // one line, Chinese, for people
};

// One stored record behind the flag, as its department sent it.
struct EvidenceRecord {
  std::string feed;  // feed kind name: register, deceased, bank …
  uint32_t batch = 0;
  std::string file;  // the export it came from
  uint64_t line = 0;
  std::vector<std::pair<std::string, std::string>> values;  // field, value
};

struct ReviewCase {
  // From the flag (the last run that raised it).
  std::string flag_id;  // FlagId(rule, case_id, id_number): the key
  std::string rule;     // DECEASED, VEHICLE …
  std::string case_id, id_number, name, township, village;
  std::string scope;       // "member" or "case"
  int household_size = 0;  // the case's members on the roll
  // For the 告知书, from the run (record_run.cc; empty in cases recorded
  // before): the roll's head (户主, the applicant), the living adult the
  // letter goes to and their relation code (head, spouse …), the member
  // concerned's relation code, and the case's monthly payment.
  std::string head_name, addressee_name, addressee_relation, member_relation;
  int64_t case_monthly_fen = 0;
  std::string since;  // YYYY-MM-DD
  int64_t amount_fen = 0;
  int64_t monthly_at_stake_fen = 0;
  std::string reason;
  std::string params_json;
  std::vector<EvidenceRecord> evidence;
  std::vector<std::pair<std::string, int64_t>> months;  // "YYYY-MM", fen
  std::string group_id;  // SPLIT, DUPLICATE, PAYMENT: the group's cases
  std::vector<std::string> group_cases;
  bool counts_in_total = true;
  // SHA-256 of the evidence records' feeds and values (not their batch or
  // line, which a re-sent export changes): what "new evidence" means.
  std::string evidence_hash;

  // 一户一档: the household review file this flag belongs to, shared by
  // every flag of its roll case (all grounds, all members): county code
  // (the rules file's first region code, else the member ID's first six
  // digits), the year of the as-of date of the run that first flagged the
  // household, and a sequence per county and year, e.g.
  // "410329-2026-00017". Given once, when the household's first flag is
  // imported, and never changed or reused.
  // Empty only in memory, for a case decoded from a store written before
  // file numbers (the store numbers those on open).
  std::string file_number;

  // From the runs.
  uint32_t first_run = 0, last_run = 0;  // last run that raised it
  std::string first_seen, last_seen;     // those runs' as-of dates
  bool in_data = true;  // raised by the last run the store imported

  // The review.
  CaseStatus status = CaseStatus::kNew;
  std::string assignee;
  std::vector<Step> steps;
  std::string outcome;  // the code, from the rules file's [cases] lists
  std::string decided_by, decided_on, decision_note;
  std::string confirmed_on;  // YYYY-MM-DD
  // YYYY-MM-DD of a hearing recorded while the case was confirmed: the
  // decision may then change. Cleared by every decision. (A date alone
  // cannot say it: a hearing held under review on the day of the
  // confirmation came before it.)
  std::string heard_on;
  std::string notice_delivered_on;  // YYYY-MM-DD
  std::string stopped_on;           // YYYY-MM-DD
  int64_t monthly_stopped_fen = 0;
  std::vector<MoneyRecovered> recovered;
  std::vector<CaseEvent> events;
  // Counts every change; a form that read version v may only write v.
  uint64_t version = 0;

  int64_t recovered_fen() const;
};

// Roles (DOMAIN.md §2).
enum class Role {
  kAdmin,      // 管理员: everything, user management
  kTownship,   // 乡镇经办人: the cases of their own townships only
  kInspector,  // 纪检监察: read every case, comment, request re-review
  kAuditor,    // 审计: the audit log
};
std::string_view RoleName(Role role);  // admin, township, inspector, auditor
std::string_view RoleLabel(Role role);  // 管理员, 乡镇经办人, 纪检监察, 审计
std::optional<Role> ParseRole(std::string_view text);

struct User {
  std::string name;
  Role role = Role::kTownship;
  std::vector<std::string> townships;  // kTownship: the ones they work
  bool sees_bank = false;  // bank balances and account numbers unmasked
  std::string created_at;  // UTC
  // Disabled by an admin: cannot sign in, and a session or actor made
  // before ends at its next call. Never deleted: the audit log names them.
  // (Stored last and read as false when absent: users stored before the
  // flag decode unchanged.)
  bool disabled = false;
};

// One entry of the audit log: who, when, what, before and after. Each
// entry carries the SHA-256 of the previous entry and of its own content,
// so an edited, deleted, inserted or reordered entry shows.
// The Chinese label of an audit entry's action, for `hedui audit`, the
// reports and the site (the stored code stays as it is): read_all →
// 查看全部案件, user_add → 新增用户, step:home_visit → 记录步骤：入户核查,
// run3:opened → 第 3 次核查：新案件. An action it does not know: the code.
std::string AuditActionLabel(std::string_view action);

struct AuditEntry {
  uint64_t seq = 0;  // 1, 2, 3 … with no gap
  std::string at;    // UTC
  std::string user;  // "hedui" for what a run did
  std::string action;
  std::string flag_id;  // empty for user management
  std::string before, after;
  std::string prev_hash;  // hex; 64 zeros on the first entry
  std::string hash;       // hex SHA-256 over prev_hash and the content
};

}  // namespace hedui

#endif  // HEDUI_REVIEW_CASE_H_
