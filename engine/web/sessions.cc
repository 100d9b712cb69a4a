#include "engine/web/sessions.h"

#include <sodium.h>

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

bool LoginThrottle::Full(std::deque<Clock::time_point>* times,
                         Clock::time_point now) {
  while (!times->empty() && now - times->front() > window_) times->pop_front();
  return times->size() >= max_failures_;
}

bool LoginThrottle::Allowed(const std::string& user,
                            const std::string& address) {
  Clock::time_point now = Clock::now();
  std::lock_guard lock(mu_);
  return !Full(&failures_["u:" + user], now) &&
         !Full(&failures_["a:" + address], now);
}

void LoginThrottle::RecordFailure(const std::string& user,
                                  const std::string& address) {
  Clock::time_point now = Clock::now();
  std::lock_guard lock(mu_);
  // Bounded: a flood of made-up names must not grow the table forever.
  if (failures_.size() > 100000) failures_.clear();
  failures_["u:" + user].push_back(now);
  failures_["a:" + address].push_back(now);
}

}  // namespace hedui::web
