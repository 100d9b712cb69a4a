// Integers in configuration files (issue 14, defects 2 and 3): every
// integer a rules or mapping file gives goes through one checked
// conversion (engine/base/toml_check.h, GetTomlInt) that names the file,
// line, key and allowed range; none is narrowed to an int unchecked.
#include <gtest/gtest.h>

#include "connectors/mapping.h"
#include "hedui/rules.h"

namespace hedui {
namespace {

std::string RulesError(const std::string& text) {
  auto r = ParseRules(text, "r.toml");
  return r.ok() ? std::string("ok") : r.status().message();
}

std::string MappingError(const std::string& text) {
  auto m = ParseMapping(text, "m.toml");
  return m.ok() ? std::string("ok") : m.status().message();
}

// 2^32 passed the old `> 0` check and became 0 in static_cast<int>:
// ReviewsDue then divided by zero (SIGFPE in `hedui run`).
TEST(ConfigIntsTest, ReviewMonthsOutOfRangeIsAnError) {
  EXPECT_EQ(RulesError("[review]\nmonths = { \"一类\" = 4294967296 }\n"),
            "r.toml:2: review.months.一类 must be a whole number from 1 to "
            "1200 (got 4294967296)");
  EXPECT_EQ(RulesError("[review]\nmonths = { \"一类\" = 0 }\n"),
            "r.toml:2: review.months.一类 must be a whole number from 1 to "
            "1200 (got 0)");
  EXPECT_EQ(RulesError("[review]\nmonths = { \"一类\" = 1200 }\n"), "ok");
}

TEST(ConfigIntsTest, GroundCountsOutOfRangeAreErrors) {
  EXPECT_EQ(RulesError("[assets]\nmonths = 4294967296\n"),
            "r.toml:2: assets.months must be a whole number from 0 to 1200 "
            "(got 4294967296)");
  EXPECT_EQ(RulesError("[assets]\nmonths = 4294967320\n").substr(0, 39),
            "r.toml:2: assets.months must be a whole");
  EXPECT_EQ(
      RulesError("[property]\ndwellings_allowed = 4294967297\n").substr(0, 49),
      "r.toml:2: property.dwellings_allowed must be a wh");
  EXPECT_EQ(
      RulesError("[split]\ngeneric_max_cases = 4294967298\n").substr(0, 48),
      "r.toml:2: split.generic_max_cases must be a whol");
  EXPECT_EQ(RulesError("[split]\ngeneric_max_cases = 1\n"),
            "r.toml:2: split.generic_max_cases must be a whole number from 2 "
            "to 1000000 (got 1)");
}

constexpr char kDelta[] =
    "[feed]\nkind = \"vehicle\"\nmode = \"delta\"\nkey = [\"plate\"]\n";
constexpr char kFields[] =
    "[fields]\nid_number = \"sfzh\"\nvehicle_type = \"t\"\nstatus = "
    "\"s\"\nplate = \"p\"\n";

// `index - 1` of the smallest int64 was signed overflow; 2^32 + 1 became
// column 1 in static_cast<int>.
TEST(ConfigIntsTest, DeletedIndexIsCheckedLikeAFieldIndex) {
  EXPECT_EQ(MappingError(std::string(kDelta) +
                         "deleted = { index = -9223372036854775808, values = "
                         "[\"D\"] }\n" +
                         kFields),
            "m.toml:5: feed.deleted.index must be a whole number from 1 to "
            "100000 (got -9223372036854775808)");
  EXPECT_EQ(
      MappingError(std::string(kDelta) +
                   "deleted = { index = 0, values = [\"D\"] }\n" + kFields),
      "m.toml:5: feed.deleted.index must be a whole number from 1 to "
      "100000 (got 0)");
  EXPECT_EQ(
      MappingError(std::string(kDelta) +
                   "deleted = { index = 4294967297, values = [\"D\"] }\n" +
                   kFields),
      "m.toml:5: feed.deleted.index must be a whole number from 1 to "
      "100000 (got 4294967297)");
  EXPECT_EQ(
      MappingError(std::string(kDelta) +
                   "deleted = { index = \"3\", values = [\"D\"] }\n" + kFields),
      "m.toml:5: feed.deleted.index must be a whole number from 1 to "
      "100000");
  auto ok =
      ParseMapping(std::string(kDelta) +
                       "deleted = { index = 7, values = [\"D\"] }\n" + kFields,
                   "m.toml");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->deleted->column_index, 6);
}

constexpr char kHead[] =
    "[feed]\nkind = \"vehicle\"\n[fields]\nid_number = \"sfzh\"\nvehicle_type "
    "= \"t\"\nstatus = \"s\"\n";

TEST(ConfigIntsTest, FieldIndexSkipLinesAndUnitHaveRanges) {
  EXPECT_EQ(
      MappingError(std::string(kHead) + "plate = { index = 4294967297 }\n"),
      "m.toml:7: fields.plate.index must be a whole number from 1 to "
      "100000 (got 4294967297)");
  EXPECT_EQ(MappingError(std::string(kHead) + "plate = { index = 0 }\n"),
            "m.toml:7: fields.plate.index must be a whole number from 1 to "
            "100000 (got 0)");
  EXPECT_EQ(MappingError("[feed]\nkind = \"vehicle\"\nskip_lines = "
                         "4294967296\n[fields]\nid_number = \"a\"\n"
                         "vehicle_type = \"t\"\nstatus = \"s\"\n"),
            "m.toml:3: feed.skip_lines must be a whole number from 0 to "
            "1000000 (got 4294967296)");
  const std::string tax =
      "[feed]\nkind = \"tax\"\n[fields]\nid_number = \"a\"\nperiod = "
      "\"p\"\nincome_kind = \"k\"\n";
  EXPECT_EQ(MappingError(tax + "amount = { column = \"x\", unit = 0 }\n"),
            "m.toml:7: fields.amount.unit must be a whole number from 1 to "
            "100000000 (got 0)");
  EXPECT_EQ(
      MappingError(tax + "amount = { column = \"x\", unit = 1000000000 }\n"),
      "m.toml:7: fields.amount.unit must be a whole number from 1 to "
      "100000000 (got 1000000000)");
  auto ok = ParseMapping(tax + "amount = { column = \"x\", unit = 10000 }\n",
                         "m.toml");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
}

}  // namespace
}  // namespace hedui
