// Hand-built households for the tests of grounds and of the check driver:
// records, two case shapes, and a Check that runs one ground and asserts
// what every flag must satisfy (its months add up to its amount, it carries
// evidence).
#ifndef HEDUI_TESTS_CASE_FIXTURE_H_
#define HEDUI_TESTS_CASE_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "hedui/case_model.h"
#include "hedui/matcher.h"
#include "hedui/rules.h"

namespace hedui {

inline const Matcher& GetMatcher(std::string_view name) {
  for (const auto& m : AllMatchers()) {
    if (m->Name() == name) return *m;
  }
  ADD_FAILURE() << "no matcher " << name;
  return *AllMatchers().front();
}

// A record of `kind` with the fields given (the rest empty), at line 1 of
// batch 1, held by the person with ID body `id_body`.
inline SourceRecord Rec(FeedKind kind, std::vector<std::string> fields,
                        uint64_t id_body = 0) {
  SourceRecord r;
  r.kind = kind;
  r.key = RecordKey{id_body, 1, 1};
  r.fields = std::move(fields);
  r.fields.resize(GetFeedSpec(kind).fields.size());
  return r;
}

// The plain shape: a case enrolled 2024-01-15 paying 900.00 a month, with
// `n` members, checked as of kAsOf (2024-12-31) under the default rules.
inline const Date kAsOf = Date::FromYmd(2024, 12, 31);

inline Household MakeCase(size_t n) {
  Household h;
  h.case_id = "C1";
  h.monthly_fen = 90000;
  h.enrolled_on = Date::FromYmd(2024, 1, 15);
  h.has_enrolled_on = true;
  for (size_t i = 0; i < n; ++i) {
    Member m;
    m.id_body = 1000 + i;
    m.roll = Rec(FeedKind::kRoll, {"C1", "id", "name"});
    h.members.push_back(std::move(m));
  }
  return h;
}

// The urban shape, for the grounds that use standards: urban 720.00 until
// 2025-06, 780.00 from 2025-07-01; rural 6000/6700 a year; a company counts
// above 50,000.00 of capital, a pension above 1,000.00.
inline Rules UrbanRules() {
  auto r = ParseRules(R"(
[[standard]]
zone = "urban"
monthly = 720.00
from = "2014-01-01"
[[standard]]
zone = "urban"
monthly = 780.00
from = "2025-07-01"
[[standard]]
zone = "rural"
yearly = 6000
from = "2014-01-01"
[[standard]]
zone = "rural"
yearly = 6700.00
from = 2025-07-01
[business]
capital_threshold = 50000.00
[public_pay]
pension_line = 1000.00
)",
                      "t.toml");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Rules();
}

inline const Date kUrbanAsOf = Date::FromYmd(2025, 12, 31);

// An urban case enrolled 2025-01-10 with `n` members, declared income
// 200.00, paid (720 − 200) × n: the amount before the raise.
inline Household MakeUrbanCase(size_t n) {
  Household h;
  h.case_id = "C1";
  h.zone = "urban";
  h.declared_income_fen = 20000;
  h.has_declared_income = true;
  h.monthly_fen = 52000 * static_cast<int64_t>(n);
  h.enrolled_on = Date::FromYmd(2025, 1, 10);
  h.has_enrolled_on = true;
  for (size_t i = 0; i < n; ++i) {
    Member m;
    m.id_body = 1000 + i;
    m.roll = Rec(FeedKind::kRoll,
                 {"C1", "id", "name", "", "", "", "", "urban", "二类", "200.00",
                  "", "2025-01-10", "622800"},
                 m.id_body);
    h.members.push_back(std::move(m));
  }
  return h;
}

// Runs one ground over `h` as of `as_of`; every flag's months must add up
// to its amount, and every flag must carry evidence.
inline std::vector<Flag> Check(std::string_view matcher, const Household& h,
                               Date as_of, const Rules& rules = Rules()) {
  std::vector<Flag> flags;
  RunContext context{as_of, &rules};
  GetMatcher(matcher).Check(h, context, &flags);
  for (const Flag& f : flags) {
    int64_t sum = 0;
    for (const MonthMoney& m : f.months) sum += m.fen;
    EXPECT_EQ(sum, f.amount_fen)
        << matcher << ": the months add up to the amount";
    EXPECT_FALSE(f.evidence.empty()) << matcher;
  }
  return flags;
}

// The same with the rules first, as of kUrbanAsOf unless given.
inline std::vector<Flag> Check(std::string_view matcher, const Household& h,
                               const Rules& rules, Date as_of = kUrbanAsOf) {
  return Check(matcher, h, as_of, rules);
}

inline void Add(Household* h, size_t member, FeedKind kind,
                std::vector<std::string> fields) {
  h->members[member].feeds[static_cast<size_t>(kind)].push_back(
      Rec(kind, std::move(fields)));
}

inline void AddDeath(Household* h, size_t member, const std::string& date) {
  Add(h, member, FeedKind::kDeath, {"id", "name", date, "殡葬"});
}

inline void AddVehicle(Household* h, size_t member, const std::string& type,
                       const std::string& date, const std::string& status) {
  Add(h, member, FeedKind::kVehicle, {"id", "京A1", type, date, status});
}

inline void AddTitle(Household* h, size_t member, const std::string& cert,
                     const std::string& use, const std::string& date,
                     const std::string& status = "active") {
  Add(h, member, FeedKind::kProperty,
      {"id", cert, "loc", "80.00", use, date, status});
}

inline void AddTax(Household* h, size_t member, const std::string& period,
                   const std::string& amount) {
  Add(h, member, FeedKind::kTax, {"id", period, "wage", amount});
}

}  // namespace hedui

#endif  // HEDUI_TESTS_CASE_FIXTURE_H_
