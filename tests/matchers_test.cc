// The three grounds over hand-built households: boundaries, decoys, money.
#include <gtest/gtest.h>

#include <set>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "matchers/case_money.h"

namespace hedui {
namespace {

const Matcher& Get(std::string_view name) {
  for (const auto& m : AllMatchers()) {
    if (m->Name() == name) return *m;
  }
  ADD_FAILURE() << "no matcher " << name;
  return *AllMatchers().front();
}

SourceRecord Rec(FeedKind kind, std::vector<std::string> fields,
                 uint32_t line = 1) {
  SourceRecord r;
  r.kind = kind;
  r.key = RecordKey{0, 1, line};
  r.fields = std::move(fields);
  r.fields.resize(GetFeedSpec(kind).fields.size());
  return r;
}

// A case enrolled 2024-01-15 paying 900.00 a month, with `n` members.
Household MakeCase(size_t n) {
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

std::vector<Flag> Check(std::string_view matcher, const Household& h,
                        Date as_of, const Rules& rules = Rules()) {
  std::vector<Flag> flags;
  RunContext context{as_of, &rules};
  Get(matcher).Check(h, context, &flags);
  return flags;
}

void AddDeath(Household* h, size_t member, const std::string& date) {
  h->members[member].feeds[static_cast<size_t>(FeedKind::kDeath)].push_back(
      Rec(FeedKind::kDeath, {"id", "name", date, "殡葬"}));
}

const Date kAsOf = Date::FromYmd(2024, 12, 31);

TEST(DeceasedTest, MemberShareWhileOthersRemain) {
  Household h = MakeCase(3);
  AddDeath(&h, 1, "2024-06-30");  // affects July..December: 6 months
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].member, 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2024, 6, 30));
  EXPECT_EQ(flags[0].amount_fen, 6 * 30000);
  EXPECT_EQ(flags[0].scope, FlagScope::kMember);
}

TEST(DeceasedTest, DeathOnTheLastDayOfTheAsOfMonthCostsNothingYet) {
  Household h = MakeCase(2);
  AddDeath(&h, 0, "2024-12-01");
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 0);
}

TEST(DeceasedTest, DeathAfterAsOfIsNotFlagged) {
  Household h = MakeCase(2);
  AddDeath(&h, 0, "2025-01-01");
  EXPECT_TRUE(Check("DECEASED", h, kAsOf).empty());
}

TEST(DeceasedTest, WholeCaseGoesToTheLastToDie) {
  Household h = MakeCase(2);
  AddDeath(&h, 0, "2024-03-10");  // April onward: share while member 1 lives
  AddDeath(&h, 1, "2024-08-02");  // September onward: nobody left
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 2u);
  // Member 0: April..August share (5 × 450), nothing after member 1 died.
  EXPECT_EQ(flags[0].amount_fen, 5 * 45000);
  // Member 1: September..December whole case (4 × 900).
  EXPECT_EQ(flags[1].amount_fen, 4 * 90000);
}

TEST(DeceasedTest, DeathBeforeEnrolmentCountsFromEnrolment) {
  Household h = MakeCase(1);
  AddDeath(&h, 0, "2023-05-01");
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].amount_fen, 12 * 90000);  // January..December 2024
}

TEST(DeceasedTest, PopulationStatusWithDateCounts) {
  Household h = MakeCase(1);
  auto& pop = h.members[0].feeds[static_cast<size_t>(FeedKind::kPopulation)];
  pop.push_back(Rec(FeedKind::kPopulation, {"id", "n", "", "", "", "", "", "",
                                            "", "", "dead", "2024-10-15"}));
  auto flags = Check("DECEASED", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2024, 10, 15));
  EXPECT_EQ(flags[0].amount_fen, 2 * 90000);
  pop[0].fields[field::kPopStatus] = "normal";
  EXPECT_TRUE(Check("DECEASED", h, kAsOf).empty());
}

void AddVehicle(Household* h, size_t member, const std::string& type,
                const std::string& date, const std::string& status) {
  h->members[member].feeds[static_cast<size_t>(FeedKind::kVehicle)].push_back(
      Rec(FeedKind::kVehicle, {"id", "京A1", type, date, status}));
}

TEST(VehicleTest, ExemptTypesAndGoneVehiclesDoNotCount) {
  Household h = MakeCase(2);
  AddVehicle(&h, 0, "motorcycle", "2024-05-01", "active");
  AddVehicle(&h, 0, "low_speed", "2024-05-01", "active");
  AddVehicle(&h, 0, "disability", "2024-05-01", "active");
  AddVehicle(&h, 1, "car", "2024-05-01", "scrapped");
  AddVehicle(&h, 1, "car", "2024-05-01", "transferred");
  AddVehicle(&h, 1, "car", "2025-05-01", "active");  // after as-of
  EXPECT_TRUE(Check("VEHICLE", h, kAsOf).empty());
  AddVehicle(&h, 1, "car", "2024-09-20", "active");
  auto flags = Check("VEHICLE", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].member, 1u);
  EXPECT_EQ(flags[0].amount_fen, 3 * 90000);  // October..December, whole case
  EXPECT_EQ(flags[0].scope, FlagScope::kCase);
  Rules strict;
  strict.grounds["vehicle"].Set("exempt_types",
                                std::vector<std::string>{"disability"});
  EXPECT_EQ(Check("VEHICLE", h, kAsOf, strict).size(),
            2u);  // the motorcycle now counts
}

TEST(VehicleTest, CarBeforeEnrolmentCountsFromEnrolment) {
  Household h = MakeCase(1);
  AddVehicle(&h, 0, "car", "2020-01-01", "active");
  auto flags = Check("VEHICLE", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2020, 1, 1));
  EXPECT_EQ(flags[0].amount_fen, 12 * 90000);
}

void AddTitle(Household* h, size_t member, const std::string& cert,
              const std::string& use, const std::string& date,
              const std::string& status = "active") {
  h->members[member].feeds[static_cast<size_t>(FeedKind::kProperty)].push_back(
      Rec(FeedKind::kProperty,
          {"id", cert, "loc", "80.00", use, date, status}));
}

TEST(PropertyTest, OneDwellingBeforeEnrolmentIsAllowed) {
  Household h = MakeCase(2);
  AddTitle(&h, 0, "A", "residential", "2010-01-01");
  AddTitle(&h, 1, "A", "residential",
           "2010-01-01");  // co-owner of the same title
  AddTitle(&h, 1, "G", "garage", "2024-02-01");
  AddTitle(&h, 1, "B", "residential", "2024-02-01", "cancelled");
  EXPECT_TRUE(Check("PROPERTY", h, kAsOf).empty());
}

TEST(PropertyTest, SecondDwellingFlagsItsHoldersFromItsDate) {
  Household h = MakeCase(2);
  AddTitle(&h, 0, "A", "residential", "2010-01-01");
  AddTitle(&h, 1, "B", "residential", "2012-06-01");
  auto flags = Check("PROPERTY", h, kAsOf);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2012, 6, 1));
  EXPECT_EQ(flags[1].since, Date::FromYmd(2012, 6, 1));
  EXPECT_EQ(flags[0].amount_fen, 12 * 90000);
  Rules two;
  two.grounds["property"].Set("dwellings_allowed", int64_t{2});
  EXPECT_TRUE(Check("PROPERTY", h, kAsOf, two).empty());
}

TEST(PropertyTest, CommercialAndBoughtAfterEnrolment) {
  Household h = MakeCase(2);
  AddTitle(&h, 0, "S", "commercial", "2015-01-01");
  AddTitle(&h, 1, "N", "residential", "2024-11-05");
  auto flags = Check("PROPERTY", h, kAsOf);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2015, 1, 1));
  EXPECT_EQ(flags[1].since, Date::FromYmd(2024, 11, 5));
  EXPECT_EQ(flags[1].amount_fen, 1 * 90000);
  Rules lenient;
  lenient.grounds["property"].Set("commercial_counts", false);
  lenient.grounds["property"].Set("bought_after_enrolment_counts", false);
  EXPECT_TRUE(Check("PROPERTY", h, kAsOf, lenient).empty());
}

TEST(RulesTest, ErrorsNameLineAndKey) {
  auto error = [](const std::string& text) {
    auto r = ParseRules(text, "r.toml");
    return r.ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_EQ(
      error("[property]\ndwellings_allowed = -1\n"),
      "r.toml:2: property.dwellings_allowed must not be negative (got -1)");
  EXPECT_EQ(error("[property]\ndwelings_allowed = 1\n").substr(0, 40),
            "r.toml:2: unknown key 'dwelings_allowed'");
  EXPECT_EQ(error("[vehicle]\nenabled = \"yes\"\n"),
            "r.toml:2: vehicle.enabled must be true or false");
  EXPECT_NE(error("[vehicle]\nexempt_types = [\"bike\"]\n")
                .find("'bike' is not a vehicle_type code"),
            std::string::npos);
  auto ok = ParseRules(
      "[vehicle]\nexempt_types = "
      "[\"disability\"]\n[property]\ndwellings_allowed = 2\n",
      "r.toml");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->ground("vehicle").Codes("exempt_types"),
            std::vector<std::string>{"disability"});
  EXPECT_EQ(ok->ground("property").Int("dwellings_allowed"), 2);
  // Keys the file leaves out keep their defaults.
  EXPECT_TRUE(ok->ground("property").Bool("commercial_counts"));
  EXPECT_TRUE(ok->ground("vehicle").Bool("enabled"));
}

// What demo.toml sets apart from the defaults of an empty file.
TEST(RulesTest, DemoRulesFileLoads) {
  auto r =
      LoadRules(std::string(HEDUI_SOURCE_DIR) + "/configs/rules/demo.toml");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->county, "演示县 (demo county)");
  ASSERT_EQ(r->standards.size(), 2u);
  ASSERT_EQ(r->standards.at("urban").size(), 2u);
  EXPECT_EQ(r->standards.at("urban")[1].monthly_fen, 78000);
  EXPECT_EQ(r->standards.at("urban")[1].from, Date::FromYmd(2025, 7, 1));
  EXPECT_EQ(r->standards.at("rural")[1].yearly_fen, 670000);
  EXPECT_EQ(r->standards.at("rural")[1].monthly_fen, 55833);
  EXPECT_EQ(r->ground("business").Int("capital_threshold"), 5000000);
  EXPECT_EQ(r->ground("public_pay").Int("pension_line"), 100000);
  const Rules defaults;
  EXPECT_TRUE(defaults.standards.empty());
  EXPECT_EQ(defaults.ground("business").Int("capital_threshold"), 0);
  EXPECT_EQ(defaults.ground("public_pay").Int("pension_line"), 0);
}

// Every matcher has a section of its own, and every key it declares reads
// back, typed, with its default.
TEST(RulesTest, EveryGroundDeclaresItsSection) {
  const Rules defaults;
  std::set<std::string_view> sections;
  for (const auto& m : AllMatchers()) {
    EXPECT_TRUE(sections.insert(m->Section()).second)
        << m->Name() << ": section [" << m->Section() << "] taken twice";
    const RuleValues& values = defaults.ground(m->Section());
    EXPECT_TRUE(values.Bool("enabled")) << m->Name();
    EXPECT_TRUE(m->Enabled(defaults)) << m->Name();
    for (const RuleKey& k : m->RuleKeys()) {
      ASSERT_TRUE(values.Has(k.name)) << m->Section() << "." << k.name;
      switch (k.type) {
        case RuleKey::Type::kBool:
          EXPECT_EQ(values.Bool(k.name), std::get<bool>(k.default_value));
          break;
        case RuleKey::Type::kCount:
          EXPECT_LE(k.min, std::get<int64_t>(k.default_value));
          EXPECT_GE(k.max, std::get<int64_t>(k.default_value));
          [[fallthrough]];
        case RuleKey::Type::kAmount:
          EXPECT_EQ(values.Int(k.name), std::get<int64_t>(k.default_value));
          break;
        case RuleKey::Type::kCodes:
          EXPECT_EQ(values.Codes(k.name),
                    std::get<std::vector<std::string>>(k.default_value));
          break;
      }
    }
  }
}

// The loader knows no ground: a section declared here, by no matcher, is
// checked the same way.
std::vector<RuleSection> TestSections() {
  return {{"pets",
           {RuleKey::Count("dogs", 1, 0, 5), RuleKey::Bool("cats_count", true),
            RuleKey::Amount("feed_line", 2500),
            RuleKey::Codes("kinds", FeedKind::kVehicle, field::kVehType,
                           {"car"})}}};
}

std::string GenericError(const std::string& text) {
  auto r = ParseRules(text, "g.toml", TestSections());
  return r.ok() ? std::string("ok") : r.status().message();
}

TEST(RulesTest, GenericLoaderReadsADeclaredSection) {
  auto r = ParseRules(
      "[pets]\nenabled = false\ndogs = 5\ncats_count = false\nfeed_line = "
      "12.34\nkinds = [\"tractor\", \"motorcycle\"]\n",
      "g.toml", TestSections());
  ASSERT_TRUE(r.ok()) << r.status().message();
  const RuleValues& pets = r->ground("pets");
  EXPECT_FALSE(pets.Bool("enabled"));
  EXPECT_EQ(pets.Int("dogs"), 5);
  EXPECT_FALSE(pets.Bool("cats_count"));
  EXPECT_EQ(pets.Int("feed_line"), 1234);
  EXPECT_EQ(pets.Codes("kinds"),
            (std::vector<std::string>{"tractor", "motorcycle"}));
  auto empty = ParseRules("", "g.toml", TestSections());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->ground("pets").Bool("enabled"));
  EXPECT_EQ(empty->ground("pets").Int("dogs"), 1);
  EXPECT_EQ(empty->ground("pets").Int("feed_line"), 2500);
  EXPECT_EQ(empty->ground("pets").Codes("kinds"),
            std::vector<std::string>{"car"});
  // Only the sections given exist.
  EXPECT_EQ(GenericError("[vehicle]\nenabled = true\n").substr(0, 38),
            "g.toml:1: unknown key 'vehicle' in the");
}

TEST(RulesTest, GenericLoaderErrorsNameFileLineAndKey) {
  EXPECT_EQ(GenericError("[pets]\n\ndog = 1\n"),
            "g.toml:3: unknown key 'dog' in [pets] (expected one of: enabled, "
            "dogs, cats_count, feed_line, kinds)");
  EXPECT_EQ(GenericError("[pets]\ndogs = \"two\"\n"),
            "g.toml:2: pets.dogs must be a whole number from 0 to 5");
  EXPECT_EQ(GenericError("[pets]\ndogs = 2.5\n"),
            "g.toml:2: pets.dogs must be a whole number from 0 to 5");
  EXPECT_EQ(GenericError("[pets]\ndogs = 6\n"),
            "g.toml:2: pets.dogs must be a whole number from 0 to 5 (got 6)");
  EXPECT_EQ(GenericError("[pets]\ndogs = -1\n"),
            "g.toml:2: pets.dogs must not be negative (got -1)");
  EXPECT_EQ(GenericError("[pets]\ncats_count = 1\n"),
            "g.toml:2: pets.cats_count must be true or false");
  EXPECT_EQ(GenericError("[pets]\nenabled = \"no\"\n"),
            "g.toml:2: pets.enabled must be true or false");
  EXPECT_EQ(GenericError("[pets]\nfeed_line = -0.01\n"),
            "g.toml:2: pets.feed_line must not be negative (got -0.01)");
  EXPECT_EQ(GenericError("[pets]\nfeed_line = 1e13\n"),
            "g.toml:2: pets.feed_line must be an amount from 0 to "
            "1000000000000 元 (got 10000000000000)");
  EXPECT_EQ(GenericError("[pets]\nfeed_line = true\n"),
            "g.toml:2: pets.feed_line must be an amount in 元 (a number such "
            "as 780.00)");
  EXPECT_EQ(GenericError("[pets]\nkinds = [\"car\", \"boat\"]\n"),
            "g.toml:2: pets.kinds: 'boat' is not a vehicle_type code (car, "
            "truck, bus, van, motorcycle, tricycle, low_speed, disability, "
            "tractor, other)");
  EXPECT_EQ(GenericError("[pets]\nkinds = \"car\"\n").substr(0, 52),
            "g.toml:2: pets.kinds must be a list of vehicle_type ");
  EXPECT_EQ(GenericError("pets = 3\n"), "g.toml:1: [pets] must be a table");
}

}  // namespace
}  // namespace hedui
