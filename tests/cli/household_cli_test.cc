// `hedui cases` on household review files (一户一档) in the demo county:
// `list --by household`, `show`, `assign` and `step` take a file number or
// a roll case ID; a township officer is refused (exit 3) on another
// township's household, and nothing is changed.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::HeduiOutput;
using testing::RunHedui;

struct Household {
  std::string file, case_id, township;
  int flags = 0;
};

// The rows of `hedui cases list --by household`.
std::vector<Household> ParseHouseholds(const std::string& text) {
  static const std::regex kFile(R"(^\d{6}-\d{4}-\d{5} )");
  std::vector<Household> rows;
  for (const std::string& line : testing::Lines(text)) {
    if (!std::regex_search(line, kFile)) continue;
    std::istringstream in(line);
    Household h;
    in >> h.file >> h.case_id >> h.flags >> h.township;
    rows.push_back(h);
  }
  return rows;
}

// The flag rows of `hedui cases list` (flag, ground, status, township,
// village, ID, name, assignee).
std::vector<std::vector<std::string>> ParseFlags(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& line : testing::Lines(text)) {
    if (line.size() < 18 || line[0] != 'F' || line[17] != ' ') continue;
    std::istringstream in(line);
    std::vector<std::string> row;
    std::string word;
    for (int i = 0; i < 8 && in >> word; ++i) row.push_back(word);
    rows.push_back(row);
  }
  return rows;
}

class HouseholdCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() + "/demo";
    HeduiOutput demo =
        RunHedui("demo --dir " + dir_ + " --residents 20000 < /dev/null");
    ASSERT_EQ(demo.code, 0) << demo.text;
    std::filesystem::remove_all(dir_ + "/data/cases");
    data_ = " --data " + dir_ + "/data ";
  }
  void TearDown() override {
    unsetenv("HEDUI_PASSWORD");
    unsetenv("HEDUI_NEW_PASSWORD");
  }
  HeduiOutput As(const std::string& user, const std::string& args) {
    setenv("HEDUI_PASSWORD", ("pw-" + user + "-123456").c_str(), 1);
    return RunHedui(args + " < /dev/null");
  }
  HeduiOutput AddUser(const std::string& by, const std::string& name,
                      const std::string& role_args) {
    setenv("HEDUI_NEW_PASSWORD", ("pw-" + name + "-123456").c_str(), 1);
    std::string user = by.empty() ? "" : " --user " + by;
    return As(by, "users add" + data_ + user + " " + name + " " + role_args);
  }

  testing::TempDir tmp_;
  std::string dir_, data_;
};

TEST_F(HouseholdCli, AssignAndVisitAHouseholdByItsFileNumber) {
  ASSERT_EQ(AddUser("", "admin", "--role admin").code, 0);
  HeduiOutput out =
      As("admin", "cases list" + data_ + "--user admin --by household");
  ASSERT_EQ(out.code, 0) << out.text;
  std::vector<Household> all = ParseHouseholds(out.text);
  ASSERT_GT(all.size(), 2u) << out.text;
  // A household with several flags, and one of another township.
  const Household* mine = nullptr;
  for (const Household& h : all)
    if (h.flags >= 2 && !mine) mine = &h;
  ASSERT_NE(mine, nullptr) << out.text;
  const Household* theirs = nullptr;
  for (const Household& h : all)
    if (h.township != mine->township && !theirs) theirs = &h;
  ASSERT_NE(theirs, nullptr);
  ASSERT_EQ(
      AddUser("admin", "wang", "--role township --township " + mine->township)
          .code,
      0);
  // File numbers are unique.
  std::map<std::string, int> numbers;
  for (const Household& h : all) EXPECT_EQ(++numbers[h.file], 1) << h.file;

  // Another township's household: refused, whether by number or case ID.
  for (const std::string& key : {theirs->file, theirs->case_id}) {
    EXPECT_EQ(
        As("wang", "cases assign" + data_ + "--user wang " + key + " --to wang")
            .code,
        3);
    EXPECT_EQ(As("wang", "cases step" + data_ + "--user wang " + key +
                             " --kind 入户核查 --notes 看过")
                  .code,
              3);
    EXPECT_EQ(As("wang", "cases show" + data_ + "--user wang " + key).code, 3);
  }
  out = As("admin",
           "cases list" + data_ + "--user admin --text " + theirs->case_id);
  for (const auto& row : ParseFlags(out.text)) {
    ASSERT_EQ(row.size(), 8u);
    EXPECT_NE(row[7], "wang");
  }

  // Their own: one assignment and one home visit for every flag.
  out = As("wang",
           "cases assign" + data_ + "--user wang " + mine->file + " --to wang");
  ASSERT_EQ(out.code, 0) << out.text;
  out = As("wang", "cases step" + data_ + "--user wang " + mine->case_id +
                       " --kind 入户核查 --notes 全家在家逐项核实");
  ASSERT_EQ(out.code, 0) << out.text;
  out =
      As("wang", "cases list" + data_ + "--user wang --text " + mine->case_id);
  std::vector<std::vector<std::string>> flags = ParseFlags(out.text);
  ASSERT_EQ(flags.size(), static_cast<size_t>(mine->flags)) << out.text;
  for (const auto& row : flags) {
    ASSERT_EQ(row.size(), 8u);
    EXPECT_EQ(row[2], "核查中") << out.text;
    EXPECT_EQ(row[7], "wang") << out.text;
  }
  out = As("wang", "cases show" + data_ + "--user wang " + mine->file);
  ASSERT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("低保户档案 (household file) " + mine->file),
            std::string::npos)
      << out.text;
  size_t visits = 0;
  for (size_t at = out.text.find("全家在家逐项核实"); at != std::string::npos;
       at = out.text.find("全家在家逐项核实", at + 1))
    ++visits;
  EXPECT_EQ(visits, static_cast<size_t>(mine->flags));
  for (const auto& row : flags)
    EXPECT_NE(out.text.find(row[0]), std::string::npos) << row[0];
  // A flag ID still works as before.
  out = As("wang", "cases show" + data_ + "--user wang " + flags[0][0]);
  ASSERT_EQ(out.code, 0) << out.text;
  // The evidence in Chinese words, the canonical name beside (issue 19:
  // an officer read `id_number` and `public_welfare_job`).
  EXPECT_NE(out.text.find("公民身份号码 (id_number)"), std::string::npos)
      << out.text;
  EXPECT_EQ(out.text.find("低保户档案 (household file)"), std::string::npos);
  // The household list shows the change.
  out = As("wang", "cases list" + data_ + "--user wang --by household");
  EXPECT_NE(out.text.find(mine->file), std::string::npos);
  EXPECT_EQ(out.text.find(theirs->file), std::string::npos);
}

}  // namespace
}  // namespace hedui
