#include "hedui/case_store.h"

#include <fmt/format.h>
#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>

#include "engine/base/files.h"
#include "engine/base/local_time.h"
#include "engine/base/private_files.h"
#include "engine/cases/access.h"
#include "engine/cases/attachments.h"
#include "engine/cases/audit_chain.h"
#include "engine/cases/case_codec.h"
#include "engine/cases/notice.h"
#include "engine/cases/passwords.h"
#include "engine/cases/run_import.h"
#include "engine/cases/workflow.h"
#include "hedui/date.h"
#include "hedui/run_log.h"

namespace hedui {
namespace {

constexpr char kImportedRunKey[] = "imported_run";
constexpr char kAuditHeadKey[] = "audit_head";
constexpr char kZeroHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

std::string SeqKey(uint64_t seq) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i) {
    key[static_cast<size_t>(i)] = static_cast<char>(seq & 0xff);
    seq >>= 8;
  }
  return key;
}

Status FromRocks(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return Status::OK();
  return Status::IOError(fmt::format("case store: {}: {}", what, s.ToString()));
}

std::string UserLine(const User& u) {
  std::string towns;
  for (const std::string& t : u.townships)
    towns += (towns.empty() ? "" : ",") + t;
  return fmt::format("role={} townships={} sees_bank={}", RoleName(u.role),
                     towns, u.sees_bank ? "yes" : "no");
}

// Text the store keeps must be UTF-8 (it is stored as JSON and read back on
// every open: one note typed in a GBK terminal would make the store
// unreadable).
Status RequireUtf8(std::string_view text, std::string_view what) {
  if (IsUtf8(text)) return Status::OK();
  return Status::InvalidArgument(fmt::format(
      "{}不是 UTF-8 编码（终端是否为 GBK？）/ the {} is not UTF-8 (is the "
      "terminal set to GBK?)",
      what, what));
}

Status CheckTownships(const User& user) {
  for (const std::string& t : user.townships)
    HEDUI_RETURN_IF_ERROR(RequireUtf8(t, "township"));
  return Status::OK();
}

Status CheckUserName(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64 && IsUtf8(name);
  for (unsigned char c : name) ok &= c > 0x20 && c != 0x7f;
  if (!ok) {
    return Status::InvalidArgument(fmt::format(
        "用户名 '{}' 无效：1–64 字节，不含空格和控制字符 / the user name '{}' "
        "must be 1–64 bytes with no spaces or control characters",
        name, name));
  }
  return Status::OK();
}

// A whole decimal number, or nothing (std::stoull throws, and accepts a
// prefix): the meta values are read back from a store that may have been
// edited.
template <typename T>
std::optional<T> ParseNumber(std::string_view text) {
  T value{};
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    return std::nullopt;
  return value;
}

// The last file sequence given per county and year: meta keys
// "file_seq/410329-2026" → "17".
constexpr char kFileSeqPrefix[] = "file_seq/";

Status LoadFileSequences(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta,
                         std::map<std::string, uint32_t>* out) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, meta));
  for (it->Seek(kFileSeqPrefix);
       it->Valid() && it->key().starts_with(kFileSeqPrefix); it->Next()) {
    std::optional<uint32_t> seq =
        ParseNumber<uint32_t>(it->value().ToStringView());
    if (!seq) {
      return Status::Corruption(
          fmt::format("case store: the file sequence {} cannot be read",
                      it->key().ToString()));
    }
    (*out)[it->key().ToString().substr(sizeof(kFileSeqPrefix) - 1)] = *seq;
  }
  return FromRocks(it->status(), "reading file sequences");
}

}  // namespace

struct CaseStore::Impl {
  std::string data_dir, dir;
  std::unique_ptr<rocksdb::DB> db;
  rocksdb::ColumnFamilyHandle* meta = nullptr;
  rocksdb::ColumnFamilyHandle* cases_cf = nullptr;
  rocksdb::ColumnFamilyHandle* users_cf = nullptr;
  rocksdb::ColumnFamilyHandle* audit_cf = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  WorkflowRules rules;
  std::string county;
  uint64_t max_attachment_bytes = 0;
  std::unique_ptr<AttachmentStore> attachments;

  // Everything below is guarded by `mu`. Writes hold it exclusively from
  // reading the case to the synced write, so two changes of one case never
  // interleave; the store's process is the only writer (RocksDB's lock).
  mutable std::shared_mutex mu;
  std::map<std::string, ReviewCase> cases;
  // The cases in list order (township, village, case ID, rule, flag ID),
  // pointing into `cases` (map nodes do not move). Only an import adds
  // cases or changes what they sort by; lists (the review site's busiest
  // page) then filter in order instead of copying and sorting summaries.
  std::vector<const ReviewCase*> ordered;
  std::map<std::string, StoredUser> users;
  // Every township of a case, sorted: where an evidence record's address
  // says its person lives (MaskOtherTownships). Set with `ordered`.
  std::vector<std::string> townships;
  // 一户一档: each roll case's flags (member, then ground order) and each
  // file number's case, rebuilt with `ordered`; the last sequence given per
  // county and year ("410329-2026"), kept in meta under kFileSeqPrefix.
  std::map<std::string, std::vector<const ReviewCase*>> households;
  std::map<std::string, std::string> file_case;
  std::map<std::string, uint32_t> file_seq;
  std::vector<std::string> region_codes;
  uint32_t imported_run = 0;
  AuditHead head;  // seq 0, zero hash when empty

  ~Impl() {
    if (db) {
      for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    }
  }

  // A write in progress: the puts, then the audit entries chained on the
  // head, all in one synced RocksDB write.
  struct Write {
    rocksdb::WriteBatch batch;
    AuditHead head;
    bool data = false;  // a case or a user changes (not only the audit log)
  };
  std::atomic<uint64_t> generation{1};
  Write Begin() const {
    Write w;
    w.head = head;
    return w;
  }
  void Audit(Write* w, const std::string& user, const std::string& action,
             const std::string& flag_id, const std::string& before,
             const std::string& after) const {
    AuditEntry e;
    e.seq = w->head.seq + 1;
    e.at = NowUtcText();
    e.user = user;
    e.action = action;
    e.flag_id = flag_id;
    e.before = before;
    e.after = after;
    SealAuditEntry(&e,
                   w->head.seq == 0 ? std::string(kZeroHash) : w->head.hash);
    w->batch.Put(audit_cf, SeqKey(e.seq), EncodeAuditEntry(e));
    w->head = AuditHead{e.seq, e.hash};
  }
  Status Commit(Write* w) {
    if (w->head.seq != head.seq) {
      w->batch.Put(meta, kAuditHeadKey,
                   fmt::format("{}\t{}", w->head.seq, w->head.hash));
    }
    rocksdb::WriteOptions options;
    options.sync = true;  // a change that returned OK survives a power cut
    HEDUI_RETURN_IF_ERROR(FromRocks(db->Write(options, &w->batch), "write"));
    head = w->head;
    if (w->data) ++generation;
    return Status::OK();
  }
  void PutCase(Write* w, const ReviewCase& c) const {
    w->batch.Put(cases_cf, c.flag_id, EncodeReviewCase(c));
    w->data = true;
  }
  void PutUser(Write* w, const StoredUser& u) const {
    w->batch.Put(users_cf, u.user.name, EncodeUser(u));
    w->data = true;
  }

  StatusOr<const ReviewCase*> Find(const std::string& flag_id) const {
    auto it = cases.find(flag_id);
    if (it == cases.end()) {
      return Status::NotFound(fmt::format(
          "没有案件 {} / there is no case {} (hedui cases list shows them)",
          flag_id, flag_id));
    }
    return &it->second;
  }

  // The current state of the actor: a role changed or a user removed since
  // sign-in counts from the next call.
  StatusOr<User> Current(const Actor& by) const {
    auto it = users.find(by.name());
    if (it == users.end()) {
      return Status::PermissionDenied(fmt::format(
          "用户 {} 不存在 / there is no user {}", by.name(), by.name()));
    }
    if (it->second.user.disabled) return DisabledUser(by.name());
    return it->second.user;
  }

  static Status DisabledUser(const std::string& name) {
    return Status::PermissionDenied(fmt::format(
        "用户 {} 已停用，请联系管理员 / user {} is disabled; ask an "
        "administrator",
        name, name));
  }

  // A refusal on the record (issue 19): one audit entry — who, what they
  // attempted, which case, "refused" — and nothing else written. Returns
  // `refusal`, or the write's error (a refusal not recorded is an error).
  // Only PermissionDenied is a refusal; any other status passes through.
  // `mu` held exclusively.
  Status Refused(const std::string& who, std::string_view attempt,
                 const std::string& flag_id, const Status& refusal) {
    if (refusal.code() != Status::Code::kPermissionDenied) return refusal;
    Write w = Begin();
    Audit(&w, who, "refused", flag_id, "",
          fmt::format("attempt={} result=refused", attempt));
    HEDUI_RETURN_IF_ERROR(Commit(&w));
    return refusal;
  }
  // The same from a reader that held `mu` shared and has released it.
  Status RefusedUnlocked(const std::string& who, std::string_view attempt,
                         const std::string& flag_id, const Status& refusal) {
    std::unique_lock lock(mu);
    return Refused(who, attempt, flag_id, refusal);
  }

  void Reorder() {
    IndexHouseholds();
    ordered.clear();
    ordered.reserve(cases.size());
    for (const auto& [id, c] : cases) ordered.push_back(&c);
    std::sort(ordered.begin(), ordered.end(),
              [](const ReviewCase* a, const ReviewCase* b) {
                return std::tie(a->township, a->village, a->case_id, a->rule,
                                a->flag_id) < std::tie(b->township, b->village,
                                                       b->case_id, b->rule,
                                                       b->flag_id);
              });
    townships.clear();
    for (const ReviewCase* c : ordered) {
      if (!c->township.empty() &&
          (townships.empty() || townships.back() != c->township))
        townships.push_back(c->township);
    }
  }

  ReviewCase Visible(const User& user, const ReviewCase& c) const {
    ReviewCase copy = c;
    if (!(user.sees_bank || user.role == Role::kAdmin)) MaskBankData(&copy);
    MaskOtherTownships(user, townships, &copy);
    return copy;
  }

  // Reads the case, checks who acts, applies `change`, writes the case and
  // its audit entry.
  template <typename Check, typename Change>
  Status Mutate(const Actor& by, const std::string& flag_id, uint64_t version,
                const std::string& action, Check check, Change change) {
    std::unique_lock lock(mu);
    // "step:home_visit" is attempted as a step.
    std::string_view attempt = std::string_view(action).substr(
        0, std::min(action.size(), action.find(':')));
    StatusOr<User> user = Current(by);
    if (!user.ok()) return Refused(by.name(), attempt, flag_id, user.status());
    StatusOr<const ReviewCase*> found = Find(flag_id);
    if (!found.ok()) return found.status();
    const ReviewCase& stored = *found.value();
    Status allowed = check(user.value(), stored);
    if (!allowed.ok()) return Refused(by.name(), attempt, flag_id, allowed);
    if (version != 0 && version != stored.version) {
      return Status::FailedPrecondition(fmt::format(
          "案件 {} 已被他人修改（版本 {}，你看到的是 {}），请刷新后再操作 / "
          "case {} "
          "changed since you read it (version {}, you read {}); reload it",
          flag_id, stored.version, version, flag_id, stored.version, version));
    }
    ReviewCase updated = stored;
    HEDUI_RETURN_IF_ERROR(change(user.value(), &updated));
    HEDUI_RETURN_IF_ERROR(
        RequireUtf8(EncodeReviewCase(updated), "text (notes, names)"));
    ++updated.version;
    Write w = Begin();
    PutCase(&w, updated);
    Audit(&w, by.name(), action, flag_id, CaseStateLine(stored),
          CaseStateLine(updated));
    HEDUI_RETURN_IF_ERROR(Commit(&w));
    cases[flag_id] = std::move(updated);
    return Status::OK();
  }

  // ---- households (一户一档)
  void IndexHouseholds();
  StatusOr<std::string> ResolveHousehold(const std::string& text) const;
  std::string NewFileNumber(Write* w, std::map<std::string, uint32_t>* seq,
                            const ReviewCase& first,
                            const std::string& as_of) const;
  void NumberNewHouseholds(Write* w, std::map<std::string, uint32_t>* seq,
                           const std::string& as_of,
                           std::vector<CaseChange>* changes) const;
  Status NumberOldHouseholds();
  template <typename Check, typename Prepare, typename Change>
  Status MutateHousehold(const Actor& by, const std::string& household,
                         uint64_t version, const std::string& action,
                         Check check, Prepare prepare, Change change);

  // The audit log in order, up to the first entry that does not decode
  // (Corruption; `out` holds those before it).
  Status ReadAudit(std::vector<AuditEntry>* out) const {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, audit_cf));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      StatusOr<AuditEntry> e = DecodeAuditEntry(it->value().ToStringView());
      if (!e.ok()) return e.status();
      out->push_back(std::move(e.value()));
    }
    return FromRocks(it->status(), "reading the audit log");
  }

  // The county's day (Options::today, else China's): the bound of every
  // workflow date, and the date of what is recorded as done now.
  std::function<Date()> today_source;
  std::string Today() const {
    return (today_source ? today_source() : TodayInChina()).ToString();
  }

  ActionContext Context(const Actor& by, const std::string& date) const {
    return ActionContext{by.name(), date, NowUtcText(), Today()};
  }
};

CaseStore::CaseStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CaseStore::~CaseStore() = default;

StatusOr<std::unique_ptr<CaseStore>> CaseStore::Open(
    const std::string& data_dir, const Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->data_dir = data_dir;
  impl->dir = data_dir + "/cases";
  std::error_code ec;
  if (!std::filesystem::is_directory(data_dir, ec)) {
    return Status::NotFound(fmt::format(
        "{}: no data directory here (run `hedui ingest --data {}` first)",
        data_dir, data_dir));
  }
  HEDUI_RETURN_IF_ERROR(MakePrivateDirectory(impl->dir));
  if (options.rules) {
    impl->rules.confirmed_outcomes = options.rules->confirmed_outcomes;
    impl->rules.cleared_outcomes = options.rules->cleared_outcomes;
    impl->rules.notice_days = options.rules->notice_days;
    impl->county = options.rules->county;
    impl->region_codes = options.rules->region_codes;
  } else {
    Rules defaults;
    impl->rules.confirmed_outcomes = defaults.confirmed_outcomes;
    impl->rules.cleared_outcomes = defaults.cleared_outcomes;
    impl->rules.notice_days = defaults.notice_days;
  }
  impl->max_attachment_bytes = options.max_attachment_bytes;
  impl->today_source = options.today;
  impl->attachments =
      std::make_unique<AttachmentStore>(impl->dir + "/attachments");

  // RocksDB would create db/ with the process's umask (0755 under the
  // usual 022); the store's directories are private whoever calls it.
  HEDUI_RETURN_IF_ERROR(MakePrivateDirectory(impl->dir + "/db"));
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.info_log_level = rocksdb::WARN_LEVEL;
  db_options.keep_log_file_num = 2;
  db_options.max_file_opening_threads = 1;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = {
      {rocksdb::kDefaultColumnFamilyName, {}},
      {"cases", {}},
      {"users", {}},
      {"audit", {}}};
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, impl->dir + "/db",
                                        descriptors, &impl->handles, &db);
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
      return Status::IOError(fmt::format(
          "{}: another hedui process holds the case store (a review server, "
          "`hedui serve`, or another command); stop it or wait for it",
          impl->dir));
    }
    return FromRocks(s, impl->dir);
  }
  impl->db.reset(db);
  impl->meta = impl->handles[0];
  impl->cases_cf = impl->handles[1];
  impl->users_cf = impl->handles[2];
  impl->audit_cf = impl->handles[3];

  std::string value;
  if (db->Get({}, impl->meta, kImportedRunKey, &value).ok()) {
    std::optional<uint32_t> run = ParseNumber<uint32_t>(value);
    if (!run) {
      return Status::Corruption(impl->dir +
                                ": the last imported run cannot be read");
    }
    impl->imported_run = *run;
  }
  if (db->Get({}, impl->meta, kAuditHeadKey, &value).ok()) {
    size_t tab = value.find('\t');
    std::optional<uint64_t> seq =
        tab == std::string::npos
            ? std::nullopt
            : ParseNumber<uint64_t>(std::string_view(value).substr(0, tab));
    if (!seq)
      return Status::Corruption(impl->dir + ": the audit head cannot be read");
    impl->head = AuditHead{*seq, value.substr(tab + 1)};
  }
  HEDUI_RETURN_IF_ERROR(LoadFileSequences(db, impl->meta, &impl->file_seq));
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, impl->cases_cf));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    StatusOr<ReviewCase> c = DecodeReviewCase(it->value().ToStringView());
    if (!c.ok()) return c.status();
    impl->cases.emplace(c->flag_id, std::move(c.value()));
  }
  HEDUI_RETURN_IF_ERROR(FromRocks(it->status(), "reading cases"));
  impl->Reorder();
  it.reset(db->NewIterator({}, impl->users_cf));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    StatusOr<StoredUser> u = DecodeUser(it->value().ToStringView());
    if (!u.ok()) return u.status();
    impl->users.emplace(u->user.name, std::move(u.value()));
  }
  HEDUI_RETURN_IF_ERROR(FromRocks(it->status(), "reading users"));
  HEDUI_RETURN_IF_ERROR(impl->NumberOldHouseholds());
  return std::unique_ptr<CaseStore>(new CaseStore(std::move(impl)));
}

// ---- users

bool CaseStore::HasUsers() const {
  std::shared_lock lock(impl_->mu);
  return !impl_->users.empty();
}

StatusOr<Actor> CaseStore::SignIn(const std::string& name,
                                  const std::string& password) {
  StoredUser user;
  {
    std::shared_lock lock(impl_->mu);
    auto it = impl_->users.find(name);
    if (it != impl_->users.end()) user = it->second;
  }
  // The hash is checked even for an unknown name, so that the time taken
  // does not tell which names exist.
  static const std::string kDummy = [] {
    StatusOr<std::string> h = HashPassword("not a password of anyone");
    return h.ok() ? h.value() : std::string();
  }();
  bool ok = VerifyPassword(
      user.password_hash.empty() ? kDummy : user.password_hash, password);
  if (!ok || user.user.name.empty()) {
    return Status::PermissionDenied(
        "用户名或密码错误 / wrong user name or password");
  }
  if (user.user.disabled) {
    // Said only to whoever knows the password.
    return impl_->RefusedUnlocked(name, "sign_in", "",
                                  Impl::DisabledUser(name));
  }
  return Actor(user.user);
}

Status CaseStore::AddUser(const Actor* by, const User& user,
                          const std::string& password) {
  std::unique_lock lock(impl_->mu);
  if (by == nullptr) {
    if (!impl_->users.empty()) {
      return Status::PermissionDenied(
          "已有用户，新增用户须由管理员操作（--user）/ users exist: an "
          "administrator must add new ones (--user)");
    }
    if (user.role != Role::kAdmin) {
      return Status::InvalidArgument(
          "第一个用户必须是管理员 / the first user must be an administrator "
          "(--role admin)");
    }
  } else {
    StatusOr<User> current = impl_->Current(*by);
    Status allowed =
        current.ok() ? CanManageUsers(current.value()) : current.status();
    if (!allowed.ok())
      return impl_->Refused(by->name(), "user_add", "", allowed);
  }
  HEDUI_RETURN_IF_ERROR(CheckUserName(user.name));
  HEDUI_RETURN_IF_ERROR(CheckTownships(user));
  if (impl_->users.count(user.name)) {
    return Status::AlreadyExists(fmt::format(
        "用户 {} 已存在 / user {} exists (hedui users grant changes a role)",
        user.name, user.name));
  }
  if (user.role == Role::kTownship && user.townships.empty()) {
    return Status::InvalidArgument(fmt::format(
        "乡镇经办人须指定乡镇（--township）/ a township officer needs their "
        "townships (--township)"));
  }
  HEDUI_RETURN_IF_ERROR(CheckNewPassword(password));
  StatusOr<std::string> hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  StoredUser stored{user, hash.value()};
  stored.user.created_at = NowUtcText();
  Impl::Write w = impl_->Begin();
  impl_->PutUser(&w, stored);
  impl_->Audit(&w, by ? by->name() : user.name, "user_add", "", "",
               fmt::format("user={} {}", user.name, UserLine(stored.user)));
  HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
  impl_->users[user.name] = std::move(stored);
  return Status::OK();
}

Status CaseStore::SetPassword(const Actor& by, const std::string& name,
                              const std::string& password) {
  std::unique_lock lock(impl_->mu);
  StatusOr<User> current = impl_->Current(by);
  Status allowed = !current.ok()       ? current.status()
                   : name != by.name() ? CanManageUsers(current.value())
                                       : Status::OK();
  if (!allowed.ok())
    return impl_->Refused(by.name(), "user_password", "", allowed);
  auto it = impl_->users.find(name);
  if (it == impl_->users.end()) {
    return Status::NotFound(
        fmt::format("用户 {} 不存在 / there is no user {}", name, name));
  }
  HEDUI_RETURN_IF_ERROR(CheckNewPassword(password));
  StatusOr<std::string> hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  StoredUser stored = it->second;
  stored.password_hash = hash.value();
  Impl::Write w = impl_->Begin();
  impl_->PutUser(&w, stored);
  impl_->Audit(&w, by.name(), "user_password", "", fmt::format("user={}", name),
               fmt::format("user={} password changed", name));
  HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
  it->second = std::move(stored);
  return Status::OK();
}

Status CaseStore::Grant(const Actor& by, const User& user) {
  std::unique_lock lock(impl_->mu);
  StatusOr<User> current = impl_->Current(by);
  Status allowed =
      current.ok() ? CanManageUsers(current.value()) : current.status();
  if (!allowed.ok())
    return impl_->Refused(by.name(), "user_grant", "", allowed);
  HEDUI_RETURN_IF_ERROR(CheckTownships(user));
  auto it = impl_->users.find(user.name);
  if (it == impl_->users.end()) {
    return Status::NotFound(fmt::format("用户 {} 不存在 / there is no user {}",
                                        user.name, user.name));
  }
  if (user.role == Role::kTownship && user.townships.empty()) {
    return Status::InvalidArgument(
        "乡镇经办人须指定乡镇（--township）/ a township officer needs their "
        "townships (--township)");
  }
  if (it->second.user.role == Role::kAdmin && user.role != Role::kAdmin) {
    size_t admins = 0;
    for (const auto& [name, u] : impl_->users)
      admins += u.user.role == Role::kAdmin;
    if (admins == 1) {
      return Status::FailedPrecondition(fmt::format(
          "{} 是唯一的管理员，不能取消其管理员角色 / {} is the only "
          "administrator; make another one first",
          user.name, user.name));
    }
  }
  StoredUser stored = it->second;
  std::string before = UserLine(stored.user);
  stored.user.role = user.role;
  stored.user.townships = user.townships;
  stored.user.sees_bank = user.sees_bank;
  Impl::Write w = impl_->Begin();
  impl_->PutUser(&w, stored);
  impl_->Audit(&w, by.name(), "user_grant", "",
               fmt::format("user={} {}", user.name, before),
               fmt::format("user={} {}", user.name, UserLine(stored.user)));
  HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
  it->second = std::move(stored);
  return Status::OK();
}

StatusOr<std::vector<User>> CaseStore::ListUsers(const Actor& by) const {
  std::shared_lock lock(impl_->mu);
  StatusOr<User> current = impl_->Current(by);
  Status allowed =
      current.ok() ? CanManageUsers(current.value()) : current.status();
  if (!allowed.ok()) {
    lock.unlock();
    return impl_->RefusedUnlocked(by.name(), "user_list", "", allowed);
  }
  std::vector<User> users;
  for (const auto& [name, u] : impl_->users) users.push_back(u.user);
  return users;
}

Status CaseStore::SetDisabled(const Actor& by, const std::string& name,
                              bool disabled) {
  std::unique_lock lock(impl_->mu);
  const char* action = disabled ? "user_disable" : "user_enable";
  StatusOr<User> current = impl_->Current(by);
  Status allowed =
      current.ok() ? CanManageUsers(current.value()) : current.status();
  if (!allowed.ok()) return impl_->Refused(by.name(), action, "", allowed);
  auto it = impl_->users.find(name);
  if (it == impl_->users.end()) {
    return Status::NotFound(
        fmt::format("用户 {} 不存在 / there is no user {}", name, name));
  }
  if (it->second.user.disabled == disabled) return Status::OK();
  if (disabled && it->second.user.role == Role::kAdmin) {
    size_t enabled_admins = 0;
    for (const auto& [n, u] : impl_->users)
      enabled_admins += u.user.role == Role::kAdmin && !u.user.disabled;
    if (enabled_admins == 1) {
      return Status::FailedPrecondition(fmt::format(
          "{} 是唯一可用的管理员，不能停用 / {} is the only enabled "
          "administrator; make or enable another one first",
          name, name));
    }
  }
  StoredUser stored = it->second;
  stored.user.disabled = disabled;
  Impl::Write w = impl_->Begin();
  impl_->PutUser(&w, stored);
  impl_->Audit(
      &w, by.name(), action, "",
      fmt::format("user={} disabled={}", name, disabled ? "no" : "yes"),
      fmt::format("user={} disabled={}", name, disabled ? "yes" : "no"));
  HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
  it->second = std::move(stored);
  return Status::OK();
}

bool CaseStore::IsEnabled(const std::string& name) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->users.find(name);
  return it != impl_->users.end() && !it->second.user.disabled;
}

// ---- runs

StatusOr<ImportedRuns> CaseStore::ImportRuns() {
  std::unique_lock lock(impl_->mu);
  ImportedRuns imported;
  // The file sequences as this import advances them; kept once written.
  std::map<std::string, uint32_t> file_seq = impl_->file_seq;
  RunLog log(impl_->data_dir);
  for (const RunRecord& record : log.List()) {
    if (record.number <= impl_->imported_run) continue;
    RunFlags flags;
    flags.run = record.number;
    flags.as_of = record.as_of;
    std::string path = log.CasesPath(record.number);
    bool skipped = false;
    if (std::filesystem::exists(path)) {
      StatusOr<RunFlags> read = ReadRunFlags(path, record.number, record.as_of);
      if (!read.ok()) return read.status();
      flags = std::move(read.value());
    } else if (record.flags > 0) {
      skipped = true;  // recorded before the case store: nothing to read
    }
    Impl::Write w = impl_->Begin();
    std::vector<CaseChange> changes;
    if (!skipped) {
      changes = MergeRun(impl_->cases, flags, NowUtcText(), &imported);
      impl_->NumberNewHouseholds(&w, &file_seq, record.as_of, &changes);
      for (CaseChange& change : changes) {
        ++change.after.version;
        impl_->PutCase(&w, change.after);
        if (!change.action.empty()) {
          impl_->Audit(&w, "hedui",
                       fmt::format("run{}:{}", record.number, change.action),
                       change.after.flag_id,
                       change.created ? "" : CaseStateLine(change.before),
                       CaseStateLine(change.after));
        }
      }
    }
    w.batch.Put(impl_->meta, kImportedRunKey, std::to_string(record.number));
    // One write per run: a kill leaves the run imported whole or not at
    // all, and the next open imports it again from the start.
    HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
    impl_->imported_run = record.number;
    impl_->file_seq = file_seq;
    for (CaseChange& change : changes) {
      std::string id = change.after.flag_id;
      impl_->cases[id] = std::move(change.after);
    }
    (skipped ? imported.skipped : imported.runs).push_back(record.number);
    impl_->Reorder();
  }
  return imported;
}

// ---- cases

namespace {

// Every filter but the text, which depends on what the user may see.
bool MatchesFields(const CaseFilter& f, const ReviewCase& c) {
  auto any = [](const std::vector<std::string>& list, const std::string& v) {
    return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  if (!any(f.townships, c.township) || !any(f.villages, c.village) ||
      !any(f.rules, c.rule))
    return false;
  if (!f.statuses.empty() && std::find(f.statuses.begin(), f.statuses.end(),
                                       c.status) == f.statuses.end())
    return false;
  if (c.monthly_at_stake_fen < f.min_at_stake_fen) return false;
  if (!f.assignee.empty() && c.assignee != f.assignee) return false;
  if (!f.seen_from.empty() && c.first_seen < f.seen_from) return false;
  if (!f.seen_to.empty() && c.first_seen > f.seen_to) return false;
  return true;
}

// An auditor reads the audit log, never a case.
Status ReadsCases(const User& user) {
  if (user.role != Role::kAuditor) return Status::OK();
  return Status::PermissionDenied(
      fmt::format("用户 {}（审计）只能查看审计日志 / user {} (auditor) reads "
                  "the audit log, not the cases",
                  user.name, user.name));
}

CaseSummary Summary(const ReviewCase& c) {
  CaseSummary s;
  s.flag_id = c.flag_id;
  s.rule = c.rule;
  s.case_id = c.case_id;
  s.id_number = c.id_number;
  s.name = c.name;
  s.township = c.township;
  s.village = c.village;
  s.status = c.status;
  s.assignee = c.assignee;
  s.outcome = c.outcome;
  s.first_seen = c.first_seen;
  s.since = c.since;
  s.group_id = c.group_id;
  s.amount_fen = c.amount_fen;
  s.monthly_at_stake_fen = c.monthly_at_stake_fen;
  s.reason = c.reason;
  s.in_data = c.in_data;
  s.version = c.version;
  return s;
}

}  // namespace

StatusOr<std::vector<CaseSummary>> CaseStore::List(const Actor& by,
                                                   const CaseFilter& filter,
                                                   size_t* matched) const {
  std::shared_lock lock(impl_->mu);
  StatusOr<User> user = impl_->Current(by);
  Status allowed = user.ok() ? ReadsCases(user.value()) : user.status();
  if (!allowed.ok()) {
    lock.unlock();
    return impl_->RefusedUnlocked(by.name(), "list", "", allowed);
  }
  bool masked = !(user->sees_bank || user->role == Role::kAdmin);
  // The reason as this user sees it: a user who may not see bank data
  // cannot find a case by typing an account number either.
  auto reason = [&](const ReviewCase& c) {
    if (!masked) return c.reason;
    std::vector<std::string_view> keep = {c.case_id};
    for (const std::string& g : c.group_cases) keep.push_back(g);
    return MaskReason(c.rule, c.reason, keep);
  };
  std::vector<const ReviewCase*> found;
  for (const ReviewCase* c : impl_->ordered) {
    if (!InJurisdiction(user.value(), c->township) ||
        !MatchesFields(filter, *c))
      continue;
    if (!filter.text.empty()) {
      const std::string& t = filter.text;
      bool hit = false;
      for (const std::string* text :
           {&c->name, &c->id_number, &c->case_id, &c->flag_id, &c->file_number})
        hit |= text->find(t) != std::string::npos;
      if (!hit && reason(*c).find(t) == std::string::npos) continue;
    }
    found.push_back(c);
  }
  using Sort = CaseFilter::Sort;
  auto by_key = [&](auto key) {
    std::stable_sort(found.begin(), found.end(),
                     [&](const ReviewCase* a, const ReviewCase* b) {
                       return key(*a) < key(*b);
                     });
  };
  switch (filter.sort) {
    case Sort::kPlace:
      break;
    case Sort::kAtStakeDesc:
      by_key([](const ReviewCase& c) { return -c.monthly_at_stake_fen; });
      break;
    case Sort::kAmountDesc:
      by_key([](const ReviewCase& c) { return -c.amount_fen; });
      break;
    case Sort::kSince:
      by_key([](const ReviewCase& c) -> const std::string& { return c.since; });
      break;
    case Sort::kStatus:
      by_key([](const ReviewCase& c) { return static_cast<int>(c.status); });
      break;
    case Sort::kRule:
      by_key([](const ReviewCase& c) -> const std::string& { return c.rule; });
      break;
  }
  if (matched) *matched = found.size();
  size_t from = std::min(filter.offset, found.size());
  size_t to = filter.limit == 0 ? found.size()
                                : std::min(found.size(), from + filter.limit);
  std::vector<CaseSummary> out;
  out.reserve(to - from);
  for (size_t i = from; i < to; ++i) {
    out.push_back(Summary(*found[i]));
    if (masked) out.back().reason = reason(*found[i]);
    if (!found[i]->group_id.empty()) {
      out.back().reason =
          MaskOtherTownshipsInText(user.value(), impl_->townships, *found[i],
                                   std::move(out.back().reason));
    }
  }
  return out;
}

StatusOr<ReviewCase> CaseStore::Show(const Actor& by,
                                     const std::string& flag_id) {
  std::unique_lock lock(impl_->mu);
  StatusOr<User> user = impl_->Current(by);
  if (!user.ok())
    return impl_->Refused(by.name(), "view", flag_id, user.status());
  StatusOr<const ReviewCase*> found = impl_->Find(flag_id);
  if (!found.ok()) return found.status();
  Status allowed = CanReadCase(user.value(), *found.value());
  if (!allowed.ok()) return impl_->Refused(by.name(), "view", flag_id, allowed);
  ReviewCase visible = impl_->Visible(user.value(), *found.value());
  Impl::Write w = impl_->Begin();
  impl_->Audit(&w, by.name(), "view", flag_id, "",
               fmt::format("version={}", visible.version));
  HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
  return visible;
}

Status CaseStore::Assign(const Actor& by, const std::string& flag_id,
                         const std::string& assignee, uint64_t version) {
  Impl* impl = impl_.get();
  return impl_->Mutate(
      by, flag_id, version, "assign",
      [&](const User& user, const ReviewCase& c) -> Status {
        HEDUI_RETURN_IF_ERROR(CanWorkCase(user, c));
        auto it = impl->users.find(assignee);
        if (it == impl->users.end()) {
          return Status::NotFound(fmt::format(
              "用户 {} 不存在 / there is no user {}", assignee, assignee));
        }
        if (it->second.user.disabled) {
          return Status::InvalidArgument(
              fmt::format("用户 {} 已停用，不能承办案件 / user {} is disabled",
                          assignee, assignee));
        }
        Status can = CanWorkCase(it->second.user, c);
        if (!can.ok()) {
          return Status::InvalidArgument(fmt::format(
              "{} 不能承办 {} 的案件 / {} cannot work cases of {}: {}",
              assignee, c.township, assignee, c.township, can.message()));
        }
        return Status::OK();
      },
      [&](const User&, ReviewCase* c) {
        return ApplyAssign(c, impl->Context(by, impl->Today()), assignee);
      });
}

Status CaseStore::RecordStep(const Actor& by, const std::string& flag_id,
                             StepKind kind, const std::string& date,
                             const std::string& notes,
                             const std::vector<NewAttachment>& files,
                             uint64_t version) {
  if ((kind == StepKind::kComment || kind == StepKind::kReReviewRequest) &&
      !files.empty()) {
    return Status::InvalidArgument(
        "附件须随核查步骤（入户核查、民主评议、听证、告知书送达）上传 / files "
        "are "
        "attached to a review step, not to a comment or a re-review request");
  }
  if (kind == StepKind::kComment) return Comment(by, flag_id, notes);
  if (kind == StepKind::kReReviewRequest)
    return RequestReReview(by, flag_id, notes);
  for (const NewAttachment& f : files) {
    if (f.content.size() > impl_->max_attachment_bytes) {
      return Status::InvalidArgument(fmt::format(
          "附件 {} 超过 {} 字节 / the attachment is larger than {} bytes",
          f.name.substr(0, 80), impl_->max_attachment_bytes,
          impl_->max_attachment_bytes));
    }
    HEDUI_RETURN_IF_ERROR(CheckAttachmentName(f.name));
  }
  Impl* impl = impl_.get();
  std::vector<Attachment> stored;
  return impl_->Mutate(
      by, flag_id, version, fmt::format("step:{}", StepKindName(kind)),
      [&](const User& user, const ReviewCase& c) -> Status {
        HEDUI_RETURN_IF_ERROR(CanWorkCase(user, c));
        // The files go in before the write that names them: a kill between
        // leaves an unreferenced file, never a step without its file.
        for (const NewAttachment& f : files) {
          StatusOr<Attachment> a = impl->attachments->Put(f.name, f.content);
          if (!a.ok()) return a.status();
          stored.push_back(a.value());
        }
        return Status::OK();
      },
      [&](const User&, ReviewCase* c) {
        return ApplyStep(c, impl->Context(by, date), kind, notes,
                         std::move(stored));
      });
}

Status CaseStore::Decide(const Actor& by, const std::string& flag_id,
                         const std::string& outcome, const std::string& date,
                         const std::string& note, uint64_t version) {
  Impl* impl = impl_.get();
  return impl_->Mutate(
      by, flag_id, version, "decide",
      [&](const User& user, const ReviewCase& c) { return CanDecide(user, c); },
      [&](const User&, ReviewCase* c) {
        return ApplyDecide(c, impl->Context(by, date), impl->rules, outcome,
                           note);
      });
}

Status CaseStore::Stop(const Actor& by, const std::string& flag_id,
                       const std::string& date, int64_t monthly_fen,
                       uint64_t version) {
  Impl* impl = impl_.get();
  return impl_->Mutate(
      by, flag_id, version, "stop",
      [&](const User& user, const ReviewCase& c) { return CanDecide(user, c); },
      [&](const User&, ReviewCase* c) {
        return ApplyStop(
            c, impl->Context(by, date), impl->rules,
            monthly_fen < 0 ? c->monthly_at_stake_fen : monthly_fen);
      });
}

Status CaseStore::Recover(const Actor& by, const std::string& flag_id,
                          int64_t fen, const std::string& date,
                          const std::string& note, uint64_t version) {
  Impl* impl = impl_.get();
  return impl_->Mutate(
      by, flag_id, version, "recover",
      [&](const User& user, const ReviewCase& c) {
        return CanWorkCase(user, c);
      },
      [&](const User&, ReviewCase* c) {
        return ApplyRecover(c, impl->Context(by, date), fen, note);
      });
}

Status CaseStore::Comment(const Actor& by, const std::string& flag_id,
                          const std::string& text) {
  Impl* impl = impl_.get();
  return impl_->Mutate(
      by, flag_id, 0, "comment",
      [&](const User& user, const ReviewCase& c) {
        return CanComment(user, c);
      },
      [&](const User&, ReviewCase* c) {
        return ApplyComment(c, impl->Context(by, impl->Today()), text);
      });
}

Status CaseStore::RequestReReview(const Actor& by, const std::string& flag_id,
                                  const std::string& reason) {
  Impl* impl = impl_.get();
  return impl_->Mutate(
      by, flag_id, 0, "re_review",
      [&](const User& user, const ReviewCase& c) {
        return CanRequestReReview(user, c);
      },
      [&](const User&, ReviewCase* c) {
        return ApplyReReviewRequest(c, impl->Context(by, impl->Today()),
                                    reason);
      });
}

StatusOr<std::string> CaseStore::Notice(const Actor& by,
                                        const std::string& flag_id) {
  return Notice(by, flag_id, NoticeOptions{});
}

std::string CaseStore::NoticeDirectory() const {
  return impl_->data_dir + "/notices";
}

StatusOr<std::string> CaseStore::Notice(const Actor& by,
                                        const std::string& flag_id,
                                        const NoticeOptions& options) {
  std::unique_lock lock(impl_->mu);
  StatusOr<User> user = impl_->Current(by);
  if (!user.ok())
    return impl_->Refused(by.name(), "notice", flag_id, user.status());
  StatusOr<const ReviewCase*> found = impl_->Find(flag_id);
  if (!found.ok()) return found.status();
  const ReviewCase& c = *found.value();
  Status allowed = CanReadCase(user.value(), c);
  if (!allowed.ok())
    return impl_->Refused(by.name(), "notice", flag_id, allowed);
  if (c.status != CaseStatus::kConfirmed && c.status != CaseStatus::kStopped) {
    return Status::FailedPrecondition(fmt::format(
        "案件 {} 为「{}」，只有已确认的案件才有告知书 / case {} is {}: only a "
        "confirmed case has a notice",
        flag_id, CaseStatusLabel(c.status), flag_id, CaseStatusName(c.status)));
  }
  NoticeInfo info;
  info.county = impl_->county;
  info.issued_on = c.confirmed_on.empty() ? c.decided_on : c.confirmed_on;
  info.hearing_days = impl_->rules.notice_days;
  // The household review file's number (一户一档) unless the caller names
  // another: never the internal flag hash.
  HEDUI_RETURN_IF_ERROR(FillNoticeInfo(
      impl_->data_dir, c, options.delivered_on,
      options.case_number.empty() ? c.file_number : options.case_number,
      &info));
  std::string html = NoticeHtml(impl_->Visible(user.value(), c), info);
  Impl::Write w = impl_->Begin();
  impl_->Audit(&w, by.name(), "notice", flag_id, "",
               fmt::format("version={}", c.version));
  HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
  return html;
}

StatusOr<std::string> CaseStore::ReadAttachment(const Actor& by,
                                                const std::string& flag_id,
                                                const std::string& sha256) {
  std::unique_lock lock(impl_->mu);
  StatusOr<User> user = impl_->Current(by);
  if (!user.ok())
    return impl_->Refused(by.name(), "attachment_view", flag_id, user.status());
  StatusOr<const ReviewCase*> found = impl_->Find(flag_id);
  if (!found.ok()) return found.status();
  const ReviewCase& c = *found.value();
  Status allowed = CanReadCase(user.value(), c);
  if (!allowed.ok())
    return impl_->Refused(by.name(), "attachment_view", flag_id, allowed);
  bool belongs = false;
  for (const Step& s : c.steps)
    for (const Attachment& a : s.attachments) belongs |= a.sha256 == sha256;
  if (!belongs) {
    return Status::NotFound(
        fmt::format("案件 {} 没有这个附件 / case {} has no such attachment",
                    flag_id, flag_id));
  }
  StatusOr<std::string> bytes = impl_->attachments->Get(sha256);
  if (!bytes.ok()) return bytes.status();
  Impl::Write w = impl_->Begin();
  impl_->Audit(&w, by.name(), "attachment_view", flag_id, "",
               "sha256=" + sha256);
  HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
  return bytes;
}

StatusOr<std::vector<ReviewCase>> CaseStore::AllCases(const Actor& by,
                                                      const std::string& why) {
  HEDUI_RETURN_IF_ERROR(RequireUtf8(why, "purpose"));
  std::unique_lock lock(impl_->mu);
  StatusOr<User> user = impl_->Current(by);
  Status allowed = user.ok() ? ReadsCases(user.value()) : user.status();
  if (!allowed.ok()) return impl_->Refused(by.name(), "read_all", "", allowed);
  std::vector<const ReviewCase*> shown;
  for (const ReviewCase* c : impl_->ordered) {
    if (CanReadCase(user.value(), *c).ok()) shown.push_back(c);
  }
  std::vector<ReviewCase> out;
  out.reserve(shown.size());
  for (const ReviewCase* c : shown)
    out.push_back(impl_->Visible(user.value(), *c));
  Impl::Write w = impl_->Begin();
  impl_->Audit(&w, by.name(), "read_all", "", "",
               fmt::format("cases={} for={}", out.size(), why));
  HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
  return out;
}

// ---- audit

StatusOr<std::vector<AuditEntry>> CaseStore::AuditLog(
    const Actor& by, const std::string& flag_id) const {
  std::shared_lock lock(impl_->mu);
  StatusOr<User> user = impl_->Current(by);
  Status allowed = user.ok() ? CanReadAudit(user.value()) : user.status();
  if (!allowed.ok()) {
    lock.unlock();
    return impl_->RefusedUnlocked(by.name(), "audit_read", flag_id, allowed);
  }
  std::vector<AuditEntry> entries;
  HEDUI_RETURN_IF_ERROR(impl_->ReadAudit(&entries));
  if (!flag_id.empty()) {
    std::erase_if(entries,
                  [&](const AuditEntry& e) { return e.flag_id != flag_id; });
  }
  return entries;
}

StatusOr<AuditCheck> CaseStore::VerifyAudit(
    const Actor& by, uint64_t anchor_seq,
    const std::string& anchor_hash) const {
  std::shared_lock lock(impl_->mu);
  StatusOr<User> user = impl_->Current(by);
  Status allowed = user.ok() ? CanReadAudit(user.value()) : user.status();
  if (!allowed.ok()) {
    lock.unlock();
    return impl_->RefusedUnlocked(by.name(), "audit_verify", "", allowed);
  }
  std::vector<AuditEntry> entries;
  Status read = impl_->ReadAudit(&entries);
  if (read.code() == Status::Code::kCorruption) {
    // An entry that no longer decodes was edited: a finding, not a failure.
    AuditCheck check;
    check.ok = false;
    check.first_bad = entries.empty() ? 1 : entries.back().seq + 1;
    check.problem =
        fmt::format("第 {} 条记录无法读取 / entry {} cannot be read (edited)",
                    *check.first_bad, *check.first_bad);
    check.entries = entries.size() + 1;
    return check;
  }
  HEDUI_RETURN_IF_ERROR(read);
  std::optional<AuditHead> head;
  if (impl_->head.seq > 0) head = impl_->head;
  AuditCheck result = VerifyAuditChain(entries, head);
  if (result.ok && anchor_seq > 0) {
    // A line noted from an earlier verify: the log may only have grown
    // since, so entry `anchor_seq` must still have the hash noted then.
    bool same = anchor_seq <= entries.size() &&
                entries[anchor_seq - 1].hash == anchor_hash;
    if (!same) {
      result.ok = false;
      result.first_bad = std::min<uint64_t>(anchor_seq, entries.size() + 1);
      result.problem = fmt::format(
          "第 {} 条记录与上次核验时记下的哈希不同：日志在其之前被重写 / entry "
          "{} "
          "no longer has the hash noted at an earlier verify: the log was "
          "rewritten up to it",
          anchor_seq, anchor_seq);
    }
  }
  if (!entries.empty()) {
    result.head_seq = entries.back().seq;
    result.head_hash = entries.back().hash;
  }
  return result;
}

const std::vector<std::string>& CaseStore::confirmed_outcomes() const {
  return impl_->rules.confirmed_outcomes;
}
const std::vector<std::string>& CaseStore::cleared_outcomes() const {
  return impl_->rules.cleared_outcomes;
}
int CaseStore::notice_days() const { return impl_->rules.notice_days; }

uint64_t CaseStore::generation() const { return impl_->generation.load(); }

// ---- households (一户一档)

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() &&
         s.find_first_not_of("0123456789") == std::string_view::npos;
}

// The county's code for the file number: the rules file's first region
// code; without one, the first six digits of the member's resident ID
// (where the county issued it), else zeros.
std::string CountyCode(const std::vector<std::string>& region_codes,
                       const ReviewCase& c) {
  if (!region_codes.empty() && region_codes.front().size() == 6 &&
      AllDigits(region_codes.front()))
    return region_codes.front();
  std::string_view id = c.id_number;
  if (id.size() >= 6 && AllDigits(id.substr(0, 6)))
    return std::string(id.substr(0, 6));
  return "000000";
}

// The year of a YYYY-MM-DD date; this year when there is none.
std::string YearOf(const std::string& date) {
  if (date.size() >= 4 && AllDigits(std::string_view(date).substr(0, 4)))
    return date.substr(0, 4);
  return TodayInChina().ToString().substr(0, 4);
}

// The name a household is listed under: the head's, when a roll record in
// a flag's evidence names them; else the first flagged member's.
std::string HouseholdName(const std::vector<const ReviewCase*>& flags) {
  for (const ReviewCase* c : flags) {
    for (const EvidenceRecord& r : c->evidence) {
      if (r.feed != "roll") continue;
      std::string relation, name;
      for (const auto& [field, value] : r.values) {
        if (field == "relation") relation = value;
        if (field == "name") name = value;
      }
      if (relation == "head" && !name.empty()) return name;
    }
  }
  return flags.empty() ? std::string() : flags.front()->name;
}

// The summary of a household's flags; an error when the money does not fit
// in int64 fen (never a wrapped sum).
StatusOr<HouseholdSummary> SummariseHousehold(
    const std::vector<const ReviewCase*>& flags) {
  HouseholdSummary h;
  if (flags.empty()) return h;
  const ReviewCase& first = *flags.front();
  h.file_number = first.file_number;
  h.case_id = first.case_id;
  h.name = HouseholdName(flags);
  h.township = first.township;
  h.village = first.village;
  std::vector<std::string> assignees;
  // The money at stake, each fen once: a flag on the whole case puts the
  // case's payment at stake (its members' shares are in it); member flags,
  // each member's share once whatever the grounds; a group's first case
  // counts nothing (its money is counted on the group's later cases, as
  // the run's summaries count it).
  int64_t whole_case = 0;
  std::map<std::string, int64_t> member;
  for (const ReviewCase* c : flags) {
    if (std::find(h.rules.begin(), h.rules.end(), c->rule) == h.rules.end())
      h.rules.push_back(c->rule);
    ++h.statuses[static_cast<size_t>(c->status)];
    ++h.flags;
    if (IsOpen(c->status)) ++h.open;
    if (c->counts_in_total) {
      int64_t& most = c->scope == "case" ? whole_case : member[c->id_number];
      most = std::max(most, c->monthly_at_stake_fen);
    }
    if (h.first_seen.empty() || c->first_seen < h.first_seen)
      h.first_seen = c->first_seen;
    h.version += c->version;
  }
  // Who holds the open flags; once every flag is decided, who held them.
  for (const ReviewCase* c : flags) {
    if ((h.open == 0 || IsOpen(c->status)) && !c->assignee.empty() &&
        std::find(assignees.begin(), assignees.end(), c->assignee) ==
            assignees.end())
      assignees.push_back(c->assignee);
  }
  int64_t members = 0;
  for (const auto& [id, fen] : member) {
    if (__builtin_add_overflow(members, fen, &members)) {
      return Status::Internal(fmt::format(
          "低保户 {} 的每月涉及金额合计超出范围 / the monthly amounts of "
          "household {} do not add up within range",
          first.case_id, first.case_id));
    }
  }
  h.monthly_at_stake_fen = std::max(whole_case, members);
  std::sort(h.rules.begin(), h.rules.end());
  for (const std::string& a : assignees)
    h.assignee += (h.assignee.empty() ? "" : "、") + a;
  return h;
}

Status CheckHouseholdFiles(const std::vector<NewAttachment>& files,
                           uint64_t max_bytes) {
  for (const NewAttachment& f : files) {
    if (f.content.size() > max_bytes) {
      return Status::InvalidArgument(fmt::format(
          "附件 {} 超过 {} 字节 / the attachment is larger than {} bytes",
          f.name.substr(0, 80), max_bytes, max_bytes));
    }
    HEDUI_RETURN_IF_ERROR(CheckAttachmentName(f.name));
  }
  return Status::OK();
}

}  // namespace

std::string HouseholdStatusText(const HouseholdSummary& h) {
  std::string text;
  for (int i = 0; i < kCaseStatusCount; ++i) {
    if (h.statuses[static_cast<size_t>(i)] == 0) continue;
    text += fmt::format("{}{} {}", text.empty() ? "" : "、",
                        CaseStatusLabel(static_cast<CaseStatus>(i)),
                        h.statuses[static_cast<size_t>(i)]);
  }
  return text;
}

void CaseStore::Impl::IndexHouseholds() {
  households.clear();
  file_case.clear();
  for (const auto& [id, c] : cases) {
    households[c.case_id].push_back(&c);
    if (!c.file_number.empty()) file_case.emplace(c.file_number, c.case_id);
  }
  for (auto& [case_id, flags] : households) {
    std::sort(flags.begin(), flags.end(),
              [](const ReviewCase* a, const ReviewCase* b) {
                return std::tie(a->id_number, a->rule, a->flag_id) <
                       std::tie(b->id_number, b->rule, b->flag_id);
              });
  }
}

StatusOr<std::string> CaseStore::Impl::ResolveHousehold(
    const std::string& text) const {
  if (auto it = file_case.find(text); it != file_case.end()) return it->second;
  if (households.count(text)) return text;
  return Status::NotFound(fmt::format(
      "没有低保户档案 {} / there is no household file {} (hedui cases list "
      "--by household)",
      text, text));
}

std::string CaseStore::Impl::NewFileNumber(Write* w,
                                           std::map<std::string, uint32_t>* seq,
                                           const ReviewCase& first,
                                           const std::string& as_of) const {
  std::string key = CountyCode(region_codes, first) + "-" + YearOf(as_of);
  uint32_t n = ++(*seq)[key];
  w->batch.Put(meta, kFileSeqPrefix + key, std::to_string(n));
  return fmt::format("{}-{:05d}", key, n);
}

// A household's number is given with its first flag, in the import's write;
// the new households of one run are numbered in list order (township,
// village, case ID), so numbers follow the places.
void CaseStore::Impl::NumberNewHouseholds(
    Write* w, std::map<std::string, uint32_t>* seq, const std::string& as_of,
    std::vector<CaseChange>* changes) const {
  std::map<std::string, std::string> known;  // case ID → file number
  std::vector<const ReviewCase*> fresh;
  for (const CaseChange& change : *changes) {
    const ReviewCase& c = change.after;
    if (!c.file_number.empty() || known.count(c.case_id)) continue;
    auto it = households.find(c.case_id);
    if (it != households.end()) {
      for (const ReviewCase* other : it->second) {
        if (!other->file_number.empty()) {
          known[c.case_id] = other->file_number;
          break;
        }
      }
    }
    if (!known.count(c.case_id)) {
      known[c.case_id];  // once per household
      fresh.push_back(&c);
    }
  }
  std::sort(fresh.begin(), fresh.end(),
            [](const ReviewCase* a, const ReviewCase* b) {
              return std::tie(a->township, a->village, a->case_id) <
                     std::tie(b->township, b->village, b->case_id);
            });
  for (const ReviewCase* c : fresh)
    known[c->case_id] = NewFileNumber(w, seq, *c, as_of);
  for (CaseChange& change : *changes) {
    if (change.after.file_number.empty())
      change.after.file_number = known[change.after.case_id];
  }
}

// A store written before file numbers: its households are numbered when it
// is first opened, in one write, each case's entry audited, by the year
// each household was first seen and then in list order.
Status CaseStore::Impl::NumberOldHouseholds() {
  struct Old {
    std::string year;
    const ReviewCase* first;
    std::vector<const ReviewCase*> flags;
  };
  std::vector<Old> old;
  for (const auto& [case_id, flags] : households) {
    bool numbered = false;
    for (const ReviewCase* c : flags) numbered |= !c->file_number.empty();
    if (numbered) continue;
    std::string first_seen;
    for (const ReviewCase* c : flags)
      if (first_seen.empty() || c->first_seen < first_seen)
        first_seen = c->first_seen;
    old.push_back(Old{YearOf(first_seen), flags.front(), flags});
  }
  bool partly = false;  // a household with some flags numbered, some not
  for (const auto& [case_id, flags] : households) {
    bool with = false, without = false;
    for (const ReviewCase* c : flags) {
      with |= !c->file_number.empty();
      without |= c->file_number.empty();
    }
    partly |= with && without;
  }
  if (old.empty() && !partly) return Status::OK();
  std::sort(old.begin(), old.end(), [](const Old& a, const Old& b) {
    return std::tie(a.year, a.first->township, a.first->village,
                    a.first->case_id) < std::tie(b.year, b.first->township,
                                                 b.first->village,
                                                 b.first->case_id);
  });
  std::map<std::string, uint32_t> seq = file_seq;
  Write w = Begin();
  std::vector<ReviewCase> updated;
  for (const Old& h : old) {
    std::string number = NewFileNumber(&w, &seq, *h.first, h.year + "-01-01");
    for (const ReviewCase* c : h.flags) {
      updated.push_back(*c);
      updated.back().file_number = number;
    }
  }
  for (const auto& [case_id, flags] : households) {
    std::string number;
    for (const ReviewCase* c : flags)
      if (!c->file_number.empty()) number = c->file_number;
    if (number.empty()) continue;
    for (const ReviewCase* c : flags) {
      if (!c->file_number.empty()) continue;
      updated.push_back(*c);
      updated.back().file_number = number;
    }
  }
  for (ReviewCase& c : updated) {
    ++c.version;
    PutCase(&w, c);
    Audit(&w, "hedui", "file_number", c.flag_id, "",
          fmt::format("file_number={} version={}", c.file_number, c.version));
  }
  HEDUI_RETURN_IF_ERROR(Commit(&w));
  file_seq = seq;
  for (ReviewCase& c : updated) {
    std::string id = c.flag_id;
    cases[id] = std::move(c);
  }
  Reorder();
  return Status::OK();
}

// Reads the household, checks who acts on every flag of it, applies
// `change` to each open flag and writes them all, each with its audit
// entry, in one synced write: all or none.
template <typename Check, typename Prepare, typename Change>
Status CaseStore::Impl::MutateHousehold(const Actor& by,
                                        const std::string& household,
                                        uint64_t version,
                                        const std::string& action, Check check,
                                        Prepare prepare, Change change) {
  std::unique_lock lock(mu);
  StatusOr<User> user = Current(by);
  if (!user.ok()) return user.status();
  StatusOr<std::string> case_id = ResolveHousehold(household);
  if (!case_id.ok()) return case_id.status();
  const std::vector<const ReviewCase*>& flags = households.at(*case_id);
  std::vector<const ReviewCase*> open;
  uint64_t read_version = 0;
  for (const ReviewCase* c : flags) {
    HEDUI_RETURN_IF_ERROR(check(user.value(), *c));
    read_version += c->version;
    if (IsOpen(c->status)) open.push_back(c);
  }
  const std::string& file = flags.front()->file_number;
  if (version != 0 && version != read_version) {
    return Status::FailedPrecondition(fmt::format(
        "低保户档案 {} 已被他人修改，请刷新后再操作 / household file {} "
        "changed since you read it; reload it",
        file, file));
  }
  if (open.empty()) {
    return Status::FailedPrecondition(fmt::format(
        "低保户档案 {} 没有未办结的疑点 / household file {} has no open flag",
        file, file));
  }
  HEDUI_RETURN_IF_ERROR(prepare(open));
  std::vector<ReviewCase> updated;
  Write w = Begin();
  for (const ReviewCase* c : open) {
    ReviewCase u = *c;
    HEDUI_RETURN_IF_ERROR(change(&u));
    HEDUI_RETURN_IF_ERROR(
        RequireUtf8(EncodeReviewCase(u), "text (notes, names)"));
    ++u.version;
    PutCase(&w, u);
    Audit(&w, by.name(), action, u.flag_id, CaseStateLine(*c),
          CaseStateLine(u) + " household=" + file);
    updated.push_back(std::move(u));
  }
  HEDUI_RETURN_IF_ERROR(Commit(&w));
  for (ReviewCase& u : updated) {
    std::string id = u.flag_id;
    cases[id] = std::move(u);
  }
  return Status::OK();
}

StatusOr<std::vector<HouseholdSummary>> CaseStore::ListHouseholds(
    const Actor& by, const CaseFilter& filter, size_t* matched) const {
  std::shared_lock lock(impl_->mu);
  StatusOr<User> user = impl_->Current(by);
  if (!user.ok()) return user.status();
  if (user->role == Role::kAuditor) {
    return Status::PermissionDenied(
        fmt::format("用户 {}（审计）只能查看审计日志 / user {} (auditor) reads "
                    "the audit log, not the cases",
                    by.name(), by.name()));
  }
  bool masked = !(user->sees_bank || user->role == Role::kAdmin);
  auto text_hit = [&](const ReviewCase& c) {
    const std::string& t = filter.text;
    if (t.empty()) return true;
    for (const std::string* text :
         {&c.name, &c.id_number, &c.case_id, &c.flag_id, &c.file_number})
      if (text->find(t) != std::string::npos) return true;
    std::string reason = c.reason;
    if (masked) {
      std::vector<std::string_view> keep = {c.case_id};
      for (const std::string& g : c.group_cases) keep.push_back(g);
      reason = MaskReason(c.rule, c.reason, keep);
    }
    return reason.find(t) != std::string::npos;
  };
  struct Row {
    HouseholdSummary summary;
    int64_t amount_fen = 0;
    std::string since;
    int least_status = kCaseStatusCount;
  };
  std::vector<Row> rows;
  std::set<std::string> seen;
  for (const ReviewCase* c : impl_->ordered) {
    if (!seen.insert(c->case_id).second) continue;
    const std::vector<const ReviewCase*>& all =
        impl_->households.at(c->case_id);
    std::vector<const ReviewCase*> flags;
    bool hit = false;
    for (const ReviewCase* f : all) {
      if (!InJurisdiction(user.value(), f->township)) continue;
      flags.push_back(f);
      hit |= MatchesFields(filter, *f) && text_hit(*f);
    }
    if (flags.empty() || !hit) continue;
    StatusOr<HouseholdSummary> summary = SummariseHousehold(flags);
    if (!summary.ok()) return summary.status();
    Row row{std::move(summary.value())};
    for (const ReviewCase* f : flags) {
      if (__builtin_add_overflow(row.amount_fen, f->amount_fen,
                                 &row.amount_fen))
        row.amount_fen = INT64_MAX;  // sorts first; never shown
      if (row.since.empty() || f->since < row.since) row.since = f->since;
      row.least_status =
          std::min(row.least_status, static_cast<int>(f->status));
    }
    rows.push_back(std::move(row));
  }
  using Sort = CaseFilter::Sort;
  auto by_key = [&](auto key) {
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      return key(a) < key(b);
    });
  };
  switch (filter.sort) {
    case Sort::kPlace:
      break;
    case Sort::kAtStakeDesc:
      by_key([](const Row& r) { return -r.summary.monthly_at_stake_fen; });
      break;
    case Sort::kAmountDesc:
      by_key([](const Row& r) { return -r.amount_fen; });
      break;
    case Sort::kSince:
      by_key([](const Row& r) -> const std::string& { return r.since; });
      break;
    case Sort::kStatus:
      by_key([](const Row& r) { return r.least_status; });
      break;
    case Sort::kRule:
      by_key([](const Row& r) -> const std::string& {
        return r.summary.rules.front();
      });
      break;
  }
  if (matched) *matched = rows.size();
  size_t from = std::min(filter.offset, rows.size());
  size_t to = filter.limit == 0 ? rows.size()
                                : std::min(rows.size(), from + filter.limit);
  std::vector<HouseholdSummary> out;
  out.reserve(to - from);
  for (size_t i = from; i < to; ++i) out.push_back(std::move(rows[i].summary));
  return out;
}

StatusOr<HouseholdFile> CaseStore::ShowHousehold(const Actor& by,
                                                 const std::string& household) {
  std::unique_lock lock(impl_->mu);
  StatusOr<User> user = impl_->Current(by);
  if (!user.ok()) return user.status();
  StatusOr<std::string> case_id = impl_->ResolveHousehold(household);
  if (!case_id.ok()) return case_id.status();
  const std::vector<const ReviewCase*>& flags = impl_->households.at(*case_id);
  for (const ReviewCase* c : flags)
    HEDUI_RETURN_IF_ERROR(CanReadCase(user.value(), *c));
  StatusOr<HouseholdSummary> summary = SummariseHousehold(flags);
  if (!summary.ok()) return summary.status();
  HouseholdFile file;
  file.summary = std::move(summary.value());
  Impl::Write w = impl_->Begin();
  for (const ReviewCase* c : flags) {
    file.flags.push_back(impl_->Visible(user.value(), *c));
    impl_->Audit(
        &w, by.name(), "view", c->flag_id, "",
        fmt::format("version={} household={}", c->version, c->file_number));
  }
  HEDUI_RETURN_IF_ERROR(impl_->Commit(&w));
  return file;
}

Status CaseStore::AssignHousehold(const Actor& by, const std::string& household,
                                  const std::string& assignee,
                                  uint64_t version) {
  Impl* impl = impl_.get();
  return impl_->MutateHousehold(
      by, household, version, "assign",
      [&](const User& user, const ReviewCase& c) -> Status {
        HEDUI_RETURN_IF_ERROR(CanWorkCase(user, c));
        auto it = impl->users.find(assignee);
        if (it == impl->users.end()) {
          return Status::NotFound(fmt::format(
              "用户 {} 不存在 / there is no user {}", assignee, assignee));
        }
        Status can = CanWorkCase(it->second.user, c);
        if (!can.ok()) {
          return Status::InvalidArgument(fmt::format(
              "{} 不能承办 {} 的案件 / {} cannot work cases of {}: {}",
              assignee, c.township, assignee, c.township, can.message()));
        }
        return Status::OK();
      },
      [](const std::vector<const ReviewCase*>&) { return Status::OK(); },
      [&](ReviewCase* c) {
        return ApplyAssign(c, impl->Context(by, impl->Today()), assignee);
      });
}

Status CaseStore::RecordHouseholdStep(const Actor& by,
                                      const std::string& household,
                                      StepKind kind, const std::string& date,
                                      const std::string& notes,
                                      const std::vector<NewAttachment>& files,
                                      uint64_t version) {
  Impl* impl = impl_.get();
  std::vector<Attachment> stored;
  return impl_->MutateHousehold(
      by, household, version, fmt::format("step:{}", StepKindName(kind)),
      [&](const User& user, const ReviewCase& c) {
        return CanWorkCase(user, c);
      },
      [&](const std::vector<const ReviewCase*>& open) -> Status {
        // Checked once the household is found, so that a flag ID's start
        // that names no household is still tried as a flag by the CLI.
        if (kind != StepKind::kHomeVisit &&
            kind != StepKind::kDemocraticReview && kind != StepKind::kHearing) {
          return Status::InvalidArgument(fmt::format(
              "全户只能记录入户核查、民主评议或听证；「{}"
              "」请在各疑点上分别记录 "
              "/ a household records a home visit, a democratic review or a "
              "hearing; record {} on each flag",
              StepKindLabel(kind), StepKindName(kind)));
        }
        HEDUI_RETURN_IF_ERROR(
            CheckHouseholdFiles(files, impl->max_attachment_bytes));
        size_t unassigned = 0;
        for (const ReviewCase* c : open)
          unassigned += c->status == CaseStatus::kNew;
        if (unassigned > 0) {
          return Status::FailedPrecondition(fmt::format(
              "本户有 {} 个疑点尚未分派（可能是新近发现的），请先分派本户，再"
              "记录{} / {} flag(s) of the household are not assigned yet "
              "(new ones, perhaps): assign the household first",
              unassigned, StepKindLabel(kind), unassigned));
        }
        // The files go in once, before the write that names them.
        for (const NewAttachment& f : files) {
          StatusOr<Attachment> a = impl->attachments->Put(f.name, f.content);
          if (!a.ok()) return a.status();
          stored.push_back(a.value());
        }
        return Status::OK();
      },
      [&](ReviewCase* c) {
        return ApplyStep(c, impl->Context(by, date), kind, notes, stored);
      });
}

}  // namespace hedui
