// The review site's household review files (一户一档), against a server
// started in this process over a small demo county: the list by
// household, a household's page (every flag, one assign form, one visit
// form), assigning and visiting the household over the site (CSRF
// checked, every open flag changed), a decision per ground, another
// township's household refused, hostile names rendered as text.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "engine/web/review_server.h"
#include "hedui/case_store.h"
#include "tests/test_util.h"

namespace hedui::web {
namespace {

namespace fs = std::filesystem;

constexpr char kHostile[] = "<img src=x onerror=alert(1)>";

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size()))
    ++n;
  return n;
}

class HouseholdPageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(fs::temp_directory_path() /
                           ("hedui_web_household_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    testing::HeduiOutput demo =
        testing::RunHedui("demo --residents 5000 --dir " + *dir_);
    ASSERT_EQ(demo.code, 0) << demo.text;
    data_ = new std::string(*dir_ + "/data");
    fs::remove_all(*data_ + "/cases");
    // A hostile name from a department file on every flag of the run.
    std::string path = *data_ + "/runs/run-000001.cases.ndjson";
    std::stringstream all;
    all << std::ifstream(path).rdbuf();
    std::string text =
        std::regex_replace(all.str(), std::regex("\"name\":\"[^\"]+\""),
                           std::string("\"name\":\"") + kHostile + "\"");
    std::ofstream(path, std::ios::trunc) << text;
    {
      CaseStore::Options options;
      auto store = CaseStore::Open(*data_, options);
      ASSERT_TRUE(store.ok()) << store.status().message();
      ASSERT_TRUE(store.value()->ImportRuns().ok());
      User admin{"admin", Role::kAdmin};
      ASSERT_TRUE(store.value()->AddUser(nullptr, admin, "admin-pass-1").ok());
      auto actor = store.value()->SignIn("admin", "admin-pass-1");
      ASSERT_TRUE(actor.ok());
      auto households =
          store.value()->ListHouseholds(actor.value(), CaseFilter{});
      ASSERT_TRUE(households.ok());
      // The officer's: a household with several open flags; and one of
      // another township.
      std::string own_township;
      for (const HouseholdSummary& h : households.value()) {
        if (h.open >= 2) {
          own_ = new HouseholdSummary(h);
          break;
        }
      }
      ASSERT_NE(own_, nullptr) << "no household with two open flags";
      for (const HouseholdSummary& h : households.value()) {
        if (h.township != own_->township) {
          other_ = new HouseholdSummary(h);
          break;
        }
      }
      ASSERT_NE(other_, nullptr);
      User officer{"wang", Role::kTownship, {own_->township}};
      ASSERT_TRUE(
          store.value()->AddUser(&actor.value(), officer, "town-pass-1").ok());
      User inspector{"li", Role::kInspector};
      ASSERT_TRUE(store.value()
                      ->AddUser(&actor.value(), inspector, "insp-pass-1")
                      .ok());
    }
    ServerOptions options;
    options.data_dir = *data_;
    options.port = 0;
    auto server = ReviewServer::Create(options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = server.value().release();
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = new std::thread([] { (void)server_->Serve(); });
    httplib::Client probe("127.0.0.1", server_->port());
    for (int i = 0; i < 200; ++i) {
      if (auto r = probe.Get("/healthz"); r && r->status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  static void TearDownTestSuite() {
    if (server_) server_->Stop();
    if (thread_) thread_->join();
    delete thread_;
    delete server_;
    if (dir_) fs::remove_all(*dir_);
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30, 0);
    return c;
  }
  std::string SignIn(const std::string& user, const std::string& password) {
    auto r = Client().Post(
        "/login", httplib::MultipartFormDataItems{
                      {"user", user, "", ""}, {"password", password, "", ""}});
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, 303);
    std::string cookie = r->get_header_value("Set-Cookie");
    return cookie.substr(0, cookie.find(';'));
  }
  httplib::Result Get(const std::string& cookie, const std::string& path) {
    return Client().Get(path, {{"Cookie", cookie}});
  }
  static std::string Match(const std::string& page, const char* pattern) {
    std::smatch m;
    std::regex_search(page, m, std::regex(pattern));
    return m.empty() ? std::string() : std::string(m[1]);
  }
  static std::string Csrf(const std::string& page) {
    return Match(page, "name=\"csrf\" value=\"([0-9a-f]+)\"");
  }
  // The household form's version (the first on the page is a flag's).
  static std::string HouseholdVersion(const std::string& page) {
    return Match(page,
                 "/assign\" enctype=\"multipart/form-data\"><input "
                 "type=\"hidden\" name=\"csrf\" value=\"[0-9a-f]+\"><input "
                 "type=\"hidden\" name=\"version\" value=\"([0-9]+)\"");
  }
  static std::string Url(const HouseholdSummary& h) {
    return "/households/" + h.file_number;
  }

  static std::string* dir_;
  static std::string* data_;
  static HouseholdSummary* own_;
  static HouseholdSummary* other_;
  static ReviewServer* server_;
  static std::thread* thread_;
};

std::string* HouseholdPageTest::dir_ = nullptr;
std::string* HouseholdPageTest::data_ = nullptr;
HouseholdSummary* HouseholdPageTest::own_ = nullptr;
HouseholdSummary* HouseholdPageTest::other_ = nullptr;
ReviewServer* HouseholdPageTest::server_ = nullptr;
std::thread* HouseholdPageTest::thread_ = nullptr;

TEST_F(HouseholdPageTest, ListSwitchesBetweenHouseholdsAndFlags) {
  std::string cookie = SignIn("wang", "town-pass-1");
  auto list = Get(cookie, "/households");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find(own_->file_number), std::string::npos);
  EXPECT_EQ(list->body.find(other_->file_number), std::string::npos);
  EXPECT_NE(list->body.find("href=\"/cases\""), std::string::npos);
  EXPECT_EQ(list->body.find(kHostile), std::string::npos);
  EXPECT_NE(list->body.find("&lt;img src=x onerror=alert(1)&gt;"),
            std::string::npos);
  auto flags = Get(cookie, "/cases");
  ASSERT_TRUE(flags);
  EXPECT_NE(flags->body.find("href=\"/households\""), std::string::npos);
  auto found = Get(cookie, "/households?q=" + own_->file_number);
  ASSERT_TRUE(found);
  EXPECT_NE(found->body.find(own_->file_number), std::string::npos);
  EXPECT_NE(found->body.find("共 1 户"), std::string::npos);
}

TEST_F(HouseholdPageTest, AssignVisitAndDecideTheHousehold) {
  std::string cookie = SignIn("wang", "town-pass-1");
  auto page = Get(cookie, Url(*own_));
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body.substr(0, 2000);
  EXPECT_EQ(page->body.find(kHostile), std::string::npos);
  // One assign form and one visit form for the household.
  EXPECT_EQ(Count(page->body, "/assign\""), 1u);
  EXPECT_EQ(Count(page->body, "/step\""), 1u);
  EXPECT_EQ(Count(page->body, "class=\"card flag\""), own_->flags);
  std::string csrf = Csrf(page->body), version = HouseholdVersion(page->body);
  ASSERT_FALSE(version.empty());

  // Without the CSRF token nothing is written.
  auto forged = Client().Post(
      Url(*own_) + "/assign", {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{{"assignee", "wang", "", ""},
                                      {"version", version, "", ""}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(HouseholdVersion(Get(cookie, Url(*own_))->body), version);

  auto r = Client().Post(
      Url(*own_) + "/assign", {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{{"csrf", csrf, "", ""},
                                      {"assignee", "wang", "", ""},
                                      {"version", version, "", ""}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 2000);
  page = Get(cookie, Url(*own_));
  EXPECT_EQ(Count(page->body, "承办人 wang"), own_->open);
  // The same version again is stale: refused.
  auto stale = Client().Post(
      Url(*own_) + "/assign", {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{{"csrf", csrf, "", ""},
                                      {"assignee", "wang", "", ""},
                                      {"version", version, "", ""}});
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409);

  std::string today = Match(page->body, "name=\"date\" value=\"([0-9-]+)\"");
  r = Client().Post(Url(*own_) + "/step", {{"Cookie", cookie}},
                    httplib::MultipartFormDataItems{
                        {"csrf", csrf, "", ""},
                        {"version", HouseholdVersion(page->body), "", ""},
                        {"kind", "home_visit", "", ""},
                        {"date", today, "", ""},
                        {"notes", "全家在家<b>逐项</b>核实", "", ""},
                        {"files", "PHOTO", "门牌.jpg", "image/jpeg"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 2000);
  page = Get(cookie, Url(*own_));
  EXPECT_EQ(Count(page->body, "全家在家&lt;b&gt;逐项&lt;/b&gt;核实"),
            own_->open);
  EXPECT_EQ(Count(page->body, "门牌.jpg"), own_->open);

  // A decision per ground: one flag decided, the others still open.
  std::string decide =
      Match(page->body, "action=\"([^\"]+/decide/F[0-9a-f]+)\"");
  ASSERT_FALSE(decide.empty());
  std::string flag_version = Match(page->body.substr(page->body.find(decide)),
                                   "name=\"version\" value=\"([0-9]+)\"");
  r = Client().Post(
      decide, {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{{"csrf", csrf, "", ""},
                                      {"version", flag_version, "", ""},
                                      {"outcome", "合规", "", ""},
                                      {"date", today, "", ""},
                                      {"note", "核实无误", "", ""}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 2000);
  EXPECT_EQ(r->get_header_value("Location"), Url(*own_));
  page = Get(cookie, Url(*own_));
  EXPECT_EQ(Count(page->body, "<strong>决定：</strong>"), 1u);
  EXPECT_EQ(Count(page->body, "/decide/F"), own_->open - 1);
}

TEST_F(HouseholdPageTest, AnotherTownshipsHouseholdIsRefused) {
  std::string admin = SignIn("admin", "admin-pass-1");
  std::string before = Get(admin, Url(*other_))->body;
  std::string version = HouseholdVersion(before);
  std::string cookie = SignIn("wang", "town-pass-1");
  auto page = Get(cookie, Url(*other_));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 403);
  std::string csrf = Csrf(Get(cookie, "/households")->body);
  for (const char* action : {"/assign", "/step"}) {
    auto r = Client().Post(
        Url(*other_) + action, {{"Cookie", cookie}},
        httplib::MultipartFormDataItems{{"csrf", csrf, "", ""},
                                        {"assignee", "wang", "", ""},
                                        {"kind", "home_visit", "", ""},
                                        {"date", "2026-11-02", "", ""},
                                        {"notes", "x", "", ""}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << action;
  }
  EXPECT_EQ(HouseholdVersion(Get(admin, Url(*other_))->body), version);

  // An inspector reads the file but is offered no form, and is refused.
  std::string li = SignIn("li", "insp-pass-1");
  page = Get(li, Url(*other_));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("/assign\""), std::string::npos);
  auto r = Client().Post(
      Url(*other_) + "/assign", {{"Cookie", li}},
      httplib::MultipartFormDataItems{{"csrf", Csrf(page->body), "", ""},
                                      {"assignee", "li", "", ""}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
}

}  // namespace
}  // namespace hedui::web
