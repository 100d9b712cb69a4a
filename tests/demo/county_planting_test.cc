// The generator plants moves within the county as MOVED decoys, in every
// spelling of the destination, and writes relations as 本人 and GB/T 4761
// codes: the end-to-end score holds the engine to them only while they are
// there.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "engine/demo/generator.h"
#include "engine/demo/places.h"

namespace hedui::demo {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CountyPlantingTest, MovesWithinTheCountyAreDecoysAndRelationsVary) {
  fs::path dir = fs::temp_directory_path() /
                 ("hedui_county_planting_" + std::to_string(getpid()));
  fs::remove_all(dir);
  GeneratorOptions options;
  options.out_dir = dir.string();
  options.residents = 20000;
  GeneratorReport report;
  ASSERT_TRUE(GenerateCounty(options, &report).ok());

  // Who the truth says moved out.
  std::set<std::string> moved;
  std::istringstream truth(ReadAll(dir / "truth.ndjson"));
  const std::regex truth_line(
      R"re("rule":"MOVED".*"id_number":"([0-9X]{18})")re");
  for (std::string line; std::getline(truth, line);) {
    std::smatch m;
    if (std::regex_search(line, m, truth_line)) moved.insert(m[1]);
  }
  ASSERT_FALSE(moved.empty());

  const County& county = Counties()[0];
  std::set<std::string> townships;
  for (const Township& t : county.townships) townships.emplace(t.name);
  int code6 = 0, code12 = 0, township = 0, county_and_township = 0;
  std::istringstream migration(ReadAll(dir / "migration.ndjson"));
  const std::regex row(
      R"re("gmsfhm":"([0-9Xx]{18})".*"ywlx":"(迁出|出嫁)".*"qwd":"([^"]*)")re");
  for (std::string line; std::getline(migration, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    std::string id = m[1], to = m[3];
    std::replace(id.begin(), id.end(), 'x', 'X');
    bool inside = true;
    if (to == county.code) {
      ++code6;
    } else if (to.size() == 12 && to.rfind(county.code, 0) == 0) {
      ++code12;
    } else if (townships.count(to)) {
      ++township;
    } else if (to.rfind(county.name, 0) == 0 &&
               townships.count(to.substr(county.name.size()))) {
      ++county_and_township;
    } else {
      inside = false;
    }
    if (inside) {
      EXPECT_FALSE(moved.count(id)) << id << " moved to " << to;
    }
  }
  EXPECT_GE(code6, 1);
  EXPECT_GE(code12, 1);
  EXPECT_GE(township, 1);
  EXPECT_GE(county_and_township, 1);

  // The roll's 与户主关系 (fourth column): 户主 and 本人 and codes.
  std::set<std::string> relations;
  std::istringstream roll(ReadAll(dir / "roll.csv"));
  for (std::string line; std::getline(roll, line);) {
    size_t a = line.find(','), b = line.find(',', a + 1),
           c = line.find(',', b + 1), d = line.find(',', c + 1);
    if (d != std::string::npos) relations.insert(line.substr(c + 1, d - c - 1));
  }
  for (const char* written : {"户主", "本人", "02", "0", "10", "1"})
    EXPECT_TRUE(relations.count(written)) << written;

  // The MERGE tie (planting_county.cc): two outsiders named by the truth
  // in a case whose head the roll does not write 户主.
  std::istringstream truth_again(ReadAll(dir / "truth.ndjson"));
  const std::regex merge_line(
      R"re("rule":"MERGE","case_id":"(\d{13}97000)")re");
  std::string tie_case;
  int outsiders = 0;
  for (std::string line; std::getline(truth_again, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, merge_line)) continue;
    tie_case = m[1];
    ++outsiders;
  }
  ASSERT_EQ(outsiders, 2);
  std::istringstream roll_again(ReadAll(dir / "roll.csv"));
  int heads = 0;
  for (std::string line; std::getline(roll_again, line);) {
    if (line.rfind(tie_case + ",", 0) != 0) continue;
    EXPECT_EQ(line.find(",户主,"), std::string::npos) << line;
    heads += line.find(",本人,") != std::string::npos ||
             line.find(",02,") != std::string::npos ||
             line.find(",0,") != std::string::npos;
  }
  EXPECT_EQ(heads, 1);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace hedui::demo
