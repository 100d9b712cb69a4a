#include "engine/cases/audit_chain.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace hedui {
namespace {

// A log of `n` entries as the store writes it: each sealed onto the one
// before it.
std::vector<AuditEntry> Chain(int n) {
  std::vector<AuditEntry> log;
  std::string prev(kAuditGenesisHash);
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.seq = static_cast<uint64_t>(i);
    e.at = "2026-11-30T08:" + std::to_string(10 + i) + ":00Z";
    e.user = i % 3 == 0 ? "hedui" : "王五";
    e.action = i % 2 ? "view" : "assign";
    e.flag_id = "DECEASED:C" + std::to_string(100 + i);
    e.before = R"({"status":"new"})";
    e.after = R"({"status":"assigned","note":"入户 \"核查\""})";
    SealAuditEntry(&e, prev);
    prev = e.hash;
    log.push_back(std::move(e));
  }
  return log;
}

AuditHead HeadOf(const std::vector<AuditEntry>& log) {
  return {log.back().seq, log.back().hash};
}

// Recomputes every hash from position `from` on, as a forger who edits an
// entry and wants the chain to verify again would.
void Reseal(std::vector<AuditEntry>* log, size_t from) {
  for (size_t i = from; i < log->size(); ++i) {
    SealAuditEntry(&(*log)[i], i == 0 ? std::string(kAuditGenesisHash)
                                      : (*log)[i - 1].hash);
  }
}

TEST(AuditChain, IntactChainVerifies) {
  std::vector<AuditEntry> log = Chain(20);
  EXPECT_EQ(log[0].prev_hash, std::string(64, '0'));
  EXPECT_EQ(log[0].hash.size(), 64u);
  EXPECT_EQ(log[1].prev_hash, log[0].hash);
  AuditCheck c = VerifyAuditChain(log);
  EXPECT_TRUE(c.ok) << c.problem;
  EXPECT_EQ(c.entries, 20u);
  EXPECT_FALSE(c.first_bad.has_value());
  c = VerifyAuditChain(log, HeadOf(log));
  EXPECT_TRUE(c.ok) << c.problem;
  EXPECT_TRUE(VerifyAuditChain({}).ok);
  EXPECT_TRUE(VerifyAuditChain({}, AuditHead{}).ok);
}

TEST(AuditChain, HashIsSha256OfContent) {
  AuditEntry e;
  e.seq = 1;
  SealAuditEntry(&e, "");
  EXPECT_EQ(e.prev_hash, kAuditGenesisHash);
  EXPECT_EQ(e.hash, AuditHash(e));
  EXPECT_EQ(e.hash.find_first_not_of("0123456789abcdef"), std::string::npos);
  // The hash covers prev_hash.
  AuditEntry other = e;
  SealAuditEntry(&other, std::string(64, 'a'));
  EXPECT_NE(other.hash, e.hash);
}

TEST(AuditChain, ContentIsLengthPrefixed) {
  // Moving a byte from one field to the next changes the content.
  AuditEntry a, b;
  a.user = "王五";
  a.action = "view";
  b.user = "王五v";
  b.action = "iew";
  EXPECT_NE(AuditContent(a), AuditContent(b));
  EXPECT_NE(AuditHash(a), AuditHash(b));
  AuditEntry c, d;
  c.before = "x\n3:abc";
  d.before = "x";
  d.after = "abc";
  EXPECT_NE(AuditContent(c), AuditContent(d));
}

TEST(AuditChain, EditedEntryIsNamed) {
  for (std::string AuditEntry::*field :
       {&AuditEntry::at, &AuditEntry::user, &AuditEntry::action,
        &AuditEntry::flag_id, &AuditEntry::before, &AuditEntry::after}) {
    std::vector<AuditEntry> log = Chain(20);
    log[6].*field += "x";
    AuditCheck c = VerifyAuditChain(log, HeadOf(log));
    EXPECT_FALSE(c.ok);
    EXPECT_EQ(c.first_bad, 7u);
    EXPECT_NE(c.problem.find("entry 7 was edited"), std::string::npos)
        << c.problem;
    EXPECT_NE(c.problem.find("第7条记录被修改"), std::string::npos);
  }
  std::vector<AuditEntry> log = Chain(20);
  log[16].seq = 99;
  EXPECT_EQ(VerifyAuditChain(log).first_bad, 99u);
}

TEST(AuditChain, EditedEntryWithOwnHashRecomputedBreaksTheNext) {
  std::vector<AuditEntry> log = Chain(20);
  log[6].after = R"({"status":"cleared"})";
  log[6].hash = AuditHash(log[6]);
  AuditCheck c = VerifyAuditChain(log);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 8u);
  EXPECT_NE(c.problem.find("before entry 8"), std::string::npos) << c.problem;
}

TEST(AuditChain, DeletedEntryNamesTheNextOne) {
  std::vector<AuditEntry> log = Chain(20);
  log.erase(log.begin() + 9);  // entry 10
  AuditCheck c = VerifyAuditChain(log);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 11u);
  EXPECT_NE(c.problem.find("deleted"), std::string::npos) << c.problem;
  EXPECT_EQ(c.entries, 19u);
  // The first entry deleted.
  log = Chain(20);
  log.erase(log.begin());
  EXPECT_EQ(VerifyAuditChain(log).first_bad, 2u);
}

TEST(AuditChain, DeletedAndRenumberedIsCaughtByTheHashLink) {
  // A forger deletes entry 10 and renumbers (and rehashes) the next one:
  // its prev_hash still names the deleted entry.
  std::vector<AuditEntry> log = Chain(20);
  log.erase(log.begin() + 9);
  log[9].seq = 10;
  log[9].hash = AuditHash(log[9]);
  AuditCheck c = VerifyAuditChain(log);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 10u);
  EXPECT_NE(c.problem.find("inserted, deleted or moved"), std::string::npos);
}

TEST(AuditChain, InsertedForgedEntryIsCaught) {
  // Even with its own hash computed correctly and chained onto entry 5.
  std::vector<AuditEntry> log = Chain(20);
  AuditEntry forged;
  forged.seq = 6;
  forged.at = "2026-11-30T08:15:30Z";
  forged.user = "王五";
  forged.action = "decide";
  forged.flag_id = "DECEASED:C106";
  forged.after = R"({"outcome":"cleared"})";
  SealAuditEntry(&forged, log[4].hash);
  log.insert(log.begin() + 5, forged);
  AuditCheck c = VerifyAuditChain(log);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 6u);  // the real entry 6, now out of place
  EXPECT_NE(c.problem.find("inserted or moved"), std::string::npos)
      << c.problem;

  // Inserted with a seq of its own (no duplicate number): the link breaks.
  log = Chain(20);
  forged.seq = 21;
  SealAuditEntry(&forged, log[4].hash);
  log.insert(log.begin() + 5, forged);
  c = VerifyAuditChain(log);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 21u);
}

TEST(AuditChain, ReorderedEntriesAreCaught) {
  std::vector<AuditEntry> log = Chain(20);
  std::swap(log[7], log[8]);  // entries 8 and 9
  AuditCheck c = VerifyAuditChain(log);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 9u);

  // Swapped and renumbered, each own hash recomputed: the links break.
  log = Chain(20);
  std::swap(log[7], log[8]);
  std::swap(log[7].seq, log[8].seq);
  log[7].hash = AuditHash(log[7]);
  log[8].hash = AuditHash(log[8]);
  c = VerifyAuditChain(log);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 8u);
}

TEST(AuditChain, TruncatedTailNeedsTheHead) {
  std::vector<AuditEntry> log = Chain(20);
  const AuditHead head = HeadOf(log);
  log.resize(17);
  // What is left is a valid chain on its own.
  EXPECT_TRUE(VerifyAuditChain(log).ok);
  AuditCheck c = VerifyAuditChain(log, head);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 18u);
  EXPECT_NE(c.problem.find("entries 18 to 20 were removed"), std::string::npos)
      << c.problem;
  // Everything removed.
  c = VerifyAuditChain({}, head);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 1u);
}

TEST(AuditChain, AppendedPastTheHeadIsCaught) {
  std::vector<AuditEntry> log = Chain(20);
  const AuditHead head{18, log[17].hash};
  AuditCheck c = VerifyAuditChain(log, head);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 19u);
}

// The chain alone cannot catch a full rewrite: a forger who edits entry 7
// and recomputes every hash from there to the end leaves a chain that
// verifies. Only the head, kept apart from the log where the forger cannot
// change it, shows it: the last hash no longer matches.
TEST(AuditChain, FullRewriteAfterAnEditIsCaughtOnlyByTheHead) {
  std::vector<AuditEntry> log = Chain(20);
  const AuditHead head = HeadOf(log);
  log[6].after = R"({"outcome":"cleared"})";
  Reseal(&log, 6);
  EXPECT_TRUE(VerifyAuditChain(log).ok);
  AuditCheck c = VerifyAuditChain(log, head);
  EXPECT_FALSE(c.ok);
  EXPECT_EQ(c.first_bad, 20u);
  EXPECT_NE(c.problem.find("rewritten"), std::string::npos) << c.problem;
  EXPECT_NE(c.problem.find("日志已被改写"), std::string::npos);
}

TEST(AuditChain, EncodeDecodeRoundTrip) {
  std::vector<AuditEntry> log = Chain(3);
  log[1].before = "tab\there, quote \" backslash \\ newline\n 中文 \x01";
  SealAuditEntry(&log[1], log[0].hash);
  for (const AuditEntry& e : log) {
    std::string json = EncodeAuditEntry(e);
    EXPECT_EQ(json.find('\n'), std::string::npos);
    StatusOr<AuditEntry> back = DecodeAuditEntry(json);
    ASSERT_TRUE(back.ok()) << back.status().message() << "\n" << json;
    EXPECT_EQ(back->seq, e.seq);
    EXPECT_EQ(back->at, e.at);
    EXPECT_EQ(back->user, e.user);
    EXPECT_EQ(back->action, e.action);
    EXPECT_EQ(back->flag_id, e.flag_id);
    EXPECT_EQ(back->before, e.before);
    EXPECT_EQ(back->after, e.after);
    EXPECT_EQ(back->prev_hash, e.prev_hash);
    EXPECT_EQ(back->hash, e.hash);
    EXPECT_EQ(AuditHash(*back), e.hash);
  }
}

TEST(AuditChain, DecodeRefusesWhatIsNotAnEntry) {
  EXPECT_EQ(DecodeAuditEntry("").status().code(), Status::Code::kCorruption);
  EXPECT_FALSE(DecodeAuditEntry("[1,2]").ok());
  EXPECT_FALSE(DecodeAuditEntry("{\"seq\":1}").ok());
  EXPECT_FALSE(DecodeAuditEntry("{\"seq\":\"1\"}").ok());
  std::string json = EncodeAuditEntry(Chain(1)[0]);
  EXPECT_FALSE(DecodeAuditEntry(json.substr(0, json.size() - 1)).ok());
}

}  // namespace
}  // namespace hedui
