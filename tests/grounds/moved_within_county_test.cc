// MOVED: a move to a place inside the county (its own region code, a
// 12-digit statistical code under it, its name, or a township or village
// the roll writes) changes who serves the case, not its eligibility.
#include <gtest/gtest.h>

#include <algorithm>

#include "hedui/matcher.h"
#include "hedui/rules.h"

namespace hedui {
namespace {

const Matcher& Moved() {
  for (const auto& m : AllMatchers())
    if (m->Name() == "MOVED") return *m;
  ADD_FAILURE() << "no MOVED";
  return *AllMatchers().front();
}

Rules MustParse(const std::string& text) {
  StatusOr<Rules> r = ParseRules(text, "r.toml");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Rules();
}

SourceRecord Rec(FeedKind kind, std::vector<std::string> fields) {
  SourceRecord r;
  r.kind = kind;
  r.key = RecordKey{1, 1, 1};
  r.fields = std::move(fields);
  r.fields.resize(GetFeedSpec(kind).fields.size());
  return r;
}

// One member who moved out on 2025-03-01 to `destination`.
Household MovedTo(const std::string& destination) {
  Household h;
  h.case_id = "C1";
  h.zone = "rural";
  h.monthly_fen = 50000;
  h.enrolled_on = Date::FromYmd(2024, 1, 10);
  h.has_enrolled_on = true;
  Member m;
  m.id_body = 1000;
  m.roll =
      Rec(FeedKind::kRoll, {"C1", "id", "张三", "head", "鸣皋镇", "鸣皋村"});
  m.feeds[static_cast<size_t>(FeedKind::kMigration)].push_back(Rec(
      FeedKind::kMigration, {"id", "moved_out", "2025-03-01", destination}));
  h.members.push_back(std::move(m));
  return h;
}

size_t FlagCount(const Household& h, const Rules& rules,
                 const CountyPlaces* places) {
  std::vector<Flag> flags;
  RunContext context{Date::FromYmd(2025, 12, 31), &rules};
  context.county_places = places;
  Moved().Check(h, context, &flags);
  return flags.size();
}

constexpr char kCounty[] =
    "[county]\nname = \"伊川县\"\nregion_codes = [\"410329\", \"410381\"]\n"
    "place_names = [\"伊川县\", \"伊川\"]\n";

TEST(MovedWithinCountyTest, RulesReadTheCountysCodesAndNames) {
  Rules rules = MustParse(kCounty);
  EXPECT_EQ(rules.region_codes, (std::vector<std::string>{"410329", "410381"}));
  EXPECT_EQ(rules.place_names, (std::vector<std::string>{"伊川县", "伊川"}));
  for (const char* bad : {"[\"41032\"]", "[\"4103290\"]", "[\"41O329\"]",
                          "\"410329\"", "[410329]"}) {
    StatusOr<Rules> r = ParseRules(
        std::string("[county]\nregion_codes = ") + bad + "\n", "r.toml");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("r.toml:2"), std::string::npos)
        << r.status().message();
    EXPECT_NE(r.status().message().find("region_codes"), std::string::npos)
        << r.status().message();
  }
}

TEST(MovedWithinCountyTest, AMoveInsideTheCountyIsNotMoved) {
  Rules rules = MustParse(kCounty);
  CountyPlaces places =
      CountyPlaces::FromNames({"鸣皋镇", "城关镇", "鸣皋村", "西场社区"});
  for (const char* inside :
       {"410329", "４１０３２９", "410329101201", "410381", "410329101",
        "伊川县", "河南省洛阳市伊川县城关镇", "伊川", "城关镇", "城关镇西街",
        "西场社区", " 鸣皋镇 "}) {
    EXPECT_EQ(FlagCount(MovedTo(inside), rules, &places), 0u) << inside;
  }
  for (const char* outside : {"410300", "410322", "410322101201", "41032",
                              "广东省深圳市", "洛阳市涧西区", "郑州", ""}) {
    EXPECT_EQ(FlagCount(MovedTo(outside), rules, &places), 1u) << outside;
  }
}

TEST(MovedWithinCountyTest, WithoutCountyKeysEveryMoveCounts) {
  Rules rules = MustParse("");
  CountyPlaces none;
  for (const char* destination : {"410329", "城关镇", "伊川县"})
    EXPECT_EQ(FlagCount(MovedTo(destination), rules, &none), 1u) << destination;
  // Township names from the roll work without any rules key, and a run
  // without places (a point check) still reads the codes.
  CountyPlaces places = CountyPlaces::FromNames({"城关镇"});
  EXPECT_EQ(FlagCount(MovedTo("城关镇"), rules, &places), 0u);
  EXPECT_EQ(FlagCount(MovedTo("410329"), MustParse(kCounty), nullptr), 0u);
}

TEST(MovedWithinCountyTest, PlacesFromTheRollAreItsTownshipsAndVillages) {
  Household a = MovedTo("x"), b = MovedTo("y");
  b.members[0].roll.fields[field::kRollTownship] = "城关镇";
  b.members[0].roll.fields[field::kRollVillage] = "";
  CountyPlaces places = CountyPlaces::FromRoll({a, b});
  EXPECT_TRUE(places.Contains("鸣皋镇"));
  EXPECT_TRUE(places.Contains("城关镇"));
  EXPECT_TRUE(places.Contains("鸣皋村"));
  EXPECT_FALSE(places.Contains(""));
  EXPECT_FALSE(places.Contains("郑州"));
}

}  // namespace
}  // namespace hedui
