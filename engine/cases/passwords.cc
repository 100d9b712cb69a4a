#include "engine/cases/passwords.h"

#include <sodium.h>

#include <cstdint>

namespace hedui {

namespace {

// sodium_init() is thread-safe and idempotent, but a function-local static
// makes the one call explicit and costs a load after the first.
bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// Code points of valid UTF-8, or -1 when it is not valid UTF-8.
int64_t CountCodePoints(std::string_view s) {
  int64_t n = 0;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
    }
    i += len;
    ++n;
  }
  return n;
}

}  // namespace

StatusOr<std::string> HashPassword(std::string_view password) {
  if (!SodiumReady())
    return Status::Internal("libsodium 初始化失败 / libsodium failed to start");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    // The only documented cause: the 64 MiB Argon2id needs is not there.
    return Status::Internal(
        "密码散列失败 (内存不足) / password hashing failed (out of memory)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  if (!SodiumReady()) return false;
  // crypto_pwhash_str_verify reads a NUL-terminated string of at most
  // crypto_pwhash_STRBYTES - 1 characters: copy, and refuse longer ones
  // rather than truncate them into something else.
  if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES ||
      stored_hash.find('\0') != std::string_view::npos)
    return false;
  const std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(),
                                  password.size()) == 0;
}

Status CheckNewPassword(std::string_view password) {
  if (password.find('\0') != std::string_view::npos)
    return Status::InvalidArgument(
        "密码不能包含空字符 / the password may not contain a NUL character");
  const int64_t chars = CountCodePoints(password);
  if (chars < 0)
    return Status::InvalidArgument(
        "密码不是有效的 UTF-8 文本 / the password is not valid UTF-8 text");
  if (chars < kMinPasswordChars)
    return Status::InvalidArgument(
        "密码至少需要 8 个字符 / the password needs at least 8 characters");
  if (password.find_first_not_of(" \t") == std::string_view::npos)
    return Status::InvalidArgument(
        "密码不能全是空格 / the password may not be only spaces");
  return Status::OK();
}

}  // namespace hedui
