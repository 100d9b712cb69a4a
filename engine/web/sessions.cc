#include "engine/web/sessions.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

namespace hedui::web {

std::string RandomHex(size_t bytes) {
  // sodium_init() is idempotent and thread-safe; randombytes_buf works
  // without it on Linux (getrandom), but initialise once all the same.
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

bool TokensEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SessionTable::Create(const Actor& actor) {
  std::string token = RandomHex(32);
  Clock::time_point now = Clock::now();
  std::lock_guard lock(mu_);
  sessions_.insert_or_assign(token,
                             Session{actor, RandomHex(32), now, now, {}});
  return token;
}

std::optional<Session> SessionTable::Find(const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  Clock::time_point now = Clock::now();
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  Session& s = it->second;
  if (now - s.last_seen > limits_.idle || now - s.started > limits_.absolute) {
    sessions_.erase(it);
    return std::nullopt;
  }
  s.last_seen = now;
  return s;
}

void SessionTable::SetFlash(const std::string& token, std::string message) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token);
  if (it != sessions_.end()) it->second.flash = std::move(message);
}

std::string SessionTable::TakeFlash(const std::string& token) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return {};
  std::string out;
  out.swap(it->second.flash);
  return out;
}

void SessionTable::Remove(const std::string& token) {
  std::lock_guard lock(mu_);
  sessions_.erase(token);
}

void SessionTable::AgeAllForTest(Clock::duration by) {
  std::lock_guard lock(mu_);
  for (auto& [token, s] : sessions_) {
    s.started -= by;
    s.last_seen -= by;
  }
}

size_t LoginThrottle::Count(std::deque<Clock::time_point>* times,
                            Clock::time_point now) {
  while (!times->empty() && now - times->front() > limits_.window)
    times->pop_front();
  return times->size();
}

std::optional<LoginThrottle::Attempt> LoginThrottle::Reserve(
    const std::string& user, const std::string& address) {
  Clock::time_point now = Clock::now();
  std::lock_guard lock(mu_);
  // Bounded: a flood of made-up names must not grow the table forever.
  // Emptied entries go first; only a table full of live failures is
  // cleared (an address over its limit cannot get here to fill it).
  if (failures_.size() > 100000) {
    for (auto it = failures_.begin(); it != failures_.end();) {
      it = Count(&it->second, now) == 0 ? failures_.erase(it) : std::next(it);
    }
    if (failures_.size() > 100000) failures_.clear();
  }
  std::deque<Clock::time_point>& by_user = failures_["u:" + user];
  std::deque<Clock::time_point>& by_address = failures_["a:" + address];
  if (Count(&by_user, now) >= limits_.per_user ||
      Count(&by_address, now) >= limits_.per_address) {
    return std::nullopt;
  }
  by_user.push_back(now);
  by_address.push_back(now);
  return Attempt{user, address, now};
}

void LoginThrottle::Release(const std::string& key, Clock::time_point at) {
  auto it = failures_.find(key);
  if (it == failures_.end()) return;
  std::deque<Clock::time_point>& times = it->second;
  auto found = std::find(times.begin(), times.end(), at);
  if (found != times.end()) times.erase(found);
}

void LoginThrottle::Succeeded(const Attempt& attempt) {
  std::lock_guard lock(mu_);
  Release("u:" + attempt.user, attempt.at);
  Release("a:" + attempt.address, attempt.at);
}

}  // namespace hedui::web
