#include "engine/cases/audit_chain.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <sodium.h>

#include "engine/base/json.h"

namespace hedui {

namespace {

void AppendField(std::string_view value, std::string* out) {
  fmt::format_to(std::back_inserter(*out), "{}:", value.size());
  out->append(value);
  out->push_back('\n');
}

}  // namespace

std::string AuditContent(const AuditEntry& e) {
  // The tag versions the encoding: a future field goes into v2, and a v1
  // entry still hashes as it did when it was written.
  std::string out = "hedui-audit-v1\n";
  AppendField(std::to_string(e.seq), &out);
  AppendField(e.at, &out);
  AppendField(e.user, &out);
  AppendField(e.action, &out);
  AppendField(e.flag_id, &out);
  AppendField(e.before, &out);
  AppendField(e.after, &out);
  AppendField(e.prev_hash, &out);
  return out;
}

std::string AuditHash(const AuditEntry& e) {
  // crypto_hash_sha256 needs no sodium_init(): it uses no random numbers
  // and picks no CPU-specific implementation.
  const std::string content = AuditContent(e);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest,
                     reinterpret_cast<const unsigned char*>(content.data()),
                     content.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

void SealAuditEntry(AuditEntry* e, const std::string& prev_hash) {
  e->prev_hash = prev_hash.empty() ? std::string(kAuditGenesisHash) : prev_hash;
  e->hash = AuditHash(*e);
}

std::string EncodeAuditEntry(const AuditEntry& e) {
  return fmt::format(
      "{{\"seq\":{},\"at\":{},\"user\":{},\"action\":{},\"flag_id\":{},"
      "\"before\":{},\"after\":{},\"prev_hash\":{},\"hash\":{}}}",
      e.seq, JsonQuote(e.at), JsonQuote(e.user), JsonQuote(e.action),
      JsonQuote(e.flag_id), JsonQuote(e.before), JsonQuote(e.after),
      JsonQuote(e.prev_hash), JsonQuote(e.hash));
}

StatusOr<AuditEntry> DecodeAuditEntry(std::string_view json) {
  // One parser per thread: verifying the log decodes every entry, and a
  // parser keeps its buffers between documents.
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string text(json);
  simdjson::dom::object doc;
  if (parser.parse(text).get(doc))
    return Status::Corruption(
        "审计记录不是有效的 JSON 对象 / an audit entry is not a JSON object");
  AuditEntry e;
  if (doc["seq"].get(e.seq))
    return Status::Corruption("审计记录缺少序号 / an audit entry has no seq");
  struct Text {
    const char* key;
    std::string* out;
  };
  const Text fields[] = {
      {"at", &e.at},
      {"user", &e.user},
      {"action", &e.action},
      {"flag_id", &e.flag_id},
      {"before", &e.before},
      {"after", &e.after},
      {"prev_hash", &e.prev_hash},
      {"hash", &e.hash},
  };
  for (const Text& f : fields) {
    std::string_view s;
    if (doc[f.key].get(s))
      return Status::Corruption(
          fmt::format("第{}条审计记录缺少字段 {} / audit entry {} has no {}",
                      e.seq, f.key, e.seq, f.key));
    f.out->assign(s);
  }
  return e;
}

AuditCheck VerifyAuditChain(const std::vector<AuditEntry>& entries,
                            std::optional<AuditHead> head) {
  AuditCheck check;
  check.entries = entries.size();
  auto bad = [&check](uint64_t seq, std::string problem) {
    check.ok = false;
    check.first_bad = seq;
    check.problem = std::move(problem);
    return check;
  };
  uint64_t prev_seq = 0;
  std::string_view prev_hash = kAuditGenesisHash;
  for (const AuditEntry& e : entries) {
    // The entry's own hash first: an edited entry is named as edited, not
    // as the break it causes in the entry after it.
    if (AuditHash(e) != e.hash) {
      return bad(e.seq,
                 fmt::format("第{0}条记录被修改 (内容与其散列不符) / entry {0} "
                             "was edited (its content does not match its hash)",
                             e.seq));
    }
    if (e.seq > prev_seq + 1) {
      return bad(e.seq,
                 fmt::format("第{0}条记录之前的第{1}至{2}条记录被删除或移动 / "
                             "entries {1} to {2} before entry {0} were deleted "
                             "or moved",
                             e.seq, prev_seq + 1, e.seq - 1));
    }
    if (e.seq != prev_seq + 1) {
      return bad(e.seq, fmt::format(
                            "第{0}条记录被插入或移动 (应为第{1}条) / entry {0} "
                            "was inserted or moved (entry {1} expected here)",
                            e.seq, prev_seq + 1));
    }
    if (e.prev_hash != prev_hash) {
      return bad(
          e.seq,
          fmt::format("第{0}条记录之前有记录被插入、删除或移动 (前一条散列"
                      "不符) / an entry was inserted, deleted or moved "
                      "before entry {0} (its previous hash does not "
                      "match)",
                      e.seq));
    }
    prev_seq = e.seq;
    prev_hash = e.hash;
  }
  if (!head) return check;
  // The chain verifies on its own; only the head, kept elsewhere, shows a
  // cut tail, entries added past it, or a log rewritten from some entry on
  // with every hash recomputed.
  if (prev_seq < head->seq) {
    return bad(
        prev_seq + 1,
        fmt::format("日志在第{0}条结束, 但最后写入的是第{1}条: 第{2}至{1}"
                    "条记录被删除 / the log ends at entry {0} but the "
                    "last entry written was {1}: entries {2} to {1} "
                    "were removed",
                    prev_seq, head->seq, prev_seq + 1));
  }
  if (prev_seq > head->seq) {
    return bad(head->seq + 1,
               fmt::format("第{0}条之后的第{1}至{2}条记录不是本系统写入的 / "
                           "entries {1} to {2} were added after entry {0}, the "
                           "last one the store wrote",
                           head->seq, head->seq + 1, prev_seq));
  }
  if (prev_seq > 0 && prev_hash != head->hash) {
    // Where the rewrite started cannot be told from the log; the last
    // entry is the one known to differ.
    return bad(prev_seq,
               fmt::format("第{0}条记录与另存的日志末尾散列不符: 日志已被改写 "
                           "/ entry {0} does not match the head kept apart "
                           "from the log: the log was rewritten",
                           prev_seq));
  }
  return check;
}

}  // namespace hedui
