// The rules file: dated standards, the generic loader of the grounds' sections,
// errors that name file, line and key, and the demo file.
#include "hedui/rules.h"

#include <gtest/gtest.h>

#include <set>

#include "engine/base/toml_check.h"
#include "hedui/matcher.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

std::string Error(const std::string& text) {
  auto r = ParseRules(text, "r.toml");
  return r.ok() ? std::string("ok") : r.status().message();
}

TEST(StandardsTest, YearlyIsMonthlyRoundedHalfUpToTheFen) {
  Rules r = UrbanRules();
  ASSERT_EQ(r.standards["rural"].size(), 2u);
  EXPECT_EQ(r.standards["rural"][0].monthly_fen, 50000);
  EXPECT_EQ(r.standards["rural"][1].monthly_fen,
            55833);  // 6700 / 12 = 558.333…
  auto half = ParseRules(
      "[[standard]]\nzone = \"z\"\nyearly = 0.06\nfrom = \"2020-01-01\"\n",
      "r.toml");
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(half->standards["z"][0].monthly_fen, 1);  // 0.5 fen rounds up
}

TEST(StandardsTest, InForceOnTheFirstDayOfTheMonth) {
  Rules r = UrbanRules();
  auto month = [](int y, int m) {
    return Date::FromYmd(y, m, 1).month_index();
  };
  EXPECT_EQ(r.StandardFor("urban", month(2025, 6))->monthly_fen, 72000);
  EXPECT_EQ(r.StandardFor("urban", month(2025, 7))->monthly_fen, 78000);
  EXPECT_EQ(r.StandardFor("urban", month(2013, 12)), nullptr);
  EXPECT_EQ(r.StandardFor("mountain", month(2025, 7)), nullptr);
  auto mid = ParseRules(
      "[[standard]]\nzone = \"z\"\nmonthly = 1\nfrom = \"2020-01-01\"\n"
      "[[standard]]\nzone = \"z\"\nmonthly = 2\nfrom = \"2020-03-15\"\n",
      "r.toml");
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->StandardFor("z", month(2020, 3))->monthly_fen,
            100);  // from mid-March: April on
  EXPECT_EQ(mid->StandardFor("z", month(2020, 4))->monthly_fen, 200);
}

TEST(StandardsTest, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(Error("[[standard]]\nzone = \"urban\"\nmonthly = 780\nfrom = "
                  "\"2025-07-01\"\n"
                  "[[standard]]\nzone = \"urban\"\nmonthly = 720\nfrom = "
                  "\"2024-01-01\"\n"),
            "r.toml:5: standard.from 2024-01-01 of zone 'urban' is before the "
            "entry on line 1 (2025-07-01): list each "
            "zone's standards in the order they took effect, one per date");
  EXPECT_NE(
      Error("[[standard]]\nzone = \"u\"\nmonthly = 1\nfrom = \"2025-07-01\"\n"
            "[[standard]]\nzone = \"u\"\nmonthly = 2\nfrom = \"2025-07-01\"\n")
          .find("the same date as the entry on line 1"),
      std::string::npos);
  EXPECT_EQ(Error("[[standard]]\nzone = \"u\"\nmonthly = -780\nfrom = "
                  "\"2025-07-01\"\n"),
            "r.toml:3: standard.monthly must not be negative (got -780)");
  EXPECT_NE(Error("[[standard]]\nzone = \"u\"\nmonthly = 1\nyearly = 12\nfrom "
                  "= \"2025-07-01\"\n")
                .find("exactly one"),
            std::string::npos);
  EXPECT_EQ(Error("[[standard]]\nzone = \"u\"\nmonthly = 1\nfrom = \"July\"\n"),
            "r.toml:4: standard.from must be a date such as \"2025-07-01\"");
  EXPECT_EQ(
      Error("[[standard]]\nzone = \"u\"\nmontly = 1\nfrom = \"2025-07-01\"\n")
          .substr(0, 30),
      "r.toml:3: unknown key 'montly'");
  EXPECT_EQ(Error("[assets]\nmonths = -3\n"),
            "r.toml:2: assets.months must not be negative (got -3)");
  EXPECT_EQ(Error("[business]\ncapital_threshold = \"50万\"\n"),
            "r.toml:2: business.capital_threshold must be an amount in 元 (a "
            "number such as 780.00)");
  EXPECT_NE(Error("[income]\npayroll_kinds = [\"salary\"]\n")
                .find("'salary' is not a kind code"),
            std::string::npos);
  EXPECT_NE(Error("[review]\nmonths = { \"一类\" = 0 }\n")
                .find("review.months.一类 must be a whole number"),
            std::string::npos);
}

// The demo file is the commented example a county copies: every ground of
// the matcher list has its section there, with every key it declares
// written out (every section is optional to the loader, so only this test
// notices a ground left out).
TEST(StandardsTest, DemoRulesFileHasEveryGround) {
  const std::string path =
      std::string(HEDUI_SOURCE_DIR) + "/configs/rules/demo.toml";
  StatusOr<std::string> text = ReadConfigFile(path, "rules file");
  ASSERT_TRUE(text.ok()) << text.status().message();
  StatusOr<toml::table> root = ParseTomlText(*text, path);
  ASSERT_TRUE(root.ok()) << root.status().message();
  for (const auto& m : AllMatchers()) {
    const toml::table* section = (*root)[m->Section()].as_table();
    ASSERT_NE(section, nullptr)
        << m->Name() << ": no [" << m->Section() << "] in demo.toml";
    EXPECT_TRUE(section->contains("enabled")) << m->Section();
    for (const RuleKey& k : m->RuleKeys()) {
      EXPECT_TRUE(section->contains(k.name))
          << m->Section() << "." << k.name << " is not in demo.toml";
    }
  }
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
