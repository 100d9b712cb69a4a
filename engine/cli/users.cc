// `hedui users`: who may work the cases — add, change a password, grant a
// role and townships, list.
#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "engine/cli/case_session.h"
#include "engine/cli/commands.h"

namespace hedui::cli {
namespace {

struct UsersArgs {
  CaseArgs common;
  std::string name, role;
  std::vector<std::string> townships;
  bool sees_bank = false;
};

StatusOr<User> UserFromArgs(const UsersArgs& a) {
  User user;
  user.name = a.name;
  std::optional<Role> role = ParseRole(a.role);
  if (!role) {
    return Status::InvalidArgument(fmt::format(
        "--role '{}': 可用 admin（管理员）、township（乡镇经办人）、inspector"
        "（纪检监察）、auditor（审计）",
        a.role));
  }
  user.role = *role;
  user.townships = a.townships;
  user.sees_bank = a.sees_bank;
  return user;
}

int Add(const UsersArgs& a) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common, false);
  if (!s.ok()) return Fail(s.status());
  StatusOr<User> user = UserFromArgs(a);
  if (!user.ok()) return Fail(user.status());
  std::optional<Actor> by;
  if (s->store->HasUsers()) {
    StatusOr<Actor> actor = SignInFromCli(*s->store, a.common.user);
    if (!actor.ok()) return Fail(actor.status());
    by = actor.value();
  } else {
    std::fprintf(
        stderr,
        "案件库还没有用户：%s 将是第一个管理员 (no users yet: %s will be "
        "the first administrator)\n",
        a.name.c_str(), a.name.c_str());
  }
  StatusOr<std::string> password = ReadNewPassword(a.name);
  if (!password.ok()) return Fail(password.status());
  Status added =
      s->store->AddUser(by ? &*by : nullptr, user.value(), password.value());
  if (!added.ok()) return Fail(added);
  std::printf("已添加用户 %s（%s）(user %s added as %s)\n", a.name.c_str(),
              std::string(RoleLabel(user->role)).c_str(), a.name.c_str(),
              std::string(RoleName(user->role)).c_str());
  return 0;
}

int Passwd(const UsersArgs& a) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  StatusOr<std::string> password = ReadNewPassword(a.name);
  if (!password.ok()) return Fail(password.status());
  Status changed = s->store->SetPassword(*s->actor, a.name, password.value());
  if (!changed.ok()) return Fail(changed);
  std::printf("已修改 %s 的密码 (password of %s changed)\n", a.name.c_str(),
              a.name.c_str());
  return 0;
}

int Grant(const UsersArgs& a) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  StatusOr<User> user = UserFromArgs(a);
  if (!user.ok()) return Fail(user.status());
  Status granted = s->store->Grant(*s->actor, user.value());
  if (!granted.ok()) return Fail(granted);
  std::printf("已更新 %s (user %s updated)\n", a.name.c_str(), a.name.c_str());
  return 0;
}

// `users disable NAME` / `users enable NAME`: a disabled user cannot sign
// in; their entries stay in the audit log.
int SetDisabled(const UsersArgs& a, bool disabled) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  Status done = s->store->SetDisabled(*s->actor, a.name, disabled);
  if (!done.ok()) return Fail(done);
  if (disabled) {
    std::printf("已停用 %s (user %s disabled)\n", a.name.c_str(),
                a.name.c_str());
  } else {
    std::printf("已启用 %s (user %s enabled)\n", a.name.c_str(),
                a.name.c_str());
  }
  return 0;
}

int ListUsers(const UsersArgs& a) {
  StatusOr<CaseSession> s = OpenCaseSession(a.common);
  if (!s.ok()) return Fail(s.status());
  StatusOr<std::vector<User>> users = s->store->ListUsers(*s->actor);
  if (!users.ok()) return Fail(users.status());
  std::printf("%-16s %-12s %-10s %-8s %s\n", "用户 (user)", "角色", "role",
              "银行数据", "乡镇 (townships)");
  for (const User& u : users.value()) {
    std::string towns;
    for (const std::string& t : u.townships)
      towns += (towns.empty() ? "" : "、") + t;
    std::printf("%-16s %-12s %-10s %-8s %s\n", u.name.c_str(),
                std::string(RoleLabel(u.role)).c_str(),
                std::string(RoleName(u.role)).c_str(),
                u.sees_bank || u.role == Role::kAdmin ? "可见" : "遮蔽",
                (towns.empty() ? std::string("-") : towns)
                    .append(u.disabled ? "  [已停用 disabled]" : "")
                    .c_str());
  }
  return 0;
}

}  // namespace

Command AddUsersCommand(CLI::App& app) {
  auto a = std::make_shared<UsersArgs>();
  CLI::App* users = app.add_subcommand(
      "users",
      "who may work the cases: add, passwd, grant, disable, enable, list");
  users->footer(
      "Roles: admin 管理员 (everything, users), township 乡镇经办人 (the cases "
      "of "
      "their townships: view, assign, record steps, decide), inspector "
      "纪检监察 "
      "(read every case, comment, request re-review; cannot decide), auditor "
      "审计 (the audit log). Bank balances and account numbers are masked "
      "unless --sees-bank.\n"
      "Passwords come from HEDUI_PASSWORD (yours) and HEDUI_NEW_PASSWORD (the "
      "new one), or prompts; never from an argument.\n"
      "Example:\n"
      "  hedui users add --data /srv/hedui admin --role admin      # the first "
      "user\n"
      "  hedui users add --data /srv/hedui --user admin wang --role township "
      "--township 城关镇\n"
      "  hedui users add --data /srv/hedui --user admin li --role inspector\n"
      "  hedui users disable --data /srv/hedui --user admin wang\n"
      "  hedui users list --data /srv/hedui --user admin");
  users->require_subcommand(1);
  auto sub = [&](const char* name, const char* help, bool with_role) {
    CLI::App* s = users->add_subcommand(name, help);
    AddCaseOptions(s, &a->common);
    if (std::string(name) != "list")
      s->add_option("name", a->name, "the user's name")->required();
    if (with_role) {
      s->add_option("--role", a->role, "admin, township, inspector or auditor")
          ->required();
      s->add_option("--township", a->townships,
                    "a township this user works (repeatable; township role)");
      s->add_flag("--sees-bank", a->sees_bank,
                  "show bank balances and account numbers unmasked");
    }
    return s;
  };
  sub("add", "add a user (an administrator does; the first user is one)", true);
  sub("passwd", "change a password (your own, or anyone's as administrator)",
      false);
  sub("grant", "set a user's role, townships and bank grant", true);
  sub("disable",
      "disable a user: no sign-in, sessions end; kept in the audit log", false);
  sub("enable", "enable a disabled user again", false);
  sub("list", "list the users", false);
  return Command{users, [a, users]() -> int {
                   for (CLI::App* s : users->get_subcommands()) {
                     std::string name = s->get_name();
                     if (name == "add") return Add(*a);
                     if (name == "passwd") return Passwd(*a);
                     if (name == "grant") return Grant(*a);
                     if (name == "disable") return SetDisabled(*a, true);
                     if (name == "enable") return SetDisabled(*a, false);
                     if (name == "list") return ListUsers(*a);
                   }
                   return 0;
                 }};
}

}  // namespace hedui::cli
