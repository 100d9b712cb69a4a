// The audit log's pure part: how an entry is encoded, hashed, chained to
// the one before it, stored, and how a stored log is verified. The case
// store (hedui/case_store.h) writes the entries and keeps the head.
//
// Each entry's hash is SHA-256 over its content including the previous
// entry's hash, so editing, deleting, inserting or reordering any entry
// breaks the chain at that point. What the chain alone cannot show is a
// rewrite from some entry to the end with every later hash recomputed, or
// the tail cut off: both leave a chain that verifies. The AuditHead (the
// last entry's seq and hash), kept apart from the log (another file,
// another machine, a printout) shows both, as long as the one who rewrites
// the log cannot also rewrite the head.
#ifndef HEDUI_ENGINE_CASES_AUDIT_CHAIN_H_
#define HEDUI_ENGINE_CASES_AUDIT_CHAIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hedui/case_store.h"
#include "hedui/review_case.h"
#include "hedui/status.h"

namespace hedui {

// The prev_hash of the first entry: 64 '0's.
inline constexpr std::string_view kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The last entry of the log as written, kept apart from the log itself.
struct AuditHead {
  uint64_t seq = 0;  // 0: nothing written yet
  std::string hash;  // that entry's hash
};

// The bytes an entry's hash covers: a version tag, then seq, at, user,
// action, flag_id, before, after and prev_hash, each as "<length>:<bytes>\n"
// (length in bytes, decimal), so that no byte can move from one field to
// its neighbour without changing the encoding. Not the stored form.
std::string AuditContent(const AuditEntry& e);

// Lowercase hex SHA-256 of AuditContent(e): 64 characters.
std::string AuditHash(const AuditEntry& e);

// Sets e->prev_hash (kAuditGenesisHash for the first entry) and e->hash.
void SealAuditEntry(AuditEntry* e, const std::string& prev_hash);

// The stored value: one JSON object with every field of the entry, hash
// included. Text fields must be UTF-8 (JSON cannot hold other bytes; the
// store's callers pass UTF-8 — names, notes, case JSON).
std::string EncodeAuditEntry(const AuditEntry& e);
// Back from EncodeAuditEntry; Corruption when it is not such an object. It
// does not check the hash: VerifyAuditChain does.
[[nodiscard]] StatusOr<AuditEntry> DecodeAuditEntry(std::string_view json);

// Walks the entries in the order they are stored and reports the first
// that does not verify: its own hash does not match its content (edited),
// its seq is not the previous one's + 1 (entries deleted before it, or it
// was inserted or moved), or its prev_hash is not the previous entry's
// hash (an entry inserted, deleted or moved before it). With `head`, also
// a log that ends before or after the head, or whose last hash differs
// from it (cut off, appended to behind the store's back, or rewritten
// wholesale). `problem` is in Chinese and English. `entries` is the number
// of entries given.
AuditCheck VerifyAuditChain(const std::vector<AuditEntry>& entries,
                            std::optional<AuditHead> head = {});

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_AUDIT_CHAIN_H_
