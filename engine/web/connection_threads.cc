#include "engine/web/connection_threads.h"

#include <netinet/in.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>

namespace hedui::web {

struct ConnectionThreads::Start {
  ConnectionThreads* queue;
  std::function<void()> fn;
};

ConnectionThreads::ConnectionThreads(Options options, std::atomic<size_t>* open,
                                     std::function<void()> cut)
    : options_(options), open_(open), cut_(std::move(cut)) {}

ConnectionThreads::~ConnectionThreads() { shutdown(); }

void ConnectionThreads::enqueue(std::function<void()> fn) {
  if (open_) ++*open_;
  std::unique_lock lock(mu_);
  // A thread that finished its connection and waits for another takes it:
  // no thread made per connection under steady load (wrk reconnects every
  // 5 requests, cpp-httplib's keep-alive maximum).
  if (idle_ > waiting_.size() || threads_ >= options_.max_threads) {
    waiting_.push_back(std::move(fn));
    more_work_.notify_one();
    return;
  }
  ++threads_;
  lock.unlock();
  // Detached: a thread ends on its own; shutdown() waits on the count.
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, options_.stack_bytes);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  auto* start = new Start{this, std::move(fn)};
  pthread_t thread;
  int failed = pthread_create(&thread, &attr, &ConnectionThreads::Main, start);
  pthread_attr_destroy(&attr);
  if (failed == 0) return;
  // No thread to be had (the system's limit on threads or memory): the
  // connection waits for a running one, or, when none runs, is served
  // here, on the accepting thread, rather than dropped.
  fn = std::move(start->fn);
  delete start;
  lock.lock();
  --threads_;
  if (threads_ > 0) {
    waiting_.push_back(std::move(fn));
    more_work_.notify_one();
    return;
  }
  ++threads_;
  lock.unlock();
  Work(std::move(fn));
}

void* ConnectionThreads::Main(void* arg) {
  auto* start = static_cast<Start*>(arg);
  ConnectionThreads* queue = start->queue;
  std::function<void()> fn = std::move(start->fn);
  delete start;
  queue->Work(std::move(fn));
  return nullptr;
}

void ConnectionThreads::Work(std::function<void()> fn) {
  for (;;) {
    fn();
    fn = nullptr;
    if (open_) --*open_;
    std::unique_lock lock(mu_);
    if (waiting_.empty() && !stopping_) {
      ++idle_;
      more_work_.wait_for(lock, options_.keep_idle,
                          [this] { return !waiting_.empty() || stopping_; });
      --idle_;
    }
    if (waiting_.empty()) {
      // Notified under the lock: once it is released, shutdown() may
      // return and the queue be destroyed; this thread touches nothing of
      // it after.
      if (--threads_ == 0) all_done_.notify_all();
      return;
    }
    fn = std::move(waiting_.front());
    waiting_.pop_front();
  }
}

void ConnectionThreads::shutdown() {
  std::unique_lock lock(mu_);
  stopping_ = true;
  more_work_.notify_all();
  auto done = [this] { return threads_ == 0 && waiting_.empty(); };
  if (!all_done_.wait_for(lock, options_.grace, done) && cut_) {
    lock.unlock();
    cut_();
    lock.lock();
  }
  all_done_.wait(lock, done);
}

size_t RaiseOpenFileLimit(size_t wanted) {
  rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  rlim_t target = std::min<rlim_t>(limit.rlim_max, wanted);
  if (limit.rlim_cur < target) {
    limit.rlim_cur = target;
    if (setrlimit(RLIMIT_NOFILE, &limit) == 0) return target;
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur;
}

namespace {

// Calls `fn(fd, listening)` for each of this process's TCP sockets whose
// local port is `port`.
template <typename Fn>
void ForEachSocketOnPort(int port, Fn fn) {
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    const std::string name = entry.path().filename().string();
    int fd = std::atoi(name.c_str());
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
    sockaddr_storage addr{};
    socklen_t addr_len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0)
      continue;
    int bound = 0;
    if (addr.ss_family == AF_INET) {
      bound = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      bound = ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
    }
    if (bound != port) continue;
    int listening = 0;
    socklen_t len = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0)
      continue;
    fn(fd, listening != 0);
  }
}

}  // namespace

bool RaiseListenBacklog(int port, int backlog) {
  bool found = false;
  ForEachSocketOnPort(port, [&](int fd, bool listening) {
    if (listening && listen(fd, backlog) == 0) found = true;
  });
  return found;
}

void ShutDownConnections(int port) {
  ForEachSocketOnPort(port, [](int fd, bool listening) {
    if (!listening) ::shutdown(fd, SHUT_RDWR);
  });
}

}  // namespace hedui::web
