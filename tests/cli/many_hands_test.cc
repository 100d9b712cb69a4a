// One store, many hands: the case commands while `hedui serve` holds the
// store, the rules a run recorded used from any directory, and the case
// commands' inputs (attachments, note files) and outputs (list formats).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::HeduiOutput;
using testing::RunHedui;

// hedui run from the directory `dir`.
HeduiOutput RunIn(const std::string& dir, const std::string& args) {
  HeduiOutput out;
  std::string command = "cd '" + dir + "' && HEDUI_PASSWORD=pw-admin-123456 " +
                        std::string(HEDUI_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.text.append(buffer, n);
  int status = pclose(pipe);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// A shell command line, its output (stdout and stderr) and exit code.
HeduiOutput Sh(const std::string& command) {
  HeduiOutput out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    out.text.append(buffer, n);
  int status = pclose(pipe);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// hedui as `user`: the passwords in the command's own environment (the
// tests run several at once: no setenv), standard input empty.
std::string AsUser(const std::string& user, const std::string& new_user = "") {
  std::string env = "HEDUI_PASSWORD=pw-" + user + "-123456 ";
  if (!new_user.empty())
    env += "HEDUI_NEW_PASSWORD=pw-" + new_user + "-123456 ";
  return env + HEDUI_BINARY + " ";
}

// The flag IDs of `hedui cases list`'s table.
std::vector<std::string> Flags(const std::string& text) {
  std::vector<std::string> flags;
  for (const std::string& line : testing::Lines(text)) {
    if (line.size() >= 18 && line[0] == 'F' && line[17] == ' ')
      flags.push_back(line.substr(0, 17));
  }
  return flags;
}

// A small demo county, its demo users set aside: each test makes its own.
class ManyHands : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path() + "/demo";
    HeduiOutput demo =
        RunHedui("demo --dir " + dir_ + " --residents 5000 < /dev/null");
    ASSERT_EQ(demo.code, 0) << demo.text;
    std::filesystem::remove_all(dir_ + "/data/cases");
    data_ = " --data " + dir_ + "/data ";
  }
  void TearDown() override {
    unsetenv("HEDUI_PASSWORD");
    unsetenv("HEDUI_NEW_PASSWORD");
  }

  testing::TempDir tmp_;
  std::string dir_, data_;
};

// Defect 11: `hedui run --rules configs/rules/x.toml` from one directory,
// then `hedui users add` from another: the rules are the copy the run kept
// in DATA, not the relative path read again from wherever the next command
// runs (and a rules file moved or edited later does not change them).
TEST_F(ManyHands, RulesOfARunAreKeptWithIt) {
  std::string work = tmp_.path() + "/work";
  std::filesystem::create_directories(work + "/configs/rules");
  std::filesystem::copy_file(
      std::string(HEDUI_SOURCE_DIR) + "/configs/rules/demo.toml",
      work + "/configs/rules/x.toml");
  std::string data = dir_ + "/data";
  HeduiOutput out = RunIn(work, "run --data " + data +
                                    " --rules configs/rules/x.toml --as-of "
                                    "2026-10-31 --out reports < /dev/null");
  ASSERT_EQ(out.code, 0) << out.text;
  // The file is gone (moved, edited, the tree deleted): the run's copy
  // still answers.
  std::filesystem::remove_all(work + "/configs");
  setenv("HEDUI_NEW_PASSWORD", "pw-admin-123456", 1);
  out =
      RunHedui("users add --data " + data + " admin --role admin < /dev/null");
  ASSERT_EQ(out.code, 0) << out.text;
  setenv("HEDUI_PASSWORD", "pw-admin-123456", 1);
  out = RunHedui("cases list --data " + data + " --user admin < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("个案件"), std::string::npos) << out.text;
  // The record names the file by its absolute path.
  out = RunHedui("runs --data " + data + " < /dev/null");
  EXPECT_NE(out.text.find(work + "/configs/rules/x.toml"), std::string::npos)
      << out.text;
}

// `hedui serve` in the background on a free port; stopped at the end.
class Served {
 public:
  Served(const std::string& data, const std::string& log) : log_(log) {
    HeduiOutput started = Sh(std::string(HEDUI_BINARY) + " serve --data " +
                             data + " --port 0 > " + log + " 2>&1 & echo $!");
    pid_ = std::atoi(started.text.c_str());
    for (int i = 0; i < 300 && port_ == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      std::string text = testing::ReadFile(log);
      size_t at = text.find("http://127.0.0.1:");
      if (at != std::string::npos)
        port_ = std::atoi(text.c_str() + at + strlen("http://127.0.0.1:"));
    }
  }
  ~Served() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      for (int i = 0; i < 100 && kill(pid_, 0) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  int port() const { return port_; }
  // As a power cut or the OOM killer would: the socket file stays behind.
  void Kill() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      for (int i = 0; i < 100 && kill(pid_, 0) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      pid_ = 0;
    }
  }
  std::string log() const { return testing::ReadFile(log_); }

 private:
  std::string log_;
  int pid_ = 0;
  int port_ = 0;
};

// Defect 10: while `hedui serve` holds the store, the CLI's case and user
// commands work, several at once while the site answers requests, with the
// same sign-in, roles and audit; a refusal is still exit 3 with nothing
// changed.
TEST_F(ManyHands, CaseCommandsWhileTheSiteRuns) {
  std::string data = dir_ + "/data";
  // The first admin before the site starts.
  HeduiOutput out = Sh(AsUser("admin", "admin") + "users add --data " + data +
                       " admin --role admin < /dev/null");
  ASSERT_EQ(out.code, 0) << out.text;
  out = Sh(AsUser("admin") + "cases list --data " + data +
           " --user admin --all < /dev/null");
  ASSERT_EQ(out.code, 0) << out.text;
  std::vector<std::string> flags = Flags(out.text);
  ASSERT_GE(flags.size(), 6u) << out.text;

  Served site(data, tmp_.path() + "/serve.log");
  ASSERT_GT(site.port(), 0) << site.log();
  struct stat socket_stat;
  ASSERT_EQ(stat((data + "/cases/cli.sock").c_str(), &socket_stat), 0);
  EXPECT_EQ(socket_stat.st_mode & 0777, 0600u);

  // The site answers throughout.
  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, failed{0};
  std::thread browser([&] {
    httplib::Client client("127.0.0.1", site.port());
    while (!done) {
      auto r = client.Get("/login");
      (r && r->status == 200 ? answered : failed)++;
    }
  });
  // Users added and cases worked from the command line, all at once.
  std::vector<std::string> commands;
  for (int i = 0; i < 4; ++i) {
    std::string name = "officer" + std::to_string(i);
    commands.push_back(AsUser("admin", name) + "users add --data " + data +
                       " --user admin " + name + " --role inspector");
  }
  for (int i = 0; i < 3; ++i) {
    commands.push_back(AsUser("admin") + "cases assign --data " + data +
                       " --user admin " + flags[i] + " --to admin");
  }
  std::vector<HeduiOutput> results(commands.size());
  std::vector<std::thread> clis;
  for (size_t i = 0; i < commands.size(); ++i) {
    clis.emplace_back(
        [&, i] { results[i] = Sh(commands[i] + " < /dev/null"); });
  }
  for (std::thread& t : clis) t.join();
  for (size_t i = 0; i < commands.size(); ++i)
    EXPECT_EQ(results[i].code, 0) << commands[i] << "\n" << results[i].text;

  // A case worked through to a decision, a password changed, a refusal.
  std::string on = " --data " + data + " --user admin " + flags[0];
  out = Sh(AsUser("admin") + "cases step" + on +
           " --kind 入户核查 --notes 入户见车 < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  out = Sh(AsUser("admin") + "cases decide" + on +
           " --outcome 数据错误 --note 车已过户 < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  out =
      Sh("HEDUI_PASSWORD=pw-officer0-123456 "
         "HEDUI_NEW_PASSWORD=pw-officer0-changed " +
         std::string(HEDUI_BINARY) + " users passwd --data " + data +
         " --user officer0 officer0 < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  out = Sh("HEDUI_PASSWORD=pw-officer0-changed " + std::string(HEDUI_BINARY) +
           " cases comment --data " + data + " --user officer0 " + flags[1] +
           " --text 请核实 < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  // The password is the client's: a wrong one is refused (3), none is not
  // taken from the server's environment.
  out = Sh("HEDUI_PASSWORD=pw-officer0-123456 " + std::string(HEDUI_BINARY) +
           " cases list --data " + data + " --user officer0 < /dev/null");
  EXPECT_EQ(out.code, 3) << out.text;
  // An inspector may not decide or assign: 3, and nothing changes.
  out = Sh("HEDUI_PASSWORD=pw-officer0-changed " + std::string(HEDUI_BINARY) +
           " cases assign --data " + data + " --user officer0 " + flags[4] +
           " --to officer0 < /dev/null");
  EXPECT_EQ(out.code, 3) << out.text;
  out = Sh(AsUser("admin") + "cases decide" + on +
           " --outcome 数据错误 --note again < /dev/null");
  EXPECT_EQ(out.code, 4) << out.text;  // the status's refusal, also kept
  done = true;
  browser.join();
  EXPECT_GT(answered.load(), 0);
  EXPECT_EQ(failed.load(), 0);

  // What was done is in the store the site holds, and its audit log.
  out = Sh(AsUser("admin") + "users list --data " + data +
           " --user admin < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  for (int i = 0; i < 4; ++i)
    EXPECT_NE(out.text.find("officer" + std::to_string(i)), std::string::npos)
        << out.text;
  out = Sh(AsUser("admin") + "cases show --data " + data + " --user admin " +
           flags[4] + " < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("承办人 -"), std::string::npos) << out.text;
  out = Sh(AsUser("admin") + "cases show" + on + " < /dev/null");
  EXPECT_NE(out.text.find("车已过户"), std::string::npos) << out.text;
  out = Sh(AsUser("admin") + "audit list --data " + data +
           " --user admin < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  for (const char* action : {"user_add", "assign", "decide", "comment"})
    EXPECT_NE(out.text.find(action), std::string::npos) << action;
  out = Sh(AsUser("admin") + "audit verify --data " + data +
           " --user admin < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  // A command takes from standard input only what it reads: a script's
  // loop keeps the rest.
  out = Sh("printf 'F1\\nF2\\n' | (" + AsUser("admin") + "users list --data " +
           data + " --user admin >/dev/null; cat)");
  EXPECT_EQ(out.text, "F1\nF2\n");
  out =
      Sh("printf 'pw-admin-123456\\nrest\\n' | (" + std::string(HEDUI_BINARY) +
         " users list --data " + data + " --user admin >/dev/null; cat)");
  EXPECT_EQ(out.text, "rest\n");
  // A site killed leaves its socket: the next command opens the store
  // itself.
  site.Kill();
  ASSERT_TRUE(std::filesystem::exists(data + "/cases/cli.sock"));
  out = Sh(AsUser("admin") + "users list --data " + data +
           " --user admin < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("officer3"), std::string::npos) << out.text;
}

// The first admin and the demo's flags, for the tests of the case commands.
std::vector<std::string> AdminAndFlags(const std::string& data) {
  HeduiOutput out = Sh(AsUser("admin", "admin") + "users add --data " + data +
                       " admin --role admin < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  out = Sh(AsUser("admin") + "cases list --data " + data +
           " --user admin --all < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  std::vector<std::string> flags = Flags(out.text);
  if (flags.empty()) return flags;
  out = Sh(AsUser("admin") + "cases assign --data " + data + " --user admin " +
           flags[0] + " --to admin < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  return flags;
}

// Defect 4, the CLI's half: `--attach DIR` stored a 0-byte attachment
// named after the directory. A directory, a file that cannot be read and
// one over the limit are refused by name (2), and nothing is recorded.
TEST_F(ManyHands, AttachOnlyReadableFilesUnderTheLimit) {
  std::string data = dir_ + "/data";
  std::vector<std::string> flags = AdminAndFlags(data);
  ASSERT_FALSE(flags.empty());
  std::string step = AsUser("admin") + "cases step --data " + data +
                     " --user admin " + flags[0] + " --kind 入户核查 --notes x";
  HeduiOutput before = Sh(AsUser("admin") + "cases show --data " + data +
                          " --user admin " + flags[0] + " < /dev/null");
  std::string folder = tmp_.path() + "/photos";
  std::filesystem::create_directories(folder);
  HeduiOutput out = Sh(step + " --attach " + folder + " < /dev/null");
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find("是目录"), std::string::npos) << out.text;
  out = Sh(step + " --attach " + tmp_.path() + "/missing.jpg < /dev/null");
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find("无法读取"), std::string::npos) << out.text;
  std::string big = tmp_.path() + "/big.pdf";
  { std::ofstream(big) << "x"; }
  std::filesystem::resize_file(big, (20u << 20) + 1);
  out = Sh(step + " --attach " + big + " < /dev/null");
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find("20 MiB"), std::string::npos) << out.text;
  out = Sh(AsUser("admin") + "cases show --data " + data + " --user admin " +
           flags[0] + " < /dev/null");
  auto version = [](const std::string& text) {
    size_t at = text.find("版本 (version) ");
    return at == std::string::npos ? std::string() : text.substr(at);
  };
  EXPECT_FALSE(version(before.text).empty()) << before.text;
  EXPECT_EQ(version(out.text), version(before.text));
  EXPECT_EQ(out.text.find("入户核查"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find("附件"), std::string::npos) << out.text;
  // A file is attached whole.
  std::string photo = tmp_.Write("photo.jpg", std::string(1000, 'p'));
  out = Sh(step + " --attach " + photo + " < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  out = Sh(AsUser("admin") + "cases show --data " + data + " --user admin " +
           flags[0] + " < /dev/null");
  EXPECT_NE(out.text.find("附件 photo.jpg (1000 bytes)"), std::string::npos)
      << out.text;
}

// Long notes from a file or standard input, not the command line.
TEST_F(ManyHands, NotesFromAFileOrStandardInput) {
  std::string data = dir_ + "/data";
  std::vector<std::string> flags = AdminAndFlags(data);
  ASSERT_FALSE(flags.empty());
  std::string on = " --data " + data + " --user admin " + flags[0];
  std::string note = "入户核查：\n家属称车辆已于2025年过户。\n见过户凭证。";
  std::string file = tmp_.Write("note.txt", note + "\n");
  HeduiOutput out = Sh(AsUser("admin") + "cases step" + on +
                       " --kind 入户核查 --note-file " + file + " < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  out = Sh("printf '来自标准输入的意见' | " + AsUser("admin") +
           "cases comment" + on + " --note-file -");
  EXPECT_EQ(out.code, 0) << out.text;
  out = Sh(AsUser("admin") + "cases show" + on + " < /dev/null");
  EXPECT_NE(out.text.find(note), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("来自标准输入的意见"), std::string::npos) << out.text;
  // One of the two, and something in it.
  out = Sh(AsUser("admin") + "cases comment" + on + " --text a --note-file " +
           file + " < /dev/null");
  EXPECT_EQ(out.code, 2) << out.text;
  out = Sh(AsUser("admin") + "cases comment" + on + " < /dev/null");
  EXPECT_EQ(out.code, 2) << out.text;
  EXPECT_NE(out.text.find("--note-file"), std::string::npos) << out.text;
  out = Sh(AsUser("admin") + "cases decide" + on +
           " --outcome 数据错误 --note-file " + tmp_.path() + " < /dev/null");
  EXPECT_EQ(out.code, 2) << out.text;
}

// `cases list --format json|tsv`: one case a line, stable keys, for scripts.
TEST_F(ManyHands, ListForScripts) {
  std::string data = dir_ + "/data";
  std::vector<std::string> flags = AdminAndFlags(data);
  ASSERT_FALSE(flags.empty());
  const std::string assigned = flags[0];
  std::string list =
      AsUser("admin") + "cases list --data " + data + " --user admin --all";
  HeduiOutput out = Sh(list + " --format json < /dev/null 2>/dev/null");
  ASSERT_EQ(out.code, 0) << out.text;
  std::vector<std::string> lines = testing::Lines(out.text);
  ASSERT_EQ(lines.size(), flags.size()) << out.text;
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].rfind("{\"flag_id\":\"" + flags[i] + "\",", 0), 0u)
        << lines[i];
    EXPECT_EQ(lines[i].back(), '}');
    std::string status = flags[i] == assigned ? "assigned" : "new";
    EXPECT_NE(lines[i].find("\"status\":\"" + status + "\""), std::string::npos)
        << lines[i];
    for (const char* key :
         {"\"ground\":", "\"status_label\":", "\"township\":",
          "\"monthly_at_stake_fen\":", "\"reason\":", "\"version\":"})
      EXPECT_NE(lines[i].find(key), std::string::npos) << key << lines[i];
  }
  out = Sh(list + " --format tsv < /dev/null 2>/dev/null");
  ASSERT_EQ(out.code, 0) << out.text;
  lines = testing::Lines(out.text);
  ASSERT_EQ(lines.size(), flags.size() + 1) << out.text;
  EXPECT_EQ(lines[0].rfind("flag_id\tground\tstatus\tstatus_label\t", 0), 0u);
  auto columns = [](const std::string& line) {
    return std::count(line.begin(), line.end(), '\t');
  };
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(columns(lines[i]), columns(lines[0])) << lines[i];
    EXPECT_EQ(lines[i].rfind(flags[i - 1] + "\t", 0), 0u) << lines[i];
  }
  EXPECT_EQ(Sh(list + " --format xml < /dev/null").code, 2);
}

// The hints name the program as it was run: `hedui` alone need not be on
// the PATH (the README's first command is ./build/hedui demo).
TEST_F(ManyHands, HintsNameTheProgramAsRun) {
  std::string program = HEDUI_BINARY;
  HeduiOutput out = RunHedui("demo --dir " + tmp_.path() +
                             "/again --residents 2000 < /dev/null");
  ASSERT_EQ(out.code, 0) << out.text;
  EXPECT_NE(out.text.find("  " + program + " cases list --data"),
            std::string::npos)
      << out.text;
  EXPECT_NE(out.text.find("  " + program + " serve --data"), std::string::npos);
  EXPECT_EQ(out.text.find("  hedui "), std::string::npos) << out.text;
  // And the examples of --help.
  out = RunHedui("cases --help");
  EXPECT_NE(out.text.find("  " + program + " cases list   --data"),
            std::string::npos)
      << out.text;
  EXPECT_EQ(out.text.find("  hedui "), std::string::npos) << out.text;
  out = RunHedui("serve --help");
  EXPECT_NE(out.text.find("`" + program + " users add`"), std::string::npos)
      << out.text;
}

// A socket's path is at most 107 bytes, and a county's data directory may
// be deeper (a Chinese name is 3 bytes a character): the site and the
// commands still meet.
TEST_F(ManyHands, CaseCommandsWhileTheSiteRunsInADeepDirectory) {
  std::string deep = tmp_.path() + "/伊川县民政局/2026年低保专项整治/核对数据";
  std::filesystem::create_directories(deep);
  std::string data = deep + "/data";
  std::filesystem::rename(dir_ + "/data", data);
  ASSERT_GT((data + "/cases/cli.sock").size(), 108u);
  HeduiOutput out = Sh(AsUser("admin", "admin") + "users add --data " + data +
                       " admin --role admin < /dev/null");
  ASSERT_EQ(out.code, 0) << out.text;
  Served site(data, tmp_.path() + "/serve.log");
  ASSERT_GT(site.port(), 0) << site.log();
  out = Sh(AsUser("admin", "li") + "users add --data " + data +
           " --user admin li --role inspector < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text << site.log();
  out = Sh(AsUser("admin") + "users list --data " + data +
           " --user admin < /dev/null");
  EXPECT_NE(out.text.find("li "), std::string::npos) << out.text;
  // What a command writes into its working directory by default lands in
  // the client's, not the site's.
  std::string work = tmp_.path() + "/work";
  std::filesystem::create_directories(work);
  out = RunIn(work, "report --data " + data +
                        " --user admin --from 2026-01-01 --to 2026-12-31 "
                        "--format csv < /dev/null");
  EXPECT_EQ(out.code, 0) << out.text;
  EXPECT_TRUE(std::filesystem::exists(
      work + "/campaign-report-2026-01-01-2026-12-31-csv"))
      << out.text;
}

}  // namespace
}  // namespace hedui
