// The review site's sessions and its guard on sign-in attempts. A session
// is a random token (32 bytes from libsodium, as hex) in an HttpOnly,
// SameSite=Strict cookie, with its own CSRF token that every form carries.
// Sessions end after 30 minutes without a request or 8 hours after sign-in,
// whichever comes first. Nothing here decides who may see or change a
// case: the case store checks that on every call (hedui/case_store.h).
#ifndef HEDUI_ENGINE_WEB_SESSIONS_H_
#define HEDUI_ENGINE_WEB_SESSIONS_H_

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "hedui/case_store.h"

namespace hedui::web {

using Clock = std::chrono::steady_clock;

struct Session {
  Actor actor;
  std::string csrf;  // 64 hex digits
  Clock::time_point started, last_seen;
  std::string flash;  // a message shown once, on the next page
};

class SessionTable {
 public:
  struct Limits {
    Clock::duration idle = std::chrono::minutes(30);
    Clock::duration absolute = std::chrono::hours(8);
  };
  SessionTable() = default;
  explicit SessionTable(Limits limits) : limits_(limits) {}

  // A new session for `actor`; returns its token.
  std::string Create(const Actor& actor);
  // The session of `token` when it exists and has not expired (touching
  // it), else nullopt (an expired one is dropped). A copy: the table may
  // change meanwhile.
  std::optional<Session> Find(const std::string& token);
  void SetFlash(const std::string& token, std::string message);
  // Takes the flash message (empty when none).
  std::string TakeFlash(const std::string& token);
  void Remove(const std::string& token);
  // Moves every session's clock back (tests of expiry).
  void AgeAllForTest(Clock::duration by);

 private:
  Limits limits_;
  std::mutex mu_;
  std::map<std::string, Session> sessions_;
};

// Failed sign-ins per user name and per client address: more than
// `max_failures` within `window` and further attempts are refused (429)
// until the oldest failure leaves the window.
class LoginThrottle {
 public:
  LoginThrottle(size_t max_failures = 5,
                Clock::duration window = std::chrono::minutes(5))
      : max_failures_(max_failures), window_(window) {}
  // Whether an attempt for this user from this address may proceed.
  bool Allowed(const std::string& user, const std::string& address);
  void RecordFailure(const std::string& user, const std::string& address);

 private:
  bool Full(std::deque<Clock::time_point>* times, Clock::time_point now);
  size_t max_failures_;
  Clock::duration window_;
  std::mutex mu_;
  std::map<std::string, std::deque<Clock::time_point>> failures_;
};

// `bytes` random bytes (libsodium) as lowercase hex.
std::string RandomHex(size_t bytes);

// Whether two tokens are equal, in time that does not depend on where
// they differ.
bool TokensEqual(const std::string& a, const std::string& b);

}  // namespace hedui::web

#endif  // HEDUI_ENGINE_WEB_SESSIONS_H_
