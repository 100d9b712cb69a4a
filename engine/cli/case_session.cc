#include "engine/cli/case_session.h"

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "engine/base/private_files.h"
#include "engine/cli/common.h"
#include "engine/cli/store_socket.h"
#include "hedui/record_run.h"
#include "hedui/run_log.h"

namespace hedui::cli {
// A line from the terminal with echo off, or from standard input when it
// is not a terminal (scripts, tests).
StatusOr<std::string> ReadSecretLine(const std::string& prompt) {
  std::string line;
  if (isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "%s", prompt.c_str());
    termios old_mode;
    tcgetattr(STDIN_FILENO, &old_mode);
    termios quiet = old_mode;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
    std::fprintf(stderr, "\n");
  } else {
    std::getline(std::cin, line);
  }
  if (!std::cin && line.empty()) {
    return Status::InvalidArgument(
        "没有读到密码：请设置环境变量 HEDUI_PASSWORD 或在提示时输入 / no "
        "password: set HEDUI_PASSWORD or type it at the prompt");
  }
  return line;
}

void AddCaseOptions(CLI::App* command, CaseArgs* args) {
  command->add_option("--data", args->data_dir, "data directory")->required();
  command->add_option(
      "--rules", args->rules_path,
      "the county's rules file, for its outcome codes and notice period "
      "([cases]); default: the rules file of the last recorded run");
  command->add_option("--user", args->user,
                      "act as this user; the password comes from "
                      "HEDUI_PASSWORD or a prompt, never from an argument");
}

StatusOr<Actor> SignInFromCli(CaseStore& store, const std::string& user) {
  if (user.empty()) {
    return Status::InvalidArgument(fmt::format(
        "需要 --user：以哪个用户的身份操作 / --user is required: which user "
        "acts ({} users list)",
        ProgramName()));
  }
  std::string password;
  if (std::optional<std::string> env = CommandEnv("HEDUI_PASSWORD")) {
    password = *env;
  } else {
    StatusOr<std::string> line =
        ReadSecretLine(fmt::format("{} 的密码 (password of {}): ", user, user));
    if (!line.ok()) return line.status();
    password = line.value();
  }
  return store.SignIn(user, password);
}

StatusOr<std::string> ReadNewPassword(const std::string& user) {
  if (std::optional<std::string> env = CommandEnv("HEDUI_NEW_PASSWORD"))
    return *env;
  StatusOr<std::string> first = ReadSecretLine(
      user.empty()
          ? std::string("新密码 (new password): ")
          : fmt::format("{} 的新密码 (new password of {}): ", user, user));
  if (!first.ok()) return first.status();
  if (!isatty(STDIN_FILENO)) return first;
  StatusOr<std::string> second = ReadSecretLine("再输入一次 (once more): ");
  if (!second.ok()) return second.status();
  if (first.value() != second.value()) {
    return Status::InvalidArgument(
        "两次输入的密码不同 / the two passwords differ");
  }
  return first;
}

StatusOr<std::unique_ptr<Rules>> CaseRules(const std::string& data_dir,
                                           const std::string& rules_path) {
  StatusOr<Rules> rules = Status::NotFound("");
  if (!rules_path.empty()) {
    rules = LoadRules(rules_path);
  } else if (std::optional<RunRecord> last = RunLog(data_dir).Last()) {
    // The copy the run kept: never the path read again from here.
    rules = RulesOfRun(data_dir, *last);
  } else {
    return std::unique_ptr<Rules>();
  }
  if (!rules.ok()) return rules.status();
  return std::make_unique<Rules>(std::move(rules.value()));
}

Status ImportRunsAndSay(CaseStore& store) {
  StatusOr<ImportedRuns> imported = store.ImportRuns();
  if (!imported.ok()) return imported.status();
  for (uint32_t run : imported->runs) {
    std::fprintf(stderr, "导入第 %u 次核查 (imported run %u)\n", run, run);
  }
  if (!imported->runs.empty()) {
    std::fprintf(stderr,
                 "案件: %zu 新, %zu 重新打开, %zu 数据已消失, %zu 重新出现 "
                 "(cases: %zu opened, %zu reopened, %zu gone, %zu back)\n",
                 imported->opened, imported->reopened, imported->gone,
                 imported->returned, imported->opened, imported->reopened,
                 imported->gone, imported->returned);
  }
  return Status::OK();
}

StatusOr<CaseSession> OpenCaseSession(const CaseArgs& args, bool sign_in) {
  CaseSession session;
  if (const ServedContext* served = CurrentServedContext()) {
    // Sent to the running review site (store_socket.h): its open store,
    // opened with its rules.
    if (!args.rules_path.empty()) {
      std::fprintf(stderr,
                   "复核网站运行中，按网站的规则文件办理 (the running site's "
                   "rules apply; --rules is not read)\n");
    }
    session.store = served->store;
  } else {
    StatusOr<std::unique_ptr<Rules>> rules =
        CaseRules(args.data_dir, args.rules_path);
    if (!rules.ok()) return rules.status();
    session.rules = std::move(rules.value());
    if (std::optional<std::string> warning = OpenToOthersWarning(args.data_dir))
      std::fprintf(stderr, "%s\n", warning->c_str());
    CaseStore::Options options;
    options.rules = session.rules.get();
    StatusOr<std::unique_ptr<CaseStore>> store =
        CaseStore::Open(args.data_dir, options);
    if (!store.ok()) return store.status();
    session.owned_store = std::move(store.value());
    session.store = session.owned_store.get();
  }
  HEDUI_RETURN_IF_ERROR(ImportRunsAndSay(*session.store));
  if (sign_in) {
    StatusOr<Actor> actor = SignInFromCli(*session.store, args.user);
    if (!actor.ok()) return actor.status();
    session.actor = actor.value();
  }
  return session;
}

StatusOr<std::string> ResolveFlagId(const CaseSession& session,
                                    const std::string& text) {
  // A whole flag ID goes to the store as it is, which says whether this
  // user may touch it (exit 3) rather than that it does not exist.
  if (text.size() == 17 && text[0] == 'F' &&
      text.find_first_not_of("0123456789abcdef", 1) == std::string::npos)
    return text;
  StatusOr<std::vector<CaseSummary>> all =
      session.store->List(*session.actor, CaseFilter{});
  if (!all.ok()) return all.status();
  std::vector<std::string> found;
  for (const CaseSummary& c : all.value()) {
    if (c.flag_id == text) return text;
    if (!text.empty() && c.flag_id.compare(0, text.size(), text) == 0)
      found.push_back(c.flag_id);
  }
  if (found.size() == 1) return found.front();
  if (found.empty()) {
    return Status::NotFound(fmt::format(
        "没有案件 {}（或无权查看）/ no case {} that you may see ({} cases "
        "list)",
        text, text, ProgramName()));
  }
  return Status::InvalidArgument(fmt::format(
      "{} 对应 {} 个案件，请写全 / {} matches {} cases; give more of the ID",
      text, found.size(), text, found.size()));
}

}  // namespace hedui::cli
