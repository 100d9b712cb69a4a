// What the case commands (cases, users, audit, report) share: opening the
// data directory's case store with the county's rules, importing the runs
// recorded since the last open, and signing in as --user with the password
// from HEDUI_PASSWORD or a prompt (never an argument: arguments show in
// `ps` and in shell history).
#ifndef HEDUI_ENGINE_CLI_CASE_SESSION_H_
#define HEDUI_ENGINE_CLI_CASE_SESSION_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "hedui/case_store.h"
#include "hedui/rules.h"
#include "hedui/status.h"

namespace hedui::cli {

// The options every case command takes.
struct CaseArgs {
  std::string data_dir, rules_path, user;
};
void AddCaseOptions(CLI::App* command, CaseArgs* args);

struct CaseSession {
  std::unique_ptr<Rules> rules;  // the store keeps a pointer into it
  std::unique_ptr<CaseStore> store;
  std::optional<Actor> actor;
};

// Opens the store (rules: --rules, else the last recorded run's rules file,
// else the defaults), imports new runs (saying so on stderr), and signs in
// `args.user` unless `sign_in` is false.
StatusOr<CaseSession> OpenCaseSession(const CaseArgs& args,
                                      bool sign_in = true);

// The password of `user`: HEDUI_PASSWORD, else a prompt on the terminal
// without echo, else a line of standard input.
StatusOr<Actor> SignInFromCli(CaseStore& store, const std::string& user);

// A new password: HEDUI_NEW_PASSWORD, else asked twice on the terminal.
StatusOr<std::string> ReadNewPassword(const std::string& user);

// A flag ID, or a unique prefix of one among the cases `actor` may list.
StatusOr<std::string> ResolveFlagId(const CaseSession& session,
                                    const std::string& text);

}  // namespace hedui::cli

#endif  // HEDUI_ENGINE_CLI_CASE_SESSION_H_
