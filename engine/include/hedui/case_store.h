// The case store: the review cases of a data directory (DATA/cases/), the
// users who work them and the audit log of everything done, in one RocksDB
// database written with the index's guarantees (write-ahead log synced on
// every change: a change that returned OK survives a SIGKILL or a power
// cut; one that did not is absent, never half there, never doubled).
//
// Every call that reads or changes a case names the signed-in user (an
// Actor, from SignIn) and is checked here, where the data is read: a
// township officer sees and touches the cases of their own townships only,
// an inspector reads every case and comments but cannot decide, an auditor
// reads the audit log. Every view of a case's evidence and every change is
// written to the audit log in the same atomic write as the change, and
// every refusal (PermissionDenied) is written there too, as an entry of
// action "refused" naming the attempt, and changes nothing else.
//
// Runs reach the store through the run log: ImportRuns() takes every run
// recorded since the last one imported, in order, one atomic write per
// run. `hedui run` imports at its end when no other process holds the
// store; otherwise the next process that opens it does.
//
// One process holds the store at a time (the review server, or one CLI
// command); a second is refused with a message saying so. While the review
// server holds it, the CLI's case commands run inside the server (through
// its socket, engine/cli/store_socket.h); the store is thread-safe.
#ifndef HEDUI_CASE_STORE_H_
#define HEDUI_CASE_STORE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hedui/date.h"
#include "hedui/review_case.h"
#include "hedui/rules.h"
#include "hedui/status.h"

namespace hedui {

// A signed-in user. Only SignIn (and the store's own bootstrap) make one.
class Actor {
 public:
  const User& user() const { return user_; }
  const std::string& name() const { return user_.name; }
  Role role() const { return user_.role; }

 private:
  friend class CaseStore;
  explicit Actor(User user) : user_(std::move(user)) {}
  User user_;
};

struct CaseFilter {
  std::vector<std::string> townships, villages, rules;  // any of; empty: all
  std::vector<CaseStatus> statuses;                     // any of; empty: all
  int64_t min_at_stake_fen = 0;  // monthly_at_stake_fen at least this
  std::string assignee;
  std::string seen_from, seen_to;  // first_seen within [from, to]; YYYY-MM-DD
  std::string text;  // in name, ID, case ID, file number or reason

  // The order and the page: sorted by `sort` (ties and "" in the list
  // order: township, village, case ID, rule, flag ID), then `limit` cases
  // from `offset` (limit 0: all). Sorting and paging in the store copies
  // only the page's summaries: the review site's list of a county's cases
  // costs the page, not the county.
  enum class Sort { kPlace, kAtStakeDesc, kAmountDesc, kSince, kStatus, kRule };
  Sort sort = Sort::kPlace;
  size_t offset = 0, limit = 0;
};

// What a list shows of a case (no evidence: listing is not viewing).
struct CaseSummary {
  std::string flag_id, rule, case_id, id_number, name, township, village;
  CaseStatus status = CaseStatus::kNew;
  std::string assignee, outcome, first_seen, since, group_id;
  int64_t amount_fen = 0, monthly_at_stake_fen = 0;
  std::string reason;
  bool in_data = true;
  uint64_t version = 0;
};

// 一户一档: what a list of households shows of one household review file
// (every flag of one roll case, all grounds, all members).
struct HouseholdSummary {
  std::string file_number;  // 410329-2026-00017
  std::string case_id;
  std::string name;  // the head's, when a flag names them; else the first
                     // flagged member's
  std::string township, village;
  std::vector<std::string> rules;  // the grounds flagged, sorted, once each
  std::array<int, kCaseStatusCount> statuses{};  // flags per CaseStatus
  size_t flags = 0, open = 0;                    // open: IsOpen(status)
  // Who holds the open flags ("王五", or "王五、李四" when they differ);
  // once none is open, who held them; empty when nobody.
  std::string assignee;
  // What the flags put at stake each month, in checked fen, each fen once:
  // the case's payment when a flag concerns the whole case (scope "case"),
  // else each flagged member's share once, summed; flags that do not count
  // in totals (a group's first case) add nothing.
  int64_t monthly_at_stake_fen = 0;
  std::string first_seen;  // the earliest flag's
  // The sum of the flags' versions: grows with every change of any of
  // them, so a household form that read v may only write v.
  uint64_t version = 0;
};

// "待分派 2、已确认 1": the flags' statuses, for people.
std::string HouseholdStatusText(const HouseholdSummary& h);

// A household review file whole: its summary and every flag (in member,
// then ground order), each as Show gives it (bank data masked unless the
// user is granted it).
struct HouseholdFile {
  HouseholdSummary summary;
  std::vector<ReviewCase> flags;
};

struct ImportedRuns {
  std::vector<uint32_t> runs;  // imported now, in order
  // Runs recorded by a hedui that kept no flag list for the store (before
  // the case store existed): counted as imported, their flags not read.
  std::vector<uint32_t> skipped;
  size_t opened = 0, updated = 0, reopened = 0, gone = 0, returned = 0;
};

struct AuditCheck {
  bool ok = true;
  uint64_t entries = 0;
  // The first entry that does not verify (edited, deleted before it,
  // inserted or moved), and what is wrong with it.
  std::optional<uint64_t> first_bad;
  std::string problem;
  // The last entry: note it (on paper, in a mail to the inspectors) and
  // pass it to a later verify, which then also proves that nothing up to
  // it was rewritten since — the one forgery a chain kept in the same
  // store cannot show by itself (recomputing every hash after an edit).
  uint64_t head_seq = 0;
  std::string head_hash;
};

struct NewAttachment {
  std::string name;     // what the reviewer called it; text only
  std::string content;  // the bytes
};

class CaseStore {
 public:
  struct Options {
    // The county's outcome codes and notice period ([cases] of the rules
    // file); the defaults of DOMAIN.md §5 when null.
    const Rules* rules = nullptr;
    // Largest attachment accepted, in bytes.
    uint64_t max_attachment_bytes = 20u << 20;
    // The county's today, which bounds every date of the workflow (none
    // after it); null: the calendar day in China (UTC+8) now. Tests set a
    // fixed day.
    std::function<Date()> today;
  };
  // Opens (creating) DATA/cases. The data directory must exist.
  [[nodiscard]] static StatusOr<std::unique_ptr<CaseStore>> Open(
      const std::string& data_dir, const Options& options);
  ~CaseStore();
  CaseStore(const CaseStore&) = delete;
  CaseStore& operator=(const CaseStore&) = delete;

  // ---- users
  bool HasUsers() const;
  // The password checked with crypto_pwhash_str_verify. A wrong name and a
  // wrong password give the same message.
  [[nodiscard]] StatusOr<Actor> SignIn(const std::string& name,
                                       const std::string& password);
  // By an admin; the first user of an empty store needs no actor (null)
  // and must be an admin. Passwords of fewer than 8 characters are refused.
  [[nodiscard]] Status AddUser(const Actor* by, const User& user,
                               const std::string& password);
  // A user's own password, or anyone's by an admin.
  [[nodiscard]] Status SetPassword(const Actor& by, const std::string& name,
                                   const std::string& password);
  // Role, townships and the bank grant, by an admin.
  [[nodiscard]] Status Grant(const Actor& by, const User& user);
  [[nodiscard]] StatusOr<std::vector<User>> ListUsers(const Actor& by) const;
  // Disables (or enables again) a user, by an admin: a disabled user cannot
  // sign in, and an Actor of theirs is refused from its next call. Never
  // the last enabled admin. The user stays, as do their audit entries.
  [[nodiscard]] Status SetDisabled(const Actor& by, const std::string& name,
                                   bool disabled);
  // Whether `name` is a user who may act now (exists, not disabled): what
  // a front-end checks to end a session of a user disabled since.
  bool IsEnabled(const std::string& name) const;

  // ---- runs
  [[nodiscard]] StatusOr<ImportedRuns> ImportRuns();

  // ---- cases
  // The cases matching `filter` that `by` may see, in its order and page;
  // `matched` (when given) gets how many match in all pages.
  [[nodiscard]] StatusOr<std::vector<CaseSummary>> List(
      const Actor& by, const CaseFilter& filter,
      size_t* matched = nullptr) const;
  // The whole case, bank data masked unless the user is granted it; the
  // view is audited.
  [[nodiscard]] StatusOr<ReviewCase> Show(const Actor& by,
                                          const std::string& flag_id);
  // The changes below take the version the caller read (0: do not check)
  // and the day the thing happened (YYYY-MM-DD).
  [[nodiscard]] Status Assign(const Actor& by, const std::string& flag_id,
                              const std::string& assignee, uint64_t version);
  [[nodiscard]] Status RecordStep(const Actor& by, const std::string& flag_id,
                                  StepKind kind, const std::string& date,
                                  const std::string& notes,
                                  const std::vector<NewAttachment>& files,
                                  uint64_t version);
  [[nodiscard]] Status Decide(const Actor& by, const std::string& flag_id,
                              const std::string& outcome,
                              const std::string& date, const std::string& note,
                              uint64_t version);
  [[nodiscard]] Status Stop(const Actor& by, const std::string& flag_id,
                            const std::string& date, int64_t monthly_fen,
                            uint64_t version);
  [[nodiscard]] Status Recover(const Actor& by, const std::string& flag_id,
                               int64_t fen, const std::string& date,
                               const std::string& note, uint64_t version);
  [[nodiscard]] Status Comment(const Actor& by, const std::string& flag_id,
                               const std::string& text);
  [[nodiscard]] Status RequestReReview(const Actor& by,
                                       const std::string& flag_id,
                                       const std::string& reason);
  // The 告知书 of a confirmed case: a printable HTML page (print CSS), from
  // the county's template DATA/notice.toml when there is one
  // (configs/notice/README.md).
  struct NoticeOptions {
    // The day of delivery when it is not recorded yet (YYYY-MM-DD): the
    // letter then names the last day of the notice period.
    std::string delivered_on;
    // The number the letter shows; empty: the household review file's
    // number (ReviewCase::file_number), else the roll's case number.
    std::string case_number;
  };
  [[nodiscard]] StatusOr<std::string> Notice(const Actor& by,
                                             const std::string& flag_id);
  [[nodiscard]] StatusOr<std::string> Notice(const Actor& by,
                                             const std::string& flag_id,
                                             const NoticeOptions& options);
  // Where the 告知书 of a case is written by default: DATA/notices/.
  std::string NoticeDirectory() const;
  // An attachment's bytes, by its hash, if it belongs to a case the user
  // may read; the read is audited.
  [[nodiscard]] StatusOr<std::string> ReadAttachment(const Actor& by,
                                                     const std::string& flag_id,
                                                     const std::string& sha256);

  // Every case the user may read, whole (for reports), masked as Show;
  // audited as one entry naming `why` (e.g. "report 2026年专项整治").
  [[nodiscard]] StatusOr<std::vector<ReviewCase>> AllCases(
      const Actor& by, const std::string& why);

  // ---- households (一户一档): the flags of one roll case worked together.
  // `household` is a file number (410329-2026-00017) or a roll case ID.
  // Access is the flags': a user who may not read (work) the household's
  // township is refused, and nothing is written.

  // The households with at least one flag matching `filter` that `by` may
  // see, each summarising all its flags; sorted as `filter.sort` says
  // (kPlace: township, village, case ID; the others by the household's
  // sum, earliest date, least advanced status or first ground) and paged
  // as List is. `matched` gets how many households match in all pages.
  [[nodiscard]] StatusOr<std::vector<HouseholdSummary>> ListHouseholds(
      const Actor& by, const CaseFilter& filter,
      size_t* matched = nullptr) const;
  // The file whole; every flag's view is audited, in one write.
  [[nodiscard]] StatusOr<HouseholdFile> ShowHousehold(
      const Actor& by, const std::string& household);
  // Assigns every open flag of the household to `assignee`: one audit
  // entry per flag changed, all in one atomic write. `version` is the
  // HouseholdSummary's (0: do not check).
  [[nodiscard]] Status AssignHousehold(const Actor& by,
                                       const std::string& household,
                                       const std::string& assignee,
                                       uint64_t version);
  // One home visit (入户核查), democratic review (民主评议) or hearing (听证)
  // recorded on every open flag of the household, with the same notes and
  // attachments, in one atomic write. Refused, with nothing written, while
  // an open flag is unassigned (a flag that joined the file later): assign
  // the household first.
  [[nodiscard]] Status RecordHouseholdStep(
      const Actor& by, const std::string& household, StepKind kind,
      const std::string& date, const std::string& notes,
      const std::vector<NewAttachment>& files, uint64_t version);

  // ---- audit (admins and auditors)
  [[nodiscard]] StatusOr<std::vector<AuditEntry>> AuditLog(
      const Actor& by, const std::string& flag_id = {}) const;
  // With an anchor (seq and hash noted from an earlier verify), also checks
  // that entry `anchor_seq` still has that hash.
  [[nodiscard]] StatusOr<AuditCheck> VerifyAudit(
      const Actor& by, uint64_t anchor_seq = 0,
      const std::string& anchor_hash = {}) const;

  // The outcome codes in force: confirmed ones, then cleared ones.
  const std::vector<std::string>& confirmed_outcomes() const;
  const std::vector<std::string>& cleared_outcomes() const;
  int notice_days() const;

  // Grows with every change of a case or a user (an import, a decision, a
  // grant), never with a view: what a front-end keys a cache of rendered
  // lists on. A list read after generation() returned g is at least as new
  // as g.
  uint64_t generation() const;

  struct Impl;

 private:
  explicit CaseStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hedui

#endif  // HEDUI_CASE_STORE_H_
