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
  // The store: the one this command opened (owned_store), or, for a command
  // sent to the running review site (store_socket.h), the site's.
  std::unique_ptr<CaseStore> owned_store;
  CaseStore* store = nullptr;
  std::optional<Actor> actor;
};

// The county's rules for the case store: the file `rules_path` when given,
// else the rules the last recorded run used (the copy it kept in DATA, so
// the directory the command runs from does not matter), else null (the
// store's defaults).
StatusOr<std::unique_ptr<Rules>> CaseRules(const std::string& data_dir,
                                           const std::string& rules_path);

// Imports the runs recorded since the last import, saying so on stderr.
Status ImportRunsAndSay(CaseStore& store);

// Opens the store (rules: CaseRules), or takes the running review site's
// when the command was sent there (store_socket.h), imports new runs
// (saying so on stderr), and signs in `args.user` unless `sign_in` is
// false.
StatusOr<CaseSession> OpenCaseSession(const CaseArgs& args,
                                      bool sign_in = true);

// A line from the terminal without echo, else a line of standard input.
StatusOr<std::string> ReadSecretLine(const std::string& prompt);

// The password of `user`: HEDUI_PASSWORD, else a prompt on the terminal
// without echo, else a line of standard input.
StatusOr<Actor> SignInFromCli(CaseStore& store, const std::string& user);

// A new password: HEDUI_NEW_PASSWORD, else asked twice on the terminal
// (`user` empty: the prompt names no one).
StatusOr<std::string> ReadNewPassword(const std::string& user);

// A flag ID, or a unique prefix of one among the cases `actor` may list.
StatusOr<std::string> ResolveFlagId(const CaseSession& session,
                                    const std::string& text);

}  // namespace hedui::cli

#endif  // HEDUI_ENGINE_CLI_CASE_SESSION_H_
