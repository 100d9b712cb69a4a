// `hedui check-config` checks rules and mapping files without a data
// directory, and `hedui run` checks its rules before it reads any data.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "hedui/ingest.h"
#include "hedui/rules.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::RunHedui;

std::string Configs() { return std::string(HEDUI_SOURCE_DIR) + "/configs"; }

TEST(CheckConfigTest, GoodFilesSayOkOncePerFile) {
  const std::string rules = Configs() + "/rules/demo.toml";
  const std::string vehicle = Configs() + "/feeds/demo/vehicle.toml";
  const std::string roll = Configs() + "/feeds/demo/roll.toml";
  testing::HeduiOutput out =
      RunHedui("check-config --rules " + rules + " --mapping " + vehicle +
               " --mapping " + roll);
  EXPECT_EQ(out.code, 0) << out.text;
  std::vector<std::string> lines = testing::Lines(out.text);
  ASSERT_EQ(lines.size(), 3u) << out.text;
  EXPECT_EQ(lines[0].rfind(rules + ": ok", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind(vehicle + ": ok", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2].rfind(roll + ": ok", 0), 0u) << lines[2];
}

TEST(CheckConfigTest, ErrorsNameFileLineAndKeyAndExitTwo) {
  testing::TempDir dir;
  std::string rules =
      dir.Write("county.toml", "[property]\ndwelings_allowed = 1\n");
  testing::HeduiOutput out = RunHedui("check-config --rules " + rules);
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find(rules + ":2: unknown key 'dwelings_allowed'"),
            std::string::npos)
      << out.text;

  std::string mapping = dir.Write("vehicle.toml",
                                  "[feed]\nkind = \"vehicle\"\n"
                                  "[fields]\n"
                                  "id_number = \"身份证号\"\n"
                                  "plaet = \"号牌\"\n");
  // Line 5: the misspelt key.
  std::string good = Configs() + "/rules/demo.toml";
  out = RunHedui("check-config --rules " + good + " --mapping " + mapping);
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find(good + ": ok"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find(mapping + ":5:"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("plaet"), std::string::npos) << out.text;
}

TEST(CheckConfigTest, EveryFileIsCheckedEvenAfterAnError) {
  testing::TempDir dir;
  std::string bad =
      dir.Write("bad.toml", "[feed]\nkind = \"nonsense\"\n[fields]\n");
  std::string roll = Configs() + "/feeds/demo/roll.toml";
  testing::HeduiOutput out =
      RunHedui("check-config --mapping " + bad + " --mapping " + roll);
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find(bad + ":2:"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find(roll + ": ok"), std::string::npos) << out.text;
}

TEST(CheckConfigTest, NothingToCheckIsAUsageError) {
  testing::HeduiOutput out = RunHedui("check-config");
  EXPECT_EQ(out.code, 2) << out.text;
}

TEST(CheckConfigTest, RunReportsABadRulesFileBeforeTheDataDirectory) {
  testing::TempDir dir;
  std::string rules =
      dir.Write("county.toml", "[property]\ndwelings_allowed = 1\n");
  testing::HeduiOutput out =
      RunHedui("run --data " + dir.path() + "/no-such-dir --rules " + rules +
               " --as-of 2026-11-01 --out " + dir.path() + "/reports");
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find(rules + ":2: unknown key 'dwelings_allowed'"),
            std::string::npos)
      << out.text;
  EXPECT_EQ(out.text.find("no-such-dir"), std::string::npos) << out.text;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/no-such-dir"));
}

TEST(CheckConfigTest, LibraryCallsSayWhatTheyChecked) {
  StatusOr<std::string> rules = CheckRulesFile(Configs() + "/rules/demo.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_NE(rules->find("standard"), std::string::npos) << *rules;
  StatusOr<std::string> mapping =
      CheckMappingFile(Configs() + "/feeds/demo/vehicle.toml");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  EXPECT_NE(mapping->find("vehicle"), std::string::npos) << *mapping;
  EXPECT_FALSE(CheckMappingFile("/no/such/mapping.toml").ok());
  EXPECT_FALSE(CheckRulesFile("/no/such/rules.toml").ok());
}

}  // namespace
}  // namespace hedui
