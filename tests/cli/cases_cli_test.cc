// `hedui users`, `hedui cases` and `hedui audit` on the demo county: the
// exit codes (0 done, 2 bad argument, 3 not allowed for the role or
// township, 4 not allowed in the case's status) and the password, which
// comes from HEDUI_PASSWORD and never from an argument.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::HeduiOutput;
using testing::RunHedui;

struct Listed {
  std::string flag, ground, status, township;
};

// The rows of `hedui cases list`.
std::vector<Listed> ParseList(const std::string& text) {
  std::vector<Listed> rows;
  for (const std::string& line : testing::Lines(text)) {
    if (line.size() < 18 || line[0] != 'F' || line[17] != ' ') continue;
    std::istringstream in(line);
    Listed r;
    in >> r.flag >> r.ground >> r.status >> r.township;
    rows.push_back(r);
  }
  return rows;
}

class CasesCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() + "/demo";
    HeduiOutput demo =
        RunHedui("demo --dir " + dir_ + " --residents 20000 < /dev/null");
    ASSERT_EQ(demo.code, 0) << demo.text;
    // The demo's case store (its demo users) is set aside: this test makes
    // the first user itself.
    std::filesystem::remove_all(dir_ + "/data/cases");
    data_ = " --data " + dir_ + "/data ";
  }
  void TearDown() override {
    unsetenv("HEDUI_PASSWORD");
    unsetenv("HEDUI_NEW_PASSWORD");
  }

  // Runs hedui as `user` (their password in HEDUI_PASSWORD), stdin empty.
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

// `cases notice`: written next to the case store (DATA/notices/, 0700, the
// file 0600) and says where; addressed and worded for the household; the
// period counted from delivery, its last day named when the delivery day
// is given.
TEST_F(CasesCli, NoticeWrittenNextToTheStoreCountedFromDelivery) {
  ASSERT_EQ(AddUser("", "admin", "--role admin").code, 0);
  HeduiOutput out = As("admin", "cases list" + data_ + "--user admin");
  ASSERT_EQ(out.code, 0) << out.text;
  std::vector<Listed> cases = ParseList(out.text);
  ASSERT_FALSE(cases.empty()) << out.text;
  const std::string flag = cases.front().flag;
  const std::string as_admin = data_ + "--user admin " + flag;
  ASSERT_EQ(As("admin", "cases assign" + as_admin + " --to admin").code, 0);
  ASSERT_EQ(As("admin", "cases step" + as_admin +
                            " --kind 入户核查 --date 2026-11-01 --notes 核实")
                .code,
            0);
  out = As("admin", "cases decide" + as_admin +
                        " --outcome 死亡 --date 2026-11-02 --note 核实");
  ASSERT_EQ(out.code, 0) << out.text;

  out = As("admin", "cases notice" + as_admin);
  ASSERT_EQ(out.code, 0) << out.text;
  const std::string dir = dir_ + "/data/notices";
  const std::string file = dir + "/告知书-" + flag + ".html";
  EXPECT_NE(out.text.find(file), std::string::npos) << out.text;
  struct stat st;
  ASSERT_EQ(stat(file.c_str(), &st), 0) << file;
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(stat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  std::string html = testing::ReadFile(file);
  EXPECT_NE(html.find("自本告知书送达之日起15日内（送达当日不计入）"),
            std::string::npos);
  EXPECT_EQ(html.find("处理决定之日起"), std::string::npos);
  EXPECT_EQ(html.find(flag), std::string::npos);    // no internal hash
  EXPECT_EQ(html.find(".csv"), std::string::npos);  // no export file name
  // No resident ID whole (the demo's case numbers are 18 digits too: they
  // are taken out first).
  out = As("admin", "cases show" + as_admin);
  const std::string case_label = "低保户 (case)  ";
  const size_t at = out.text.find(case_label);
  ASSERT_NE(at, std::string::npos) << out.text;
  const std::string case_id = out.text.substr(
      at + case_label.size(),
      out.text.find(' ', at + case_label.size()) - (at + case_label.size()));
  std::string scanned = html;
  for (size_t p; (p = scanned.find(case_id)) != std::string::npos;)
    scanned.erase(p, case_id.size());
  std::smatch id;
  EXPECT_FALSE(std::regex_search(scanned, id, std::regex("[0-9]{17}[0-9X]")))
      << id.str();

  out = As("admin", "cases notice" + as_admin + " --delivered-on 2026-11-03");
  ASSERT_EQ(out.code, 0) << out.text;
  html = testing::ReadFile(file);
  EXPECT_NE(html.find("即至 2026-11-18 止"), std::string::npos);
  // Not a date, or before the decision: refused.
  EXPECT_NE(
      As("admin", "cases notice" + as_admin + " --delivered-on 11月").code, 0);
  EXPECT_NE(
      As("admin", "cases notice" + as_admin + " --delivered-on 2026-11-01")
          .code,
      0);
}

TEST_F(CasesCli, UsersCasesAndAuditExitCodes) {
  // The first user: an admin, with no one to sign in.
  HeduiOutput out = AddUser("", "admin", "--role admin");
  ASSERT_EQ(out.code, 0) << out.text;
  // The cases of the demo's first run, imported on the way.
  out = As("admin", "cases list" + data_ + "--user admin");
  ASSERT_EQ(out.code, 0) << out.text;
  std::vector<Listed> cases = ParseList(out.text);
  ASSERT_GE(cases.size(), 2u) << out.text;
  const Listed mine = cases.front();
  Listed theirs;
  for (const Listed& c : cases)
    if (c.township != mine.township) theirs = c;
  ASSERT_FALSE(theirs.flag.empty());

  EXPECT_EQ(
      AddUser("admin", "wang", "--role township --township " + mine.township)
          .code,
      0);
  EXPECT_EQ(AddUser("admin", "li", "--role inspector").code, 0);
  EXPECT_EQ(AddUser("admin", "sun", "--role auditor").code, 0);
  EXPECT_EQ(AddUser("admin", "x", "--role king").code, 2);
  EXPECT_EQ(AddUser("admin", "y", "--role township").code, 2);  // no township
  EXPECT_EQ(AddUser("wang", "zhao", "--role admin").code, 3);
  out = As("admin", "users list" + data_ + "--user admin");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("wang"), std::string::npos);
  EXPECT_NE(out.text.find("inspector"), std::string::npos);
  EXPECT_EQ(As("wang", "users list" + data_ + "--user wang").code, 3);
  // Disabled, wang cannot sign in (3) until enabled again; only an admin
  // does either.
  EXPECT_EQ(As("li", "users disable" + data_ + "--user li wang").code, 3);
  out = As("admin", "users disable" + data_ + "--user admin wang");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("已停用"), std::string::npos) << out.text;
  out = As("wang", "cases list" + data_ + "--user wang");
  EXPECT_EQ(out.code, 3) << out.text;
  EXPECT_NE(out.text.find("停用"), std::string::npos) << out.text;
  out = As("admin", "users list" + data_ + "--user admin");
  EXPECT_NE(out.text.find("已停用"), std::string::npos) << out.text;
  EXPECT_EQ(As("admin", "users enable" + data_ + "--user admin wang").code, 0);
  EXPECT_EQ(As("wang", "cases list" + data_ + "--user wang").code, 0);

  // The password: from HEDUI_PASSWORD; wrong is 3; never an argument.
  setenv("HEDUI_PASSWORD", "wrong-password", 1);
  out = RunHedui("cases list" + data_ + "--user admin < /dev/null");
  EXPECT_EQ(out.code, 3) << out.text;
  unsetenv("HEDUI_PASSWORD");
  out = RunHedui("cases list" + data_ + "--user admin < /dev/null");
  EXPECT_NE(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("HEDUI_PASSWORD"), std::string::npos) << out.text;
  for (const char* option :
       {"--password pw-admin-123456", "--password=pw-admin-123456",
        "-p pw-admin-123456"}) {
    out = RunHedui("cases list" + data_ + "--user admin " + option +
                   " < /dev/null");
    EXPECT_NE(out.code, 0) << option << "\n" << out.text;
    EXPECT_EQ(out.text.find("案件(flag)"), std::string::npos) << option;
  }
  out = RunHedui("cases list" + data_ +
                 "--user admin pw-admin-123456 < /dev/null");
  EXPECT_NE(out.code, 0) << out.text;
  EXPECT_EQ(As("admin", "cases list" + data_).code, 2);  // no --user

  // The workflow through the command line, as the township officer.
  const std::string as_wang = data_ + "--user wang " + mine.flag;
  out = As("wang", "cases list" + data_ + "--user wang");
  ASSERT_EQ(out.code, 0) << out.text;
  for (const Listed& c : ParseList(out.text))
    EXPECT_EQ(c.township, mine.township);
  EXPECT_EQ(
      As("wang", "cases list" + data_ + "--user wang --status bogus").code, 2);
  EXPECT_EQ(As("wang", "cases decide" + as_wang +
                           " --outcome 死亡 --date 2026-11-02 --note x")
                .code,
            4);  // not reviewed yet
  out = As("wang", "cases assign" + as_wang + " --to wang");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_EQ(As("wang", "cases assign" + as_wang + " --to nobody").code, 1);
  EXPECT_EQ(As("wang", "cases step" + as_wang +
                           " --kind bogus --date 2026-11-01 --notes x")
                .code,
            2);
  EXPECT_EQ(As("wang", "cases step" + as_wang +
                           " --kind 入户核查 --date 2026-13-01 --notes x")
                .code,
            2);
  out =
      As("wang", "cases step" + as_wang +
                     " --kind 入户核查 --date 2026-11-01 --notes 家属称已去世");
  EXPECT_EQ(out.code, 0) << out.text;
  out = As("wang", "cases decide" + as_wang +
                       " --outcome 不存在 --date 2026-11-02 --note x");
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find("数据错误"), std::string::npos) << out.text;
  // The inspector reads, comments, never decides.
  const std::string as_li = data_ + "--user li " + mine.flag;
  EXPECT_EQ(As("li", "cases show" + as_li).code, 0);
  EXPECT_EQ(As("li", "cases comment" + as_li + " --text 请核实").code, 0);
  EXPECT_EQ(As("li", "cases decide" + as_li +
                         " --outcome 死亡 --date 2026-11-02 --note x")
                .code,
            3);
  EXPECT_EQ(As("li", "cases assign" + as_li + " --to li").code, 3);
  // Dates the workflow cannot bend (issue 19): a decision before the flag
  // existed (the demo's run is as of 2026-10-31) or before the home visit,
  // or in the future, is refused and changes nothing.
  out = As("wang", "cases decide" + as_wang +
                       " --outcome 死亡 --date 2026-01-01 --note 火化证明");
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find("2026-10-31"), std::string::npos) << out.text;
  out = As("wang", "cases decide" + as_wang +
                       " --outcome 死亡 --date 2026-10-31 --note 火化证明");
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find("入户核查"), std::string::npos) << out.text;
  for (const char* future : {"2031-01-01", "2035-06-30"}) {
    out = As("wang", "cases decide" + as_wang + " --outcome 死亡 --date " +
                         future + " --note 火化证明");
    EXPECT_EQ(out.code, 2) << out.text;
    EXPECT_NE(out.text.find("晚于今天"), std::string::npos) << out.text;
  }
  out = As("wang", "cases decide" + as_wang +
                       " --outcome 死亡 --date 2026-11-02 --note 火化证明");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_EQ(As("li", "cases stop" + as_li + " --date 2026-12-01").code, 3);
  // Stop: not before the notice is delivered, nor within the notice period.
  EXPECT_EQ(As("wang", "cases stop" + as_wang + " --date 2026-12-01").code, 4);
  std::string notice = tmp_.path() + "/notice.html";
  out = As("wang", "cases notice" + as_wang + " --out " + notice);
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_TRUE(std::filesystem::exists(notice));
  out = As("wang", "cases step" + as_wang +
                       " --kind 告知书送达 --date 2026-11-03 --notes 本人签收");
  EXPECT_EQ(out.code, 0) << out.text;
  // The notice period runs from the delivery (11-03), that day not
  // counted: 15 days to 11-18, the stop from 11-19. The old rule (from the
  // decision, 11-17) is refused.
  for (const char* early : {"2026-11-04", "2026-11-17", "2026-11-18"}) {
    out = As("wang", "cases stop" + as_wang + " --date " + early);
    EXPECT_EQ(out.code, 4) << out.text;
    EXPECT_NE(out.text.find("2026-11-19"), std::string::npos) << out.text;
  }
  EXPECT_EQ(
      As("wang", "cases stop" + as_wang + " --date 2026-11-19 --monthly abc")
          .code,
      2);
  out = As("wang", "cases stop" + as_wang + " --date 2026-11-19");
  EXPECT_EQ(out.code, 0) << out.text;
  // Money (issue 19): amounts with more than two decimals, signs and
  // amounts past int64 fen are refused by the parser; more than was paid,
  // or dated before the stop, by the workflow. Nothing is recorded.
  for (const char* amount : {"12.345", "-5", "92233720368547758.07",
                             "90000000000000000", "99999999.00"}) {
    out = As("wang", "cases recover" + as_wang + " --amount " + amount +
                         " --date 2026-11-20 --note 收据");
    EXPECT_EQ(out.code, 2) << amount << ": " << out.text;
  }
  EXPECT_NE(As("wang", "cases recover" + as_wang +
                           " --amount 12.345 --date 2026-11-20 --note x")
                .text.find("两位小数"),
            std::string::npos);
  out = As("wang", "cases recover" + as_wang +
                       " --amount 1.00 --date 2026-11-18 --note 收据");
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find("2026-11-19"), std::string::npos) << out.text;
  out = As("wang", "cases recover" + as_wang +
                       " --amount 1.00 --date 2026-11-20 --note 收据");
  EXPECT_EQ(out.code, 0) << out.text;
  out = As("wang", "cases show" + as_wang);
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("告知期最后一天 2026-11-18"), std::string::npos)
      << out.text;
  EXPECT_EQ(out.text.find("追回 99999999"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("已停发"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("家属称已去世"), std::string::npos);
  EXPECT_NE(out.text.find("请核实"), std::string::npos);
  // Another township's case: not to be seen, nor touched.
  out = As("wang", "cases assign" + data_ + "--user wang " + theirs.flag +
                       " --to wang");
  EXPECT_EQ(out.code, 3) << out.text;  // the store's refusal, by its full ID
  EXPECT_EQ(
      As("wang", "cases show" + data_ + "--user wang " + theirs.flag).code,
      out.code);

  // The auditor: the audit log, not the cases.
  EXPECT_EQ(As("sun", "cases list" + data_ + "--user sun").code, 3);
  // A shortened ID is looked up among the cases the user may list: one of
  // another township's is not there to be found (exit 1, not found).
  EXPECT_EQ(As("wang", "cases show" + data_ + "--user wang " +
                           theirs.flag.substr(0, 12))
                .code,
            1);
  EXPECT_EQ(As("wang", "audit verify" + data_ + "--user wang").code, 3);
  out = As("sun", "audit verify" + data_ + "--user sun");
  ASSERT_EQ(out.code, 0) << out.text;
  std::string anchor;
  for (const std::string& line : testing::Lines(out.text)) {
    size_t colon = line.find(':');
    if (line.rfind("  ", 0) == 0 && colon != std::string::npos &&
        line.size() - colon - 1 == 64)
      anchor = line.substr(2);
  }
  ASSERT_FALSE(anchor.empty()) << out.text;
  EXPECT_EQ(
      As("sun", "audit verify" + data_ + "--user sun --anchor " + anchor).code,
      0);
  EXPECT_EQ(
      As("sun", "audit verify" + data_ + "--user sun --anchor nonsense").code,
      2);
  EXPECT_EQ(As("sun", "audit verify" + data_ +
                          "--user sun --anchor 1:" + std::string(64, '0'))
                .code,
            1);
  out = As("sun", "audit list" + data_ + "--user sun --case " + mine.flag);
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("decide"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("stop"), std::string::npos) << out.text;
}

}  // namespace
}  // namespace hedui
