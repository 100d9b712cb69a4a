// How the review site serves connections: a thread of its own for each,
// up to a high cap, instead of cpp-httplib's pool of a few threads.
//
// cpp-httplib 0.11.4 reads a request on the thread that will answer it,
// and each read waits up to its read timeout (5 s) for the next bytes: a
// connection that sends a request's first line and then a header line
// every few seconds (slowloris) holds its thread for as long as it likes.
// With a pool of 8, eight such connections stopped the site (issue 19,
// defect 9); a browser alone keeps six connections open. Here a waiting
// connection costs a sleeping thread: a small stack that is mostly never
// touched (RSS about 50 KiB a connection, measured below) and one file
// descriptor, so a thousand slow or idle connections leave the sign-in
// page answering in milliseconds, as with none. What still stops the site
// is more slow connections than the cap (4096 by default): that many from
// one network wants a proxy in front that buffers whole requests.
//
// The alternative, an epoll front that reads whole requests before
// handing them to workers, cannot be put in front of cpp-httplib 0.11.4:
// its server reads from the socket it accepted itself, and takes no
// socket or request from outside. It would mean replacing the HTTP
// server.
//
// Beyond the cap, connections wait for a thread to come free (in arrival
// order), as in cpp-httplib's pool. The task queue is handed neither the
// socket nor the peer's address before the request has been read, so
// there is no per-address connection cap here; the per-address limit on
// sign-in attempts is in sessions.h, and a county that faces an untrusted
// network puts the site behind a reverse proxy (README, `hedui serve`).
//
// Measured with bench/web_slowloris.sh (the 20,000-resident demo, wrk -t2
// -c16 -d10s on the case list; 1000 connections that each sent a first
// line and then a header line every 2 s; 2 cores shared with other
// builds, load average about 8, so single figures vary by a third):
//                      sign-in page median/worst   wrk /cases   RSS
//   pool of 8, none       0.6 / 20.6 ms            20,316/s    28 MiB
//   pool of 8, 1000 slow  no answer in 15 s          0/s       29 MiB
//   per conn., none       1.5 / 5.6 ms             20,586/s    26 MiB
//   per conn., 1000 slow  2.8 / 9.4 ms             21,898/s    78 MiB
// (1007 threads: about 52 KiB of RSS a slow connection.) Before threads
// were kept for the next connection, wrk's reconnects (every 5 requests)
// made one thread each: 13,206/s.
#ifndef HEDUI_ENGINE_WEB_CONNECTION_THREADS_H_
#define HEDUI_ENGINE_WEB_CONNECTION_THREADS_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace hedui::web {

class ConnectionThreads : public httplib::TaskQueue {
 public:
  struct Options {
    size_t max_threads = 4096;
    // Each thread's stack: virtual memory; what a request touches of it
    // is a few tens of KiB (cpp-httplib's buffers, the route regexes, a
    // page rendered into strings on the heap).
    size_t stack_bytes = 1u << 20;
    // How long a thread whose connection closed waits for the next one
    // before it ends.
    std::chrono::seconds keep_idle{10};
    // How long shutdown() lets open connections end on their own before
    // it calls `cut` (below).
    std::chrono::seconds grace{3};
  };
  // `open` (may be null) counts the connections being served or waiting.
  // `cut` (may be empty) ends the connections still open when shutdown()
  // has waited its grace period: a slow client that keeps trickling would
  // otherwise keep the server from stopping for as long as it likes.
  ConnectionThreads(Options options, std::atomic<size_t>* open,
                    std::function<void()> cut = nullptr);
  ~ConnectionThreads() override;
  ConnectionThreads(const ConnectionThreads&) = delete;
  ConnectionThreads& operator=(const ConnectionThreads&) = delete;

  void enqueue(std::function<void()> fn) override;
  // Waits until every connection has been served and closed (cut after
  // the grace period).
  void shutdown() override;

 private:
  struct Start;
  static void* Main(void* start);
  // Runs `fn`, then the connections that wait for a thread, and waits
  // `keep_idle` for more before it ends.
  void Work(std::function<void()> fn);

  Options options_;
  std::atomic<size_t>* open_;
  std::function<void()> cut_;
  std::mutex mu_;
  std::condition_variable all_done_, more_work_;
  std::deque<std::function<void()>> waiting_;
  size_t threads_ = 0;
  size_t idle_ = 0;  // threads waiting for a connection
  bool stopping_ = false;
};

// Raises this process's soft limit on open files to its hard limit (at
// most `wanted`): a thousand connections need a thousand descriptors, and
// the usual soft limit is 1024. Returns the limit in force afterwards.
size_t RaiseOpenFileLimit(size_t wanted);

// cpp-httplib 0.11.4 listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG,
// fixed when Debian built the library): a burst of connections beyond it
// has its SYNs dropped and each client retries a second later, then three
// (1000 connections opened one after another took over a minute, and the
// first ones timed out meanwhile). The listening socket of `port` is found
// among this process's descriptors and listen() called again with
// `backlog` (Linux then takes the new length; the kernel caps it at
// net.core.somaxconn). False when no such socket is found.
bool RaiseListenBacklog(int port, int backlog);

// Shuts down (shutdown(2), both ways; the thread that serves it closes it)
// every connection this process accepted on `port`: its sockets whose
// local port is `port` and that are not listening. A thread blocked
// reading one wakes at once and its connection ends.
void ShutDownConnections(int port);

}  // namespace hedui::web

#endif  // HEDUI_ENGINE_WEB_CONNECTION_THREADS_H_
