// `hedui check` (the point check) says what is at stake per month, the same
// as the full run's cases.ndjson for the same flag.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <regex>
#include <string>

#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::RunHedui;

std::string Field(const std::string& line, const std::string& key) {
  std::smatch m;
  std::regex re("\"" + key + "\":\"([^\"]*)\"");
  return std::regex_search(line, m, re) ? m[1].str() : std::string();
}

TEST(PointCheckMoneyTest, SaysWhatIsAtStakeAsTheRunDoes) {
  testing::TempDir dir;
  const std::string configs = std::string(HEDUI_SOURCE_DIR) + "/configs";
  testing::HeduiOutput demo =
      RunHedui("demo --dir " + dir.path() + " --configs " + configs);
  ASSERT_EQ(demo.code, 0) << demo.text;
  std::string flag;
  for (const std::string& line : testing::Lines(
           testing::ReadFile(dir.path() + "/reports/cases.ndjson"))) {
    if (line.find("\"rule\":\"DECEASED\"") != std::string::npos) {
      flag = line;
      break;
    }
  }
  ASSERT_FALSE(flag.empty());
  const std::string id = Field(flag, "id_number");
  const std::string at_stake = Field(flag, "monthly_at_stake");
  ASSERT_FALSE(at_stake.empty()) << flag;
  const std::string args = "check " + id + " --data " + dir.path() +
                           "/data --rules " + configs +
                           "/rules/demo.toml --as-of 2026-10-31";
  testing::HeduiOutput text = RunHedui(args);
  EXPECT_EQ(text.code, 3) << text.text;
  EXPECT_NE(text.text.find(at_stake + " 元 a month at stake"),
            std::string::npos)
      << text.text;
  testing::HeduiOutput json = RunHedui(args + " --json");
  bool found = false;
  for (const std::string& line : testing::Lines(json.text)) {
    if (Field(line, "rule") == "DECEASED" && Field(line, "id_number") == id) {
      found = true;
      EXPECT_EQ(Field(line, "monthly_at_stake"), at_stake) << line;
    }
  }
  EXPECT_TRUE(found) << json.text;
}

}  // namespace
}  // namespace hedui
