// How the case store keeps its values: review cases and users as JSON
// objects (readable with any JSON tool when a county needs to look), and a
// run's flag lines (RunLog::CasesPath) read into review cases.
#ifndef HEDUI_ENGINE_CASES_CASE_CODEC_H_
#define HEDUI_ENGINE_CASES_CASE_CODEC_H_

#include <string>
#include <string_view>

#include "hedui/review_case.h"
#include "hedui/status.h"

namespace hedui {

std::string EncodeReviewCase(const ReviewCase& c);
[[nodiscard]] StatusOr<ReviewCase> DecodeReviewCase(std::string_view json);

// A user with the hash of their password (crypto_pwhash_str's string).
struct StoredUser {
  User user;
  std::string password_hash;
};
std::string EncodeUser(const StoredUser& u);
[[nodiscard]] StatusOr<StoredUser> DecodeUser(std::string_view json);

// One line of a run's flags (case_output's FlagToJson plus
// "household_size"): the flag's part of a review case, evidence_hash set.
[[nodiscard]] StatusOr<ReviewCase> ReviewCaseFromFlagLine(
    std::string_view line);

// SHA-256 (hex) over the evidence records' feeds and field values, in
// order: a re-sent export (new batch, new line numbers) with the same
// values keeps the hash.
std::string EvidenceHash(const std::vector<EvidenceRecord>& evidence);

// Whether `text` is valid UTF-8: what every text the store keeps must be,
// since a case, a user and an audit entry are JSON, read back on open.
bool IsUtf8(std::string_view text);

// Hex SHA-256 of `bytes` (libsodium).
std::string Sha256Hex(std::string_view bytes);

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_CASE_CODEC_H_
