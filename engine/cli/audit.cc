// `hedui audit`: the audit log of the case store — list it, verify its
// chain of hashes.
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "engine/base/local_time.h"
#include "engine/cli/case_session.h"
#include "engine/cli/commands.h"

namespace hedui::cli {
namespace {

struct AuditArgs {
  CaseArgs common;
  std::string flag, anchor;
  size_t last = 0;
};

// The action in Chinese, the stored code beside it for scripts and logs.
std::string ActionText(const std::string& action) {
  std::string label = AuditActionLabel(action);
  return label == action ? action : label + " (" + action + ")";
}

int ListAudit(const AuditArgs& a) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  StatusOr<std::vector<AuditEntry>> entries =
      s->store->AuditLog(*s->actor, a.flag);
  if (!entries.ok()) return Fail(entries.status());
  size_t from =
      a.last && entries->size() > a.last ? entries->size() - a.last : 0;
  // Times in the county's zone (engine/base/local_time.h); stored in UTC.
  const std::string at = "at (" + DisplayTimeZone() + ")";
  std::printf("%-6s %-20s %-12s %-18s %-17s %s\n", "seq", at.c_str(), "user",
              "action", "case", "before → after");
  for (size_t i = from; i < entries->size(); ++i) {
    const AuditEntry& e = (*entries)[i];
    std::printf("%-6llu %-20s %-12s %-18s %-17s %s%s%s\n",
                static_cast<unsigned long long>(e.seq),
                LocalTimeText(e.at).c_str(), e.user.c_str(),
                ActionText(e.action).c_str(),
                e.flag_id.empty() ? "-" : e.flag_id.c_str(), e.before.c_str(),
                e.before.empty() ? "" : " → ", e.after.c_str());
  }
  return 0;
}

int Verify(const AuditArgs& a) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  uint64_t anchor_seq = 0;
  std::string anchor_hash;
  if (!a.anchor.empty()) {
    size_t colon = a.anchor.find(':');
    if (colon == std::string::npos || colon == 0 ||
        a.anchor.find_first_not_of("0123456789") != colon) {
      return Fail(Status::InvalidArgument(fmt::format(
          "--anchor '{}' 应为 序号:哈希，即上次 verify 打印的那一行 / --anchor "
          "is SEQ:HASH as an earlier verify printed it",
          a.anchor)));
    }
    anchor_seq = std::stoull(a.anchor.substr(0, colon));
    anchor_hash = a.anchor.substr(colon + 1);
  }
  StatusOr<AuditCheck> check =
      s->store->VerifyAudit(*s->actor, anchor_seq, anchor_hash);
  if (!check.ok()) return Fail(check.status());
  if (check->ok) {
    std::printf(
        "审计日志完整：%llu 条记录，哈希链无断裂 (the audit log verifies: "
        "%llu entries, every hash chains)\n",
        static_cast<unsigned long long>(check->entries),
        static_cast<unsigned long long>(check->entries));
    if (check->head_seq > 0) {
      std::printf(
          "请记下 (note this line; pass it as --anchor to a later verify to "
          "prove nothing before it was rewritten):\n  %llu:%s\n",
          static_cast<unsigned long long>(check->head_seq),
          check->head_hash.c_str());
    }
    return 0;
  }
  std::printf("审计日志被改动 (the audit log does NOT verify): %s\n",
              check->problem.c_str());
  return 1;
}

}  // namespace

Command AddAuditCommand(CLI::App& app) {
  auto a = std::make_shared<AuditArgs>();
  CLI::App* audit = app.add_subcommand(
      "audit",
      "the audit log of the cases (administrators and auditors): list, verify");
  audit->footer(
      "Every view of a case's evidence and every change is an entry: who, "
      "when, "
      "what, before and after. Each entry carries the SHA-256 of the one "
      "before "
      "and of its own content; `verify` names the first entry edited, deleted, "
      "inserted or moved, and exits 1 if there is one.\n"
      "Example:\n"
      "  hedui audit verify --data /srv/hedui --user auditor\n"
      "  hedui audit list   --data /srv/hedui --user auditor --case F1a2b");
  audit->require_subcommand(1);
  CLI::App* list = audit->add_subcommand("list", "list the entries");
  AddCaseOptions(list, &a->common);
  list->add_option("--case", a->flag, "only the entries of this case");
  list->add_option("--last", a->last, "only the last N entries");
  CLI::App* verify = audit->add_subcommand("verify", "verify the hash chain");
  AddCaseOptions(verify, &a->common);
  verify->add_option(
      "--anchor", a->anchor,
      "SEQ:HASH printed by an earlier verify: also prove the log "
      "up to it is unchanged");
  return Command{
      audit, [a, list]() -> int { return *list ? ListAudit(*a) : Verify(*a); }};
}

}  // namespace hedui::cli
