// SPLIT, DUPLICATE and PAYMENT flag every case of a group, each flag naming
// the same group; the money is counted once per group, on the later cases.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"

namespace hedui {
namespace {

const Matcher& Get(std::string_view name) {
  for (const auto& m : AllMatchers()) {
    if (m->Name() == name) return *m;
  }
  ADD_FAILURE() << "no matcher " << name;
  return *AllMatchers().front();
}

SourceRecord Roll(std::string case_id, std::string enrolled,
                  uint64_t id_body = 0) {
  SourceRecord r;
  r.kind = FeedKind::kRoll;
  r.key = RecordKey{id_body, 1, 1};
  r.fields.resize(GetFeedSpec(FeedKind::kRoll).fields.size());
  r.fields[field::kRollCaseId] = std::move(case_id);
  r.fields[field::kRollIdNumber] = "id";
  r.fields[field::kRollEnrolledOn] = std::move(enrolled);
  return r;
}

Rules TestRules() {
  auto r = ParseRules(R"(
[[standard]]
zone = "urban"
monthly = 720.00
from = "2014-01-01"
)",
                      "t.toml");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Rules();
}

// Case `id`, enrolled on `enrolled`, `n` members, 520.00 a member a month.
Household Case(const std::string& id, Date enrolled, size_t n) {
  Household h;
  h.case_id = id;
  h.zone = "urban";
  h.monthly_fen = 52000 * static_cast<int64_t>(n);
  h.enrolled_on = enrolled;
  h.has_enrolled_on = true;
  for (size_t i = 0; i < n; ++i) {
    Member m;
    m.id_body = 1000 + i;
    m.roll = Roll(id, enrolled.ToString(), m.id_body);
    h.members.push_back(std::move(m));
  }
  return h;
}

const Date kAsOf = Date::FromYmd(2025, 12, 31);

std::vector<Flag> Check(std::string_view matcher, const Household& h) {
  static const Rules rules = TestRules();
  std::vector<Flag> flags;
  RunContext context{kAsOf, &rules};
  Get(matcher).Check(h, context, &flags);
  return flags;
}

// Three cases A (2024-01-10), B (2025-03-05), C (2025-07-20) sharing one
// person, one family or one account: each is flagged, all with one group.
struct Three {
  Household a = Case("A", Date::FromYmd(2024, 1, 10), 2);
  Household b = Case("B", Date::FromYmd(2025, 3, 5), 1);
  Household c = Case("C", Date::FromYmd(2025, 7, 20), 1);
};

void ExpectOneGroup(const std::vector<Flag>& a, const std::vector<Flag>& b,
                    const std::vector<Flag>& c) {
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_FALSE(a[0].group_id.empty());
  EXPECT_EQ(a[0].group_id.substr(0, 1), "G");
  EXPECT_EQ(a[0].group_id, b[0].group_id);
  EXPECT_EQ(a[0].group_id, c[0].group_id);
  const std::vector<std::string> cases = {"A", "B", "C"};
  for (const auto* f : {&a[0], &b[0], &c[0]}) EXPECT_EQ(f->group_cases, cases);
  // The first case shows its own money since the group formed (B's
  // enrolment month) but does not add to the totals; the later ones do.
  EXPECT_FALSE(a[0].counts_in_total);
  EXPECT_TRUE(b[0].counts_in_total);
  EXPECT_TRUE(c[0].counts_in_total);
  EXPECT_EQ(a[0].since, Date::FromYmd(2025, 3, 5));
  EXPECT_EQ(b[0].since, Date::FromYmd(2025, 3, 5));
  EXPECT_EQ(c[0].since, Date::FromYmd(2025, 7, 20));
  int64_t sum = 0;
  for (const MonthMoney& m : a[0].months) sum += m.fen;
  EXPECT_EQ(sum, a[0].amount_fen);
}

TEST(GroupFlagsTest, DuplicateFlagsEveryCaseOfThePerson) {
  Three t;
  // Member 1 of A is the person also in B and C.
  t.b.members[0].id_body = t.c.members[0].id_body = t.a.members[1].id_body;
  t.a.members[1].other_cases = {Roll("B", "2025-03-05"),
                                Roll("C", "2025-07-20")};
  t.b.members[0].other_cases = {Roll("A", "2024-01-10"),
                                Roll("C", "2025-07-20")};
  t.c.members[0].other_cases = {Roll("A", "2024-01-10"),
                                Roll("B", "2025-03-05")};
  auto a = Check("DUPLICATE", t.a), b = Check("DUPLICATE", t.b),
       c = Check("DUPLICATE", t.c);
  ExpectOneGroup(a, b, c);
  EXPECT_EQ(a[0].member, 1u);
  EXPECT_EQ(a[0].amount_fen, 10 * 52000);  // March..December, the share
  EXPECT_EQ(b[0].amount_fen, 10 * 52000);
  EXPECT_EQ(c[0].amount_fen, 6 * 52000);
  EXPECT_NE(a[0].reason.find("较晚纳入"), std::string::npos) << a[0].reason;
}

TEST(GroupFlagsTest, DuplicateGroupIdDependsOnThePersonAndTheCases) {
  Three t;
  t.a.members[1].other_cases = {Roll("B", "2025-03-05")};
  t.a.members[0].other_cases = {Roll("B", "2025-03-05")};
  auto a = Check("DUPLICATE", t.a);
  ASSERT_EQ(a.size(), 2u);
  t.a.members[0].id_body = 7777;
  a = Check("DUPLICATE", t.a);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_NE(a[0].group_id, a[1].group_id) << "two people, two groups";
}

TEST(GroupFlagsTest, DuplicateTieBrokenByCaseIdSaysSo) {
  Household a = Case("A", Date::FromYmd(2025, 3, 5), 1);
  Household b = Case("B", Date::FromYmd(2025, 3, 5), 1);
  a.members[0].other_cases = {Roll("B", "2025-03-05")};
  b.members[0].other_cases = {Roll("A", "2025-03-05")};
  auto fa = Check("DUPLICATE", a), fb = Check("DUPLICATE", b);
  ASSERT_EQ(fa.size(), 1u);
  ASSERT_EQ(fb.size(), 1u);
  EXPECT_FALSE(fa[0].counts_in_total);
  EXPECT_TRUE(fb[0].counts_in_total);
  EXPECT_EQ(fb[0].reason.find("较早纳入"), std::string::npos) << fb[0].reason;
  EXPECT_NE(fb[0].reason.find("同日纳入"), std::string::npos) << fb[0].reason;
  EXPECT_NE(fb[0].reason.find("案件编号较小者"), std::string::npos)
      << fb[0].reason;
}

TEST(GroupFlagsTest, PaymentFlagsEveryCaseOfTheAccount) {
  Three t;
  for (Household* h : {&t.a, &t.b, &t.c}) h->bank_account = "622800";
  t.a.account_other_cases = {Roll("B", "2025-03-05"), Roll("C", "2025-07-20")};
  t.b.account_other_cases = {Roll("A", "2024-01-10"), Roll("C", "2025-07-20")};
  t.c.account_other_cases = {Roll("A", "2024-01-10"), Roll("B", "2025-03-05")};
  auto a = Check("PAYMENT", t.a), b = Check("PAYMENT", t.b),
       c = Check("PAYMENT", t.c);
  ExpectOneGroup(a, b, c);
  EXPECT_EQ(a[0].amount_fen, 10 * 104000);  // the whole case, March..December
  EXPECT_EQ(b[0].amount_fen, 10 * 52000);
  EXPECT_EQ(c[0].amount_fen, 6 * 52000);
}

TEST(GroupFlagsTest, PaymentFirstCaseOnSomeoneElsesAccountCountsItself) {
  Household a = Case("A", Date::FromYmd(2024, 1, 10), 1);
  a.bank_account = "622800";
  a.account_other_cases = {Roll("B", "2025-03-05")};
  SourceRecord holder;
  holder.kind = FeedKind::kBank;
  holder.key = RecordKey{5555, 1, 1};
  holder.fields.resize(GetFeedSpec(FeedKind::kBank).fields.size());
  a.account_holders = {holder};
  auto f = Check("PAYMENT", a);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(f[0].counts_in_total) << "its own ground, since its enrolment";
  EXPECT_EQ(f[0].since, Date::FromYmd(2024, 1, 10));
  EXPECT_EQ(f[0].group_cases, (std::vector<std::string>{"A", "B"}));
}

FamilyTie Tie(size_t member, std::string other, Date enrolled) {
  FamilyTie t;
  t.member = member;
  t.other_case = std::move(other);
  t.other_enrolled = enrolled;
  t.other_has_enrolled = true;
  t.relation = "spouse";
  return t;
}

TEST(GroupFlagsTest, SplitFlagsEveryCaseOfTheFamily) {
  Three t;
  t.a.split_ties = {Tie(1, "B", t.b.enrolled_on), Tie(1, "C", t.c.enrolled_on)};
  t.b.split_ties = {Tie(0, "A", t.a.enrolled_on), Tie(0, "C", t.c.enrolled_on)};
  t.c.split_ties = {Tie(0, "A", t.a.enrolled_on), Tie(0, "B", t.b.enrolled_on)};
  auto a = Check("SPLIT", t.a), b = Check("SPLIT", t.b),
       c = Check("SPLIT", t.c);
  ExpectOneGroup(a, b, c);
  EXPECT_EQ(a[0].member, 1u);
  EXPECT_EQ(a[0].scope, FlagScope::kCase);
  EXPECT_EQ(a[0].amount_fen, 10 * 104000);
  EXPECT_EQ(b[0].amount_fen, 10 * 52000);
  EXPECT_NE(a[0].reason.find("较晚纳入"), std::string::npos) << a[0].reason;
}

TEST(GroupFlagsTest, OtherGroundsHaveNoGroup) {
  Household h = Case("A", Date::FromYmd(2024, 1, 10), 1);
  h.bank_account = "622800";
  SourceRecord holder;
  holder.kind = FeedKind::kBank;
  holder.key = RecordKey{5555, 1, 1};
  holder.fields.resize(GetFeedSpec(FeedKind::kBank).fields.size());
  h.account_holders = {holder};
  auto f = Check("PAYMENT", h);  // someone else's account, no other case
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(f[0].group_id.empty());
  EXPECT_TRUE(f[0].group_cases.empty());
  EXPECT_TRUE(f[0].counts_in_total);
}

}  // namespace
}  // namespace hedui
