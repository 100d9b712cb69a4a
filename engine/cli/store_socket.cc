#include "engine/cli/store_socket.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sched.h>
#include <stdio_ext.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <set>

#include "engine/cli/case_session.h"
#include "engine/cli/common.h"

namespace hedui::cli {
namespace {

thread_local const ServedContext* g_context = nullptr;

constexpr char kMagic[] = "hedui-cli-2";
// Larger than any note, password or argument list; a field over it is a
// broken or hostile peer, not a command.
constexpr uint32_t kMaxField = 64u << 20;
constexpr uint32_t kMaxArgs = 4096;

// The commands that go through a running server: those that open the case
// store. Anything else (demo, run, serve …) is refused there.
bool IsCaseCommand(const std::string& name) {
  return name == "cases" || name == "users" || name == "audit" ||
         name == "report";
}

// The options whose value is a path: made absolute by the client, whose
// working directory the server does not share. `-` (standard input) stays.
bool IsPathOption(const std::string& name) {
  static const std::set<std::string> kPaths = {"--data", "--rules", "--attach",
                                               "--out", "--note-file"};
  return kPaths.count(name) > 0;
}

std::string Absolute(const std::string& path) {
  if (path.empty() || path == "-" || path[0] == '/') return path;
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

bool WriteAll(int fd, const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool ReadAll(int fd, void* data, size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = ::recv(fd, p, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// A field: its length (4 bytes, host order: both ends are this machine)
// and its bytes.
bool Put(int fd, const std::string& s) {
  uint32_t size = static_cast<uint32_t>(s.size());
  return WriteAll(fd, &size, sizeof size) && WriteAll(fd, s.data(), s.size());
}

bool Get(int fd, std::string* s) {
  uint32_t size = 0;
  if (!ReadAll(fd, &size, sizeof size) || size > kMaxField) return false;
  s->resize(size);
  return size == 0 || ReadAll(fd, s->data(), size);
}

bool GetCount(int fd, uint32_t* count) {
  std::string text;
  if (!Get(fd, &text) || text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  *count = static_cast<uint32_t>(std::stoul(text));
  return true;
}

std::string ReadFd(int fd) {
  std::string out;
  lseek(fd, 0, SEEK_SET);
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
    out.append(buffer, static_cast<size_t>(n));
  return out;
}

std::string ReadStdin() {
  std::string out;
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(STDIN_FILENO, buffer, sizeof buffer)) > 0 ||
         (n < 0 && errno == EINTR)) {
    if (n > 0) out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

// One line of standard input, its line break included, read a byte at a
// time so that nothing after it is taken from whoever reads next.
std::string ReadStdinLine() {
  std::string line;
  char ch;
  ssize_t n;
  while ((n = ::read(STDIN_FILENO, &ch, 1)) == 1 || (n < 0 && errno == EINTR)) {
    if (n != 1) continue;
    line.push_back(ch);
    if (ch == '\n') break;
  }
  return line;
}

// The value after `option` in `args` (as `--x v` or `--x=v`), or "".
std::string OptionValue(const std::vector<std::string>& args,
                        const std::string& option) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == option && i + 1 < args.size()) return args[i + 1];
    if (args[i].rfind(option + "=", 0) == 0)
      return args[i].substr(option.size() + 1);
  }
  return "";
}

// A Unix socket and the address of `path`. A path is at most 107 bytes
// (sun_path), and a data directory may be deeper (a Chinese name takes 3
// bytes a character): then the address goes through the folder opened
// (/proc/self/fd/N/cli.sock), which the caller keeps open (`dir_fd`) until
// it has bound or connected.
struct UnixAddress {
  sockaddr_un address{};
  int dir_fd = -1;
  UnixAddress() = default;
  UnixAddress(const UnixAddress&) = delete;
  UnixAddress& operator=(const UnixAddress&) = delete;
  ~UnixAddress() {
    if (dir_fd >= 0) ::close(dir_fd);
  }
  sockaddr* get() { return reinterpret_cast<sockaddr*>(&address); }
};

int UnixSocket(const std::string& path, UnixAddress* out) {
  std::string name = path;
  if (name.size() >= sizeof out->address.sun_path) {
    size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) return -1;
    out->dir_fd =
        ::open(path.substr(0, slash).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (out->dir_fd < 0) return -1;
    name =
        fmt::format("/proc/self/fd/{}/{}", out->dir_fd, path.substr(slash + 1));
    if (name.size() >= sizeof out->address.sun_path) return -1;
  }
  out->address.sun_family = AF_UNIX;
  std::memcpy(out->address.sun_path, name.c_str(), name.size() + 1);
  return ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

}  // namespace

std::string StoreSocketPath(const std::string& data_dir) {
  return data_dir + "/cases/cli.sock";
}

const ServedContext* CurrentServedContext() { return g_context; }

std::optional<std::string> CommandEnv(const char* name) {
  if (g_context != nullptr) {
    // A forwarded command has the client's passwords or none: the
    // server's own environment is not the client's to use.
    if (g_context->env == nullptr) return std::nullopt;
    auto it = g_context->env->find(name);
    if (it == g_context->env->end()) return std::nullopt;
    return it->second;
  }
  if (const char* value = std::getenv(name)) return std::string(value);
  return std::nullopt;
}

std::optional<int> ForwardToServer(const std::string& data_dir, int argc,
                                   char** argv) {
  std::string path = StoreSocketPath(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  UnixAddress address;
  int fd = UnixSocket(path, &address);
  if (fd < 0) return std::nullopt;
  if (::connect(fd, address.get(), sizeof address.address) != 0) {
    // A socket left by a server that is gone: the store is free.
    ::close(fd);
    return std::nullopt;
  }
  ForwardedCommand command;
  command.program = argc > 0 ? argv[0] : "hedui";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    size_t eq = arg.find('=');
    if (eq != std::string::npos && IsPathOption(arg.substr(0, eq))) {
      arg = arg.substr(0, eq + 1) + Absolute(arg.substr(eq + 1));
    } else if (!command.args.empty() && IsPathOption(command.args.back())) {
      arg = Absolute(arg);
    }
    command.args.push_back(arg);
  }
  for (const char* name : {"HEDUI_PASSWORD", "HEDUI_NEW_PASSWORD"}) {
    if (const char* value = std::getenv(name)) command.env[name] = value;
  }
  // Standard input as the command itself would read it: a line for each
  // password the environment does not give, the rest for --note-file -
  // only. A script's loop (`while read id; do hedui cases show …; done <
  // ids.txt`) keeps the rest of its input.
  std::string user = OptionValue(command.args, "--user");
  bool wants_password = !user.empty() && !command.env.count("HEDUI_PASSWORD");
  bool wants_new_password =
      command.args.size() >= 2 && command.args[0] == "users" &&
      (command.args[1] == "add" || command.args[1] == "passwd") &&
      !command.env.count("HEDUI_NEW_PASSWORD");
  bool wants_note = OptionValue(command.args, "--note-file") == "-";
  if (!isatty(STDIN_FILENO)) {
    for (int i = 0; i < int{wants_password} + int{wants_new_password}; ++i)
      command.stdin_text += ReadStdinLine();
    if (wants_note) command.stdin_text += ReadStdin();
  } else {
    // At a terminal the prompts are made here, before anything travels.
    if (wants_password) {
      StatusOr<std::string> password = ReadSecretLine(
          fmt::format("{} 的密码 (password of {}): ", user, user));
      if (!password.ok()) {
        ::close(fd);
        return Fail(password.status());
      }
      command.env["HEDUI_PASSWORD"] = password.value();
    }
    if (wants_new_password) {
      StatusOr<std::string> password = ReadNewPassword("");
      if (!password.ok()) {
        ::close(fd);
        return Fail(password.status());
      }
      command.env["HEDUI_NEW_PASSWORD"] = password.value();
    }
    if (wants_note) command.stdin_text = ReadStdin();
  }
  bool sent = Put(fd, kMagic) && Put(fd, command.program) &&
              Put(fd, std::to_string(command.args.size()));
  for (const std::string& arg : command.args) sent = sent && Put(fd, arg);
  sent = sent && Put(fd, std::to_string(command.env.size()));
  for (const auto& [name, value] : command.env)
    sent = sent && Put(fd, name) && Put(fd, value);
  command.cwd = std::filesystem::current_path(ec).string();
  sent = sent && Put(fd, command.stdin_text) && Put(fd, command.cwd);
  ForwardedResult result;
  uint32_t code = 1;
  bool answered = sent && GetCount(fd, &code) && Get(fd, &result.out) &&
                  Get(fd, &result.err);
  ::close(fd);
  if (!answered) {
    std::fprintf(stderr,
                 "hedui: 运行中的复核网站没有回答（%s）/ the running review "
                 "site did not answer on %s\n",
                 path.c_str(), path.c_str());
    return 1;
  }
  std::fwrite(result.out.data(), 1, result.out.size(), stdout);
  std::fflush(stdout);
  std::fwrite(result.err.data(), 1, result.err.size(), stderr);
  return static_cast<int>(code);
}

StoreSocket::StoreSocket(std::string data_dir, CaseStore* store,
                         const Rules* rules, RunFn run)
    : data_dir_(std::move(data_dir)),
      path_(StoreSocketPath(data_dir_)),
      store_(store),
      rules_(rules),
      run_(std::move(run)) {}

StoreSocket::~StoreSocket() { Stop(); }

Status StoreSocket::Start() {
  UnixAddress address;
  listen_fd_ = UnixSocket(path_, &address);
  if (listen_fd_ < 0) {
    return Status::IOError(fmt::format(
        "{}: 无法建立命令行连接点 / cannot make the command socket: {}", path_,
        std::strerror(errno)));
  }
  // A socket file there was left by a server that is gone: this process
  // holds the store, so no other server is listening on it.
  ::unlink(path_.c_str());
  if (::bind(listen_fd_, address.get(), sizeof address.address) != 0 ||
      ::chmod(path_.c_str(), 0600) != 0 || ::listen(listen_fd_, 64) != 0) {
    Status error =
        Status::IOError(fmt::format("{}: {}", path_, std::strerror(errno)));
    ::close(listen_fd_);
    listen_fd_ = -1;
    return error;
  }
  thread_ = std::thread([this] { Loop(); });
  return Status::OK();
}

void StoreSocket::Stop() {
  if (listen_fd_ < 0) return;
  stopping_ = true;
  // Wakes accept(); the command running (if any) finishes first.
  ::shutdown(listen_fd_, SHUT_RDWR);
  if (thread_.joinable()) thread_.join();
  ::close(listen_fd_);
  listen_fd_ = -1;
  ::unlink(path_.c_str());
}

void StoreSocket::Loop() {
  // This thread's working directory, apart from the process's (Linux:
  // unshare(CLONE_FS)), so that a command runs in its client's directory
  // (a file it writes by default lands there) while the site's threads
  // keep theirs.
  own_cwd_ = ::unshare(CLONE_FS) == 0;
  while (!stopping_) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;
    }
    if (stopping_) {
      ::close(fd);
      return;
    }
    Serve(fd);
    ::close(fd);
  }
}

void StoreSocket::Serve(int fd) {
  // The socket's mode and folder let only the owner in; the peer's user is
  // checked as well, should a mode be loosened by hand.
  ucred peer{};
  socklen_t size = sizeof peer;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 ||
      (peer.uid != ::getuid() && peer.uid != 0)) {
    return;
  }
  // A client sends its request whole at once (it read its standard input
  // first); one that stalls is dropped, not waited for.
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ForwardedCommand command;
  std::string magic;
  uint32_t count = 0;
  if (!Get(fd, &magic) || magic != kMagic || !Get(fd, &command.program) ||
      !GetCount(fd, &count) || count > kMaxArgs)
    return;
  command.args.resize(count);
  for (std::string& arg : command.args)
    if (!Get(fd, &arg)) return;
  if (!GetCount(fd, &count) || count > 16) return;
  for (uint32_t i = 0; i < count; ++i) {
    std::string name, value;
    if (!Get(fd, &name) || !Get(fd, &value)) return;
    command.env[name] = value;
  }
  if (!Get(fd, &command.stdin_text) || !Get(fd, &command.cwd)) return;
  ForwardedResult result = Run(command);
  (void)(Put(fd, std::to_string(result.code)) && Put(fd, result.out) &&
         Put(fd, result.err));
}

bool StoreSocket::EnterDirectory(const std::string& cwd, int* saved) {
  *saved = -1;
  if (cwd.empty()) return true;
  if (!own_cwd_) return false;
  *saved = ::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  return *saved >= 0 && ::chdir(cwd.c_str()) == 0;
}

ForwardedResult StoreSocket::Run(const ForwardedCommand& command) {
  ForwardedResult result;
  if (command.args.empty() || !IsCaseCommand(command.args[0])) {
    result.code = 2;
    result.err =
        "hedui: 运行中的复核网站只代办 cases、users、audit、report / the "
        "running review site runs only cases, users, audit and report\n";
    return result;
  }
  // One command at a time: the program's descriptors 0, 1 and 2 are the
  // command's while it runs (what it prints, what it reads), so that every
  // command, and every message it prints, works here unchanged.
  static std::mutex one_at_a_time;
  std::lock_guard<std::mutex> lock(one_at_a_time);
  int saved_cwd = -1;
  if (!EnterDirectory(command.cwd, &saved_cwd)) {
    if (saved_cwd >= 0) ::close(saved_cwd);
    result.err = fmt::format(
        "hedui: 运行中的复核网站无法进入目录 {}（请用绝对路径）/ the running "
        "review site cannot work in {}: give absolute paths\n",
        command.cwd, command.cwd);
    return result;
  }
  // Back to the thread's own directory however the command ends.
  struct Restore {
    int fd;
    bool* own_cwd;
    ~Restore() {
      if (fd < 0) return;
      if (::fchdir(fd) != 0) *own_cwd = false;
      ::close(fd);
    }
  } restore{saved_cwd, &own_cwd_};
  int in = memfd_create("hedui-stdin", MFD_CLOEXEC);
  int out = memfd_create("hedui-stdout", MFD_CLOEXEC);
  int err = memfd_create("hedui-stderr", MFD_CLOEXEC);
  if (in < 0 || out < 0 || err < 0 ||
      ::write(in, command.stdin_text.data(), command.stdin_text.size()) !=
          static_cast<ssize_t>(command.stdin_text.size())) {
    for (int fd : {in, out, err})
      if (fd >= 0) ::close(fd);
    result.err = fmt::format("hedui: {}\n", std::strerror(errno));
    return result;
  }
  lseek(in, 0, SEEK_SET);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(stdout);
  std::fflush(stderr);
  int saved[3] = {::dup(0), ::dup(1), ::dup(2)};
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err, 2);
  __fpurge(stdin);
  clearerr(stdin);
  std::cin.clear();

  ServedContext context;
  context.store = store_;
  context.rules = rules_;
  context.env = &command.env;
  context.program = &command.program;
  g_context = &context;
  std::vector<std::string> argv = {command.program};
  argv.insert(argv.end(), command.args.begin(), command.args.end());
  result.code = run_(argv);
  g_context = nullptr;

  std::cout.flush();
  std::cerr.flush();
  std::fflush(stdout);
  std::fflush(stderr);
  for (int i = 0; i < 3; ++i) {
    ::dup2(saved[i], i);
    ::close(saved[i]);
  }
  __fpurge(stdin);
  clearerr(stdin);
  std::cin.clear();
  result.out = ReadFd(out);
  result.err = ReadFd(err);
  for (int fd : {in, out, err}) ::close(fd);

  return result;
}

}  // namespace hedui::cli
