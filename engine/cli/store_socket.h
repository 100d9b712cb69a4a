// One store, many hands: the case commands (cases, users, audit, report)
// while `hedui serve` holds the case store.
//
// RocksDB lets one process hold a database, and the review server holds
// DATA/cases for as long as it runs. So the server also listens on a Unix
// socket inside that folder (DATA/cases/cli.sock: the socket 0600 in a 0700
// folder, so only the owner, who may open the store files anyway, can
// connect), and a case command that finds the socket answering sends its
// arguments, its passwords (HEDUI_PASSWORD, HEDUI_NEW_PASSWORD, or what it
// prompted for: never argv) and its standard input there. The server runs
// the command, one at a time, through the same code as the program (sign-in,
// the store's role and township checks, the audit log) against its open
// store, and sends back what it printed and its exit status, which the
// command prints and exits with.
//
// While a command runs, the server's descriptors 0, 1 and 2 are the
// command's (memfds), and the socket thread's working directory (its own:
// unshare(CLONE_FS)) the client's, so every command prints, reads and
// writes its files as it does alone;
// a line the server itself prints to stderr meanwhile (an import of the
// nightly run) goes to that command's stderr. Commands run one at a time;
// the store's own lock orders their writes with the site's requests.
#ifndef HEDUI_ENGINE_CLI_STORE_SOCKET_H_
#define HEDUI_ENGINE_CLI_STORE_SOCKET_H_

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "hedui/case_store.h"
#include "hedui/rules.h"
#include "hedui/status.h"

namespace hedui::cli {

// DATA/cases/cli.sock.
std::string StoreSocketPath(const std::string& data_dir);

// A command as it travels: arguments (without the program), the name the
// program was run as, the passwords from the environment or prompts, and
// standard input whole.
struct ForwardedCommand {
  std::vector<std::string> args;
  std::string program;
  std::map<std::string, std::string> env;  // HEDUI_PASSWORD, HEDUI_NEW_…
  std::string stdin_text;
  std::string cwd;  // the client's working directory
};
struct ForwardedResult {
  int code = 1;
  std::string out, err;
};

// What a forwarded command sees instead of the process's own: the store and
// rules of the server, and the client's passwords. Null outside one.
struct ServedContext {
  CaseStore* store = nullptr;
  const Rules* rules = nullptr;
  const std::map<std::string, std::string>* env = nullptr;
  const std::string* program = nullptr;  // argv[0] as the client ran it
};
const ServedContext* CurrentServedContext();

// An environment variable of the command: the client's when the command was
// forwarded (never the server's own), else the process's.
std::optional<std::string> CommandEnv(const char* name);

// The client's side: when `data_dir`'s store is held by a running server
// that answers on its socket, sends the command `argv` there and returns
// its exit status, having printed what it printed; nullopt when no server
// answers (the command then opens the store itself). Relative paths among
// the arguments are made absolute first (the server runs elsewhere).
std::optional<int> ForwardToServer(const std::string& data_dir, int argc,
                                   char** argv);

// The server's side: listens on StoreSocketPath(data_dir) and runs each
// command with `run` (the program's own command code) under a
// ServedContext of `store` and `rules`, one at a time.
class StoreSocket {
 public:
  using RunFn = std::function<int(const std::vector<std::string>& argv)>;
  StoreSocket(std::string data_dir, CaseStore* store, const Rules* rules,
              RunFn run);
  ~StoreSocket();
  StoreSocket(const StoreSocket&) = delete;
  StoreSocket& operator=(const StoreSocket&) = delete;

  // Binds and starts the thread that serves it.
  [[nodiscard]] Status Start();
  // Stops accepting, waits for the command running, removes the socket.
  void Stop();

  // Runs one command as the socket does (tests).
  ForwardedResult Run(const ForwardedCommand& command);

 private:
  void Loop();
  // Enters the client's directory for the command (this thread's own, see
  // Loop); false when it cannot.
  bool EnterDirectory(const std::string& cwd, int* saved);
  void Serve(int fd);

  std::string data_dir_, path_;
  CaseStore* store_;
  const Rules* rules_;
  RunFn run_;
  int listen_fd_ = -1;
  std::atomic<bool> stopping_{false};
  bool own_cwd_ = false;  // the socket thread's working directory is its own
  std::thread thread_;
};

}  // namespace hedui::cli

#endif  // HEDUI_ENGINE_CLI_STORE_SOCKET_H_
