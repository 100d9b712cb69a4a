// `hedui serve`: the review site. An HTTP server (cpp-httplib, a thread
// for each connection: connection_threads.h) that maps each request to one
// CaseStore call and renders the answer as a plain Chinese HTML page. It holds
// no engine logic: who may read or change which case is checked by the store on
// every call; the server only signs people in, keeps their sessions, checks
// each form's CSRF token and escapes every value it prints.
//
// The server holds the case store open for as long as it runs (one process
// holds it; `hedui serve` runs the CLI's case commands against it meanwhile,
// engine/cli/store_socket.h) and imports the runs that
// nightly `hedui run` records: every 30 s, and on a list request when a new
// file appeared in DATA/runs.
#ifndef HEDUI_ENGINE_WEB_REVIEW_SERVER_H_
#define HEDUI_ENGINE_WEB_REVIEW_SERVER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "hedui/case_store.h"
#include "hedui/rules.h"
#include "hedui/status.h"

namespace hedui::web {

struct ServerOptions {
  std::string data_dir;
  // The county's rules ([cases]: outcome codes, notice period); the
  // store's defaults when null. Must outlive the server.
  const Rules* rules = nullptr;
  std::string listen = "127.0.0.1";
  int port = 8080;  // 0: any free port (see ReviewServer::port())
  // Largest request body: an attachment of up to 20 MB and its form.
  size_t max_body_bytes = (20u << 20) + (1u << 20);
  // Largest form field other than a file.
  size_t max_field_bytes = 64u << 10;
  // How often runs are imported without a request asking.
  std::chrono::seconds import_every{30};
  // Reverse proxies whose X-Forwarded-For names the client (exact
  // addresses, as the peer address reads: "10.0.0.5", "::1"). From any
  // other peer the header is ignored.
  std::vector<std::string> trusted_proxies;
  // The site is reached over HTTPS through a proxy that ends TLS: the
  // session cookie is marked Secure.
  bool behind_tls = false;
  // Failed sign-ins in 5 minutes before a name, or a client address, is
  // refused (429) until the oldest leaves the window (sessions.h).
  size_t sign_in_failures_per_user = 5;
  size_t sign_in_failures_per_address = 50;
  // Connections served at once, each on a thread of its own
  // (connection_threads.h); more wait for a thread to come free.
  size_t max_connections = 4096;
};

class ReviewServer {
 public:
  // Opens the case store (refused while another process holds it) and
  // imports the runs recorded since the last import.
  static StatusOr<std::unique_ptr<ReviewServer>> Create(
      const ServerOptions& options);
  ~ReviewServer();
  ReviewServer(const ReviewServer&) = delete;
  ReviewServer& operator=(const ReviewServer&) = delete;

  // Binds the address; the port is known afterwards.
  [[nodiscard]] Status Bind();
  int port() const;
  // Serves until Stop() (from another thread or a signal handler's thread).
  [[nodiscard]] Status Serve();
  void Stop();

  // The case store the site holds open: the CLI's case commands run against
  // it while the site runs (engine/cli/store_socket.h). Thread-safe, as
  // every request uses it.
  CaseStore* store();

  // Tests: ages every session (expiry without waiting).
  void AgeSessionsForTest(std::chrono::seconds by);
  // Tests: how many passwords have been checked (each an Argon2id hash).
  uint64_t PasswordChecksForTest() const;
  // Tests: connections open now (each holds a thread while it is open).
  size_t OpenConnectionsForTest() const;

  struct Impl;

 private:
  explicit ReviewServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hedui::web

#endif  // HEDUI_ENGINE_WEB_REVIEW_SERVER_H_
