// Users' passwords: stored only as Argon2id hashes (libsodium's
// crypto_pwhash_str), so that a copy of the case store does not give away
// the passwords of the people who work the cases.
#ifndef HEDUI_ENGINE_CASES_PASSWORDS_H_
#define HEDUI_ENGINE_CASES_PASSWORDS_H_

#include <string>
#include <string_view>

#include "hedui/status.h"

namespace hedui {

// The password's Argon2id hash as a self-describing string
// ("$argon2id$v=19$m=…,t=…,p=…$salt$hash", salt random per call), at
// libsodium's interactive limits (~0.1 s, 64 MiB). Internal error when
// libsodium cannot start or the memory is not there.
[[nodiscard]] StatusOr<std::string> HashPassword(std::string_view password);

// Whether `password` is the one `stored_hash` (from HashPassword) was made
// from. False for a malformed hash.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// A new password is acceptable: at least 8 characters (UTF-8 code points,
// so a Chinese password counts its characters, not its bytes), valid UTF-8,
// no NUL byte, not only spaces. InvalidArgument says why, in Chinese and
// English.
[[nodiscard]] Status CheckNewPassword(std::string_view password);

inline constexpr int kMinPasswordChars = 8;

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_PASSWORDS_H_
