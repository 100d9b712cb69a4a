// Every flag carries monthly_at_stake: what is paid per month now for what
// it is about, priced once for every ground by Matcher::Evaluate.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

// The plain case of tests/case_fixture.h paying 900.01 a month in zone
// "urban": an amount that does not divide by the members, to pin the
// rounding.
Household MakeOddCase(size_t n) {
  Household h = MakeCase(n);
  h.zone = "urban";
  h.monthly_fen = 90001;
  return h;
}

std::vector<Flag> Evaluate(std::string_view matcher, const Household& h,
                           Date as_of, const Rules& rules = Rules()) {
  std::vector<Flag> flags;
  RunContext context{as_of, &rules};
  GetMatcher(matcher).Evaluate(h, context, &flags);
  return flags;
}

TEST(MonthlyAtStakeTest, MemberScopeIsTheMembersShareRoundedDown) {
  Household h = MakeOddCase(3);
  AddDeath(&h, 1, "2024-06-30");
  auto flags = Evaluate("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].scope, FlagScope::kMember);
  EXPECT_EQ(flags[0].monthly_at_stake_fen, 30000);  // 900.01 ÷ 3
}

TEST(MonthlyAtStakeTest, TheLastToLeaveCarriesTheWholeCase) {
  Household h = MakeOddCase(2);
  AddDeath(&h, 0, "2024-03-10");
  AddDeath(&h, 1, "2024-08-02");
  auto flags = Evaluate("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 2u);
  // The months say the same: member 1's flag carries the whole case.
  EXPECT_EQ(flags[0].monthly_at_stake_fen, 45000);
  EXPECT_EQ(flags[1].monthly_at_stake_fen, 90001);
}

TEST(MonthlyAtStakeTest, CaseScopeIsTheCasesMonthlyAmount) {
  Household h = MakeOddCase(2);
  h.members[1].feeds[static_cast<size_t>(FeedKind::kVehicle)].push_back(
      Rec(FeedKind::kVehicle, {"id", "京A1", "car", "2024-09-20", "active"}));
  auto flags = Evaluate("VEHICLE", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].scope, FlagScope::kCase);
  EXPECT_EQ(flags[0].monthly_at_stake_fen, 90001);
}

TEST(MonthlyAtStakeTest, AssetsDatedTheAsOfDateShowWhatStops) {
  // Nothing has been paid since the balance yet (amount 0.00), but the whole
  // case's payment stops if it is confirmed.
  Household h = MakeOddCase(1);
  Rules rules;
  rules.standards["urban"].push_back(
      Standard{"urban", Date::FromYmd(2014, 1, 1), 80000, 0, 1});
  h.members[0].feeds[static_cast<size_t>(FeedKind::kBank)].push_back(
      Rec(FeedKind::kBank,
          {"id", "农商行", "6228001", "9000000.00", "2024-12-31"}));
  auto flags = Evaluate("ASSETS", h, kAsOf, rules);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 0);
  EXPECT_EQ(flags[0].monthly_at_stake_fen, 90001);
}

TEST(MonthlyAtStakeTest, EveryGroundPricesEveryFlag) {
  // Whatever a matcher emits comes out of Evaluate priced: no -1 left.
  Household h = MakeOddCase(2);
  AddDeath(&h, 0, "2024-03-10");
  h.members[1].feeds[static_cast<size_t>(FeedKind::kVehicle)].push_back(
      Rec(FeedKind::kVehicle, {"id", "京A1", "car", "2024-09-20", "active"}));
  Rules rules;
  for (const auto& m : AllMatchers()) {
    std::vector<Flag> flags;
    RunContext context{kAsOf, &rules};
    m->Evaluate(h, context, &flags);
    for (const Flag& f : flags)
      EXPECT_GE(f.monthly_at_stake_fen, 0) << m->Name();
  }
}

}  // namespace
}  // namespace hedui
