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

// The guard on sign-in attempts, per user name and per client address.
// An attempt is reserved before the password is checked and the
// reservation kept as a failure unless the sign-in succeeds: checking the
// limit and counting the attempt are one step under one lock, so 64
// attempts sent at once for one name get at most `per_user` password
// checks (each an Argon2id hash of 64 MiB), the rest 429.
//
// Two limits, because one address may be many people: behind a reverse
// proxy that is not configured as trusted (hedui serve --trusted-proxy)
// every officer signs in from the proxy's address. A name is locked after
// `per_user` failures (5) and only that name: five wrong passwords for a
// made-up name lock no one else out. An address is locked after
// `per_address` failures (50, ten locked names' worth), which stops one
// machine from guessing across many names while a county's officers
// mistyping behind one shared address stay far below it.
class LoginThrottle {
 public:
  struct Limits {
    size_t per_user = 5;
    size_t per_address = 50;
    Clock::duration window = std::chrono::minutes(5);
  };
  LoginThrottle() = default;
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  // One reserved attempt; pass it back to Succeeded when the password was
  // right.
  struct Attempt {
    std::string user, address;
    Clock::time_point at;
  };
  // The attempt, counted, when neither the name nor the address is over
  // its limit; nullopt (nothing counted) when one is.
  std::optional<Attempt> Reserve(const std::string& user,
                                 const std::string& address);
  // Releases a reservation: a right password is not a failure.
  void Succeeded(const Attempt& attempt);

 private:
  // Drops the times that left the window; the count left.
  size_t Count(std::deque<Clock::time_point>* times, Clock::time_point now);
  void Release(const std::string& key, Clock::time_point at);
  Limits limits_;
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
