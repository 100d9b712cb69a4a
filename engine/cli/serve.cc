// `hedui serve`: the review site (engine/web/review_server.h) on
// http://LISTEN:PORT until SIGINT or SIGTERM.
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/base/local_time.h"
#include "engine/cli/case_session.h"
#include "engine/cli/commands.h"
#include "engine/cli/store_socket.h"
#include "engine/web/review_server.h"
#include "hedui/rules.h"
#include "hedui/run_log.h"

namespace hedui::cli {
namespace {

struct ServeArgs {
  std::string data_dir, rules_path, listen = "127.0.0.1";
  int port = 8080;
  std::string timezone;  // empty: HEDUI_TIMEZONE or Asia/Shanghai (main.cc)
  std::vector<std::string> trusted_proxies;
  bool behind_tls = false;
};

int Serve(const ServeArgs& a) {
  if (!a.timezone.empty()) {
    if (Status s = SetDisplayTimeZone(a.timezone); !s.ok()) return Fail(s);
  }
  StatusOr<std::unique_ptr<Rules>> loaded = CaseRules(a.data_dir, a.rules_path);
  if (!loaded.ok()) return Fail(loaded.status());
  std::unique_ptr<Rules> rules = std::move(loaded.value());
  // SIGINT and SIGTERM are waited for by a thread of their own (sigwait),
  // which stops the server: no work in a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  web::ServerOptions options;
  options.data_dir = a.data_dir;
  options.rules = rules.get();
  options.listen = a.listen;
  options.port = a.port;
  options.trusted_proxies = a.trusted_proxies;
  options.behind_tls = a.behind_tls;
  StatusOr<std::unique_ptr<web::ReviewServer>> server =
      web::ReviewServer::Create(options);
  if (!server.ok()) return Fail(server.status());
  if (Status s = server.value()->Bind(); !s.ok()) return Fail(s);
  std::fprintf(stderr,
               "案件复核网站：http://%s:%d/ （Ctrl-C 停止）(review site on "
               "http://%s:%d/)\n",
               a.listen.c_str(), server.value()->port(), a.listen.c_str(),
               server.value()->port());
  for (const std::string& proxy : a.trusted_proxies)
    std::fprintf(
        stderr,
        "信任的反向代理 %s：登录限制按其 X-Forwarded-For 所列客户端地址计"
        " (trusted proxy)\n",
        proxy.c_str());
  web::ReviewServer* raw = server.value().get();
  // The case commands of the CLI, while the site holds the store: run here,
  // one at a time, by the program's own code (store_socket.h).
  StoreSocket cli_socket(a.data_dir, raw->store(), rules.get(),
                         [](const std::vector<std::string>& args) {
                           std::vector<char*> argv;
                           for (const std::string& arg : args)
                             argv.push_back(const_cast<char*>(arg.c_str()));
                           argv.push_back(nullptr);
                           return RunProgram(static_cast<int>(args.size()),
                                             argv.data());
                         });
  if (Status s = cli_socket.Start(); !s.ok()) {
    std::fprintf(stderr,
                 "hedui: %s\n命令行的案件命令在网站运行时不可用 (the case "
                 "commands of the CLI will find the store held)\n",
                 s.message().c_str());
  }
  std::thread waiter([raw, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    raw->Stop();
  });
  Status served = raw->Serve();
  // Wakes the waiter if the server stopped on its own.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  cli_socket.Stop();
  std::fprintf(stderr, "已停止 (stopped)\n");
  return served.ok() ? 0 : Fail(served);
}

}  // namespace

Command AddServeCommand(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "the review site: cases, decisions, notices, audit log (HTTP)");
  cmd->add_option("--data", args->data_dir, "data directory")->required();
  cmd->add_option("--rules", args->rules_path,
                  "the county's rules file ([cases]); default: the rules file "
                  "of the last recorded run");
  cmd->add_option("--listen", args->listen, "address to listen on")
      ->capture_default_str();
  cmd->add_option("--port", args->port, "TCP port (0: any free port)")
      ->capture_default_str();
  cmd->add_option("--timezone", args->timezone,
                  "the zone times are shown in (Asia/Shanghai, or an offset "
                  "such as +08:00); default HEDUI_TIMEZONE, else "
                  "Asia/Shanghai. Stored times stay UTC");
  cmd->add_option("--trusted-proxy", args->trusted_proxies,
                  "address of a reverse proxy in front of the site (as it "
                  "connects, e.g. 127.0.0.1); its X-Forwarded-For names the "
                  "client for the sign-in limits, its X-Forwarded-Proto: "
                  "https makes the cookie Secure; repeatable")
      ->type_size(1)
      ->allow_extra_args(false);
  cmd->add_flag("--behind-tls", args->behind_tls,
                "the site is reached over HTTPS (a proxy ends TLS): session "
                "cookies are Secure");
  cmd->footer(
      "Open http://127.0.0.1:8080/ and sign in with a user of `hedui users "
      "add`. The site holds the case store while it runs and imports new "
      "runs every 30 s; the CLI's case commands (cases, users, audit, report) "
      "then run through it (DATA/cases/cli.sock, owner only), with the same "
      "sign-in, roles and audit. Behind the county's HTTPS reverse proxy: "
      "--trusted-proxy PROXY_ADDRESS --behind-tls (the site itself speaks "
      "plain HTTP).\n"
      "Example:\n  hedui serve --data /srv/hedui/data --port 8080");
  return {cmd, [args] { return Serve(*args); }};
}

}  // namespace hedui::cli
