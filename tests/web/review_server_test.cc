// The review site's guards, against a server started in this process on
// a free port over a small demo county: sessions, CSRF, limits on bodies
// and fields, attachment names, malformed requests, roles (enforced by the
// case store), escaping.
#include "engine/web/review_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "engine/web/pages.h"
#include "hedui/case_store.h"
#include "tests/test_util.h"

namespace hedui::web {
namespace {

namespace fs = std::filesystem;

constexpr char kHostile[] = "<script>alert(1)</script>";

class ReviewServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(fs::temp_directory_path() /
                           ("hedui_web_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    testing::HeduiOutput demo =
        testing::RunHedui("demo --residents 5000 --dir " + *dir_);
    ASSERT_EQ(demo.code, 0) << demo.text;
    data_ = new std::string(*dir_ + "/data");
    // The demo's own case store (its import of run 1, its demo users) is
    // set aside: this test imports the run itself, with a hostile name.
    fs::remove_all(*data_ + "/cases");
    // A name from a department file with HTML in it: the first flag of
    // the run, before the store imports it.
    std::string path = *data_ + "/runs/run-000001.cases.ndjson";
    std::ifstream in(path);
    std::stringstream all;
    all << in.rdbuf();
    std::string text = all.str();
    std::smatch m;
    ASSERT_TRUE(std::regex_search(text, m,
                                  std::regex("\"flag_id\":\"(F[0-9a-f]+)\".*?"
                                             "\"name\":\"([^\"]+)\"")));
    hostile_flag_ = new std::string(m[1]);
    text.replace(m.position(2), m.length(2), kHostile);
    std::ofstream(path, std::ios::trunc) << text;

    // Users, while no server holds the store.
    {
      CaseStore::Options options;
      auto store = CaseStore::Open(*data_, options);
      ASSERT_TRUE(store.ok()) << store.status().message();
      ASSERT_TRUE(store.value()->ImportRuns().ok());
      User admin{"admin", Role::kAdmin};
      ASSERT_TRUE(store.value()->AddUser(nullptr, admin, "admin-pass-1").ok());
      auto actor = store.value()->SignIn("admin", "admin-pass-1");
      ASSERT_TRUE(actor.ok());
      auto cases = store.value()->List(actor.value(), CaseFilter{});
      ASSERT_TRUE(cases.ok());
      // Two townships: the officer's own and another.
      std::string own = cases->front().township, other;
      for (const CaseSummary& c : cases.value()) {
        if (c.township != own) {
          other = c.township;
          other_flag_ = new std::string(c.flag_id);
          break;
        }
      }
      for (const CaseSummary& c : cases.value()) {
        if (c.township == own) {
          own_flag_ = new std::string(c.flag_id);
          break;
        }
      }
      ASSERT_FALSE(other.empty());
      own_township_ = new std::string(own);
      other_township_ = new std::string(other);
      User officer{"wang", Role::kTownship, {own}};
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

  // Signs in; returns the Cookie header value.
  std::string SignIn(const std::string& user, const std::string& password) {
    auto r = Client().Post(
        "/login", httplib::MultipartFormDataItems{
                      {"user", user, "", ""}, {"password", password, "", ""}});
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, 303) << r->body;
    std::string cookie = r->get_header_value("Set-Cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    return cookie.substr(0, cookie.find(';'));
  }

  httplib::Result Get(const std::string& cookie, const std::string& path) {
    return Client().Get(path, {{"Cookie", cookie}});
  }

  static std::string Csrf(const std::string& page) {
    std::smatch m;
    std::regex_search(page, m,
                      std::regex("name=\"csrf\" value=\"([0-9a-f]+)\""));
    return m[1];
  }
  static std::string Version(const std::string& page) {
    std::smatch m;
    std::regex_search(page, m,
                      std::regex("name=\"version\" value=\"([0-9]+)\""));
    return m[1];
  }
  static size_t AuditCount(const std::string& page) {
    std::smatch m;
    std::regex_search(page, m, std::regex("共 ([0-9]+) 条"));
    return m.empty() ? 0 : std::stoul(m[1]);
  }

  static std::string* dir_;
  static std::string* data_;
  static std::string* hostile_flag_;
  static std::string* own_flag_;
  static std::string* other_flag_;
  static std::string* own_township_;
  static std::string* other_township_;
  static ReviewServer* server_;
  static std::thread* thread_;
};

std::string* ReviewServerTest::dir_ = nullptr;
std::string* ReviewServerTest::data_ = nullptr;
std::string* ReviewServerTest::hostile_flag_ = nullptr;
std::string* ReviewServerTest::own_flag_ = nullptr;
std::string* ReviewServerTest::other_flag_ = nullptr;
std::string* ReviewServerTest::own_township_ = nullptr;
std::string* ReviewServerTest::other_township_ = nullptr;
ReviewServer* ReviewServerTest::server_ = nullptr;
std::thread* ReviewServerTest::thread_ = nullptr;

TEST_F(ReviewServerTest, SecurityHeadersOnEveryPage) {
  auto r = Client().Get("/login");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_NE(
      r->get_header_value("Content-Security-Policy").find("default-src 'self'"),
      std::string::npos);
}

TEST_F(ReviewServerTest, ForgedSessionRedirectsOrIsRefused) {
  std::string forged = "hedui_session=" + std::string(64, 'a');
  auto r = Get(forged, "/cases");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  EXPECT_EQ(r->get_header_value("Location").rfind("/login", 0), 0u);
  auto none = Client().Get("/cases/" + *own_flag_);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 303);
  auto post =
      Client().Post("/cases/" + *own_flag_ + "/comment", {{"Cookie", forged}},
                    httplib::MultipartFormDataItems{{"text", "x", "", ""}});
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 401);
}

TEST_F(ReviewServerTest, ExpiredSessionRedirectsToSignIn) {
  std::string cookie = SignIn("li", "insp-pass-1");
  auto ok = Get(cookie, "/cases");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  server_->AgeSessionsForTest(std::chrono::minutes(31));
  auto r = Get(cookie, "/cases");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
}

TEST_F(ReviewServerTest, MissingOrWrongCsrfWritesNothing) {
  std::string cookie = SignIn("admin", "admin-pass-1");
  auto page = Get(cookie, "/cases/" + *own_flag_);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  std::string version = Version(page->body);
  size_t audit = AuditCount(Get(cookie, "/audit")->body);
  ASSERT_GT(audit, 0u);
  for (std::string csrf : {std::string(), std::string(64, '0')}) {
    httplib::MultipartFormDataItems form = {{"assignee", "wang", "", ""},
                                            {"version", version, "", ""}};
    if (!csrf.empty()) form.push_back({"csrf", csrf, "", ""});
    auto r = Client().Post("/cases/" + *own_flag_ + "/assign",
                           {{"Cookie", cookie}}, form);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
  }
  EXPECT_EQ(AuditCount(Get(cookie, "/audit")->body), audit);
  EXPECT_EQ(Version(Get(cookie, "/cases/" + *own_flag_)->body), version);
}

TEST_F(ReviewServerTest, PathInAttachmentNameIsRefused) {
  std::string cookie = SignIn("admin", "admin-pass-1");
  auto page = Get(cookie, "/cases/" + *own_flag_);
  std::string version = Version(page->body), csrf = Csrf(page->body);
  auto r = Client().Post(
      "/cases/" + *own_flag_ + "/step", {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{
          {"csrf", csrf, "", ""},
          {"version", version, "", ""},
          {"kind", "home_visit", "", ""},
          {"date", "2026-11-02", "", ""},
          {"notes", "visit", "", ""},
          {"files", "root:x:0:0", "../../etc/passwd", "text/plain"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_EQ(Version(Get(cookie, "/cases/" + *own_flag_)->body), version);
  EXPECT_FALSE(fs::exists(*data_ + "/etc/passwd"));
}

TEST_F(ReviewServerTest, OversizedUploadAndFieldAre413) {
  std::string cookie = SignIn("admin", "admin-pass-1");
  auto page = Get(cookie, "/cases/" + *own_flag_);
  std::string version = Version(page->body), csrf = Csrf(page->body);
  auto big = Client().Post(
      "/cases/" + *own_flag_ + "/step", {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{
          {"csrf", csrf, "", ""},
          {"version", version, "", ""},
          {"kind", "home_visit", "", ""},
          {"date", "2026-11-02", "", ""},
          {"files", std::string(22u << 20, 'x'), "big.bin", "text/plain"}});
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  auto field = Client().Post(
      "/cases/" + *own_flag_ + "/comment", {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{
          {"csrf", csrf, "", ""}, {"text", std::string(70000, 'y'), "", ""}});
  ASSERT_TRUE(field);
  EXPECT_EQ(field->status, 413);
  EXPECT_EQ(Version(Get(cookie, "/cases/" + *own_flag_)->body), version);
}

TEST_F(ReviewServerTest, MalformedRequestIs400AndServerServesOn) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(server_->port()));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const char garbage[] = "\x01\x02GARBAGE \xff\xfe nonsense\r\n\r\n";
  ASSERT_GT(write(fd, garbage, sizeof garbage - 1), 0);
  char buf[256] = {};
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, 12), "HTTP/1.1 400");
  auto r = Client().Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ReviewServerTest, AnotherTownshipsCaseIs403) {
  std::string cookie = SignIn("wang", "town-pass-1");
  auto own = Get(cookie, "/cases/" + *own_flag_);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  auto other = Get(cookie, "/cases/" + *other_flag_);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  EXPECT_NE(other->body.find("msg err"), std::string::npos);
  auto list = Get(cookie, "/cases");
  EXPECT_EQ(list->body.find(*other_flag_), std::string::npos);
}

TEST_F(ReviewServerTest, InspectorCannotDecide) {
  std::string cookie = SignIn("li", "insp-pass-1");
  auto page = Get(cookie, "/cases/" + *own_flag_);
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("/decide\""), std::string::npos);
  std::string version = Version(
      Get(SignIn("admin", "admin-pass-1"), "/cases/" + *own_flag_)->body);
  auto r = Client().Post(
      "/cases/" + *own_flag_ + "/decide", {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{{"csrf", Csrf(page->body), "", ""},
                                      {"outcome", "DATA_ERROR", "", ""},
                                      {"date", "2026-11-02", "", ""}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  auto comment = Client().Post(
      "/cases/" + *own_flag_ + "/comment", {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{{"csrf", Csrf(page->body), "", ""},
                                      {"text", "请核实", "", ""}});
  ASSERT_TRUE(comment);
  EXPECT_EQ(comment->status, 303);
}

TEST_F(ReviewServerTest, HostileNameRendersAsText) {
  std::string cookie = SignIn("admin", "admin-pass-1");
  auto list = Get(cookie, "/cases?q=" + *hostile_flag_);
  ASSERT_TRUE(list);
  auto page = Get(cookie, "/cases/" + *hostile_flag_);
  ASSERT_TRUE(page);
  for (const std::string& body : {list->body, page->body}) {
    EXPECT_EQ(body.find(kHostile), std::string::npos);
    EXPECT_NE(body.find("&lt;script&gt;alert(1)&lt;/script&gt;"),
              std::string::npos);
  }
}

// The campaign report from the site: a workbook for the administrator; a
// township officer's covers their own township only, whatever they ask.
TEST_F(ReviewServerTest, ReportDownloadCoversWhatTheUserMayRead) {
  std::string admin = SignIn("admin", "admin-pass-1");
  auto page = Get(admin, "/report");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  auto xlsx =
      Get(admin, "/report/download?from=2000-01-01&to=2100-12-31&format=xlsx");
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body.substr(0, 300);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");  // a zip: the workbook
  EXPECT_NE(xlsx->get_header_value("Content-Disposition").find(".xlsx"),
            std::string::npos);
  auto bad = Get(admin, "/report/download?from=2026-12-01&to=2026-01-01");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);

  // The other township appears in the administrator's report, not in the
  // officer's.
  auto other_case = Get(admin, "/cases/" + *other_flag_);
  ASSERT_TRUE(other_case);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(other_case->body, m,
                                std::regex("<dt>乡镇 / 村</dt><dd>([^ <]+)")));
  std::string other_township = m[1];
  std::string url =
      "/report/download?from=2000-01-01&to=2100-12-31&format=csv-cases";
  auto all = Get(admin, url);
  ASSERT_TRUE(all);
  EXPECT_NE(all->body.find(other_township), std::string::npos)
      << other_township << "\n"
      << all->body.substr(0, 600);
  auto own = Get(SignIn("wang", "town-pass-1"), url);
  ASSERT_TRUE(own);
  ASSERT_EQ(own->status, 200) << own->body.substr(0, 2000);
  EXPECT_EQ(own->body.find(other_township), std::string::npos);
}

// The list is cached per user and query until the store changes: a change
// made on the site shows in the same list at once.
TEST_F(ReviewServerTest, CachedListShowsAChangeAtOnce) {
  std::string cookie = SignIn("admin", "admin-pass-1");
  std::string list_url = "/cases?q=" + *other_flag_;
  auto before = Get(cookie, list_url);
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200);
  ASSERT_NE(before->body.find(*other_flag_), std::string::npos);
  EXPECT_EQ(Get(cookie, list_url)->body.find(">admin</td>"),
            std::string::npos);  // nobody holds it yet (and now it is cached)
  auto page = Get(cookie, "/cases/" + *other_flag_);
  auto r = Client().Post(
      "/cases/" + *other_flag_ + "/assign", {{"Cookie", cookie}},
      httplib::MultipartFormDataItems{{"csrf", Csrf(page->body), "", ""},
                                      {"version", Version(page->body), "", ""},
                                      {"assignee", "admin", "", ""}});
  ASSERT_TRUE(r);
  ASSERT_LT(r->status, 400) << r->body.substr(0, 500);
  auto after = Get(cookie, list_url);
  ASSERT_TRUE(after);
  EXPECT_NE(after->body.find(">admin</td>"), std::string::npos)
      << after->body.substr(0, 3000);
}

// The site's forms parse amounts with the CLI's parser and the store
// bounds them (issue 19 defect 3: 92233720368547758.07 and
// 90000000000000000 were accepted over the site, 12.345 rounded); the case
// page gives the notice period's last day (delivery + 15, that day not
// counted).
TEST_F(ReviewServerTest, AmountsAndDatesOfTheFormsAreChecked) {
  std::string cookie = SignIn("admin", "admin-pass-1");
  const std::string url = "/cases/" + *hostile_flag_;
  auto post = [&](const std::string& action,
                  httplib::MultipartFormDataItems fields) {
    auto page = Get(cookie, url);
    fields.push_back({"csrf", Csrf(page->body), "", ""});
    auto r = Client().Post(url + "/" + action, {{"Cookie", cookie}}, fields);
    EXPECT_TRUE(r);
    return r;
  };
  ASSERT_LT(post("assign", {{"assignee", "admin", "", ""}})->status, 400);
  ASSERT_LT(post("step", {{"kind", "home_visit", "", ""},
                          {"date", "2026-11-01", "", ""},
                          {"notes", "入户", "", ""}})
                ->status,
            400);
  ASSERT_LT(post("decide", {{"outcome", "死亡", "", ""},
                            {"date", "2026-11-02", "", ""},
                            {"note", "火化证明", "", ""}})
                ->status,
            400);
  ASSERT_LT(post("step", {{"kind", "notice_delivered", "", ""},
                          {"date", "2026-11-03", "", ""},
                          {"notes", "签收", "", ""}})
                ->status,
            400);
  EXPECT_NE(Get(cookie, url)->body.find("告知期最后一天：2026-11-18"),
            std::string::npos);
  auto early = post(
      "stop", {{"date", "2026-11-18", "", ""}, {"monthly", "100.00", "", ""}});
  EXPECT_GE(early->status, 400);
  EXPECT_NE(early->body.find("2026-11-19"), std::string::npos);
  ASSERT_LT(post("stop", {{"date", "2026-11-19", "", ""},
                          {"monthly", "100.00", "", ""}})
                ->status,
            400);
  for (const char* amount :
       {"92233720368547758.07", "90000000000000000", "12.345", "-1"}) {
    auto r = post("recover", {{"amount", amount, "", ""},
                              {"date", "2026-11-20", "", ""},
                              {"note", "收据", "", ""}});
    EXPECT_EQ(r->status, 400) << amount;
  }
  EXPECT_EQ(Get(cookie, url)->body.find("追回 9"), std::string::npos);
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1))
    ++n;
  return n;
}

// Issue 19 defect 8: the refusal is on the record, and its page names the
// officer's township, not the case's.
TEST_F(ReviewServerTest, RefusalIsAuditedAndNamesNoOtherTownship) {
  std::string admin = SignIn("admin", "admin-pass-1");
  size_t before = AuditCount(Get(admin, "/audit")->body);
  std::string cookie = SignIn("wang", "town-pass-1");
  auto other = Get(cookie, "/cases/" + *other_flag_);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  const std::string message =
      other->body.substr(other->body.find("msg err"), 600);
  EXPECT_EQ(message.find(*other_township_), std::string::npos) << message;
  EXPECT_NE(message.find(*own_township_), std::string::npos) << message;
  auto audit = Get(admin, "/audit");
  // The refusal, then the admin's own reads of the log are not entries.
  EXPECT_EQ(AuditCount(audit->body), before + 1);
  EXPECT_NE(audit->body.find("<td>" + AuditActionLabel("refused") + "</td>"),
            std::string::npos);
  EXPECT_NE(audit->body.find("attempt=view"), std::string::npos);
}

// Issue 19 "one store, many hands": the users page is the admins'; an
// admin adds a user, who signs in, and disables them, which ends their
// session at its next request.
TEST_F(ReviewServerTest, AdminManagesUsersOnTheSite) {
  std::string admin = SignIn("admin", "admin-pass-1");
  auto page = Get(admin, "/users");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200) << page->body.substr(0, 2000);
  EXPECT_NE(page->body.find("用户管理"), std::string::npos);
  EXPECT_NE(page->body.find(">wang</strong>"), std::string::npos);
  // Every form posts with the session's token.
  EXPECT_EQ(Count(page->body, "<form "), Count(page->body, "name=\"csrf\""));
  EXPECT_EQ(Count(page->body, "<form "), Count(page->body, "method=\"post\""));
  EXPECT_GE(Count(page->body, "action=\"/users/"), 4u);
  const std::string csrf = Csrf(page->body);
  auto post = [&](const std::string& cookie, const std::string& path,
                  httplib::MultipartFormDataItems items) {
    items.push_back({"csrf", Csrf(Get(cookie, "/cases")->body), "", ""});
    return Client().Post(path, {{"Cookie", cookie}}, items);
  };

  // Not for others: the page, the actions; each refusal audited.
  std::string wang = SignIn("wang", "town-pass-1");
  EXPECT_EQ(Get(wang, "/users")->status, 403);
  EXPECT_EQ(Get(wang, "/cases")->body.find("href=\"/users\""),
            std::string::npos);
  EXPECT_NE(page->body.find("href=\"/users\""), std::string::npos);
  size_t before = AuditCount(Get(admin, "/audit")->body);
  auto refused = post(wang, "/users/add",
                      {{"name", "mallory", "", ""},
                       {"role", "admin", "", ""},
                       {"password", "mallory-pass-1", "", ""},
                       {"password2", "mallory-pass-1", "", ""}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(AuditCount(Get(admin, "/audit")->body), before + 1);
  EXPECT_EQ(Get(admin, "/users")->body.find("mallory"), std::string::npos);

  // Passwords typed twice must agree.
  auto differ = post(admin, "/users/add",
                     {{"name", "zhou", "", ""},
                      {"role", "township", "", ""},
                      {"townships", *own_township_, "", ""},
                      {"password", "zhou-pass-123", "", ""},
                      {"password2", "zhou-pass-124", "", ""}});
  ASSERT_TRUE(differ);
  EXPECT_EQ(differ->status, 400);
  EXPECT_NE(differ->body.find("两次输入的密码不一致"), std::string::npos);
  auto added = post(admin, "/users/add",
                    {{"name", "zhou", "", ""},
                     {"role", "township", "", ""},
                     {"townships", *own_township_, "", ""},
                     {"password", "zhou-pass-123", "", ""},
                     {"password2", "zhou-pass-123", "", ""}});
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 303) << added->body.substr(0, 2000);
  std::string zhou = SignIn("zhou", "zhou-pass-123");
  auto list = Get(zhou, "/cases");
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find(*own_flag_), std::string::npos);

  // Grant bank data; reset the password.
  auto granted =
      post(admin, "/users/grant",
           {{"name", "zhou", "", ""},
            {"role", "township", "", ""},
            {"townships", *own_township_ + "、" + *other_township_, "", ""},
            {"sees_bank", "1", "", ""}});
  ASSERT_TRUE(granted);
  EXPECT_EQ(granted->status, 303);
  EXPECT_EQ(Get(zhou, "/cases/" + *other_flag_)->status, 200);
  auto reset = post(admin, "/users/password",
                    {{"name", "zhou", "", ""},
                     {"password", "zhou-pass-456", "", ""},
                     {"password2", "zhou-pass-456", "", ""}});
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 303);

  // Disabled: the open session ends at its next request; sign-in refused.
  auto disabled = post(admin, "/users/disable", {{"name", "zhou", "", ""}});
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->status, 303);
  auto after = Get(zhou, "/cases");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 303);
  EXPECT_EQ(after->get_header_value("Location").rfind("/login", 0), 0u);
  // (Signing in as zhou now is refused by the store, CaseStoreTest
  // DisabledUsersCannotSignInOrActAndStayOnRecord, and in the browser
  // test: tried here it would count against 127.0.0.1 in the sign-in
  // throttle that the last test of this file measures.)
  page = Get(admin, "/users");
  EXPECT_NE(page->body.find("已停用"), std::string::npos);
  // The admin cannot disable themselves, the only admin.
  auto self = post(admin, "/users/disable", {{"name", "admin", "", ""}});
  EXPECT_EQ(self->status, 409);
  auto enabled = post(admin, "/users/enable", {{"name", "zhou", "", ""}});
  EXPECT_EQ(enabled->status, 303);
  EXPECT_FALSE(SignIn("zhou", "zhou-pass-456").empty());
  // All of it on the record.
  auto audit = Get(admin, "/audit")->body;
  for (const char* action : {"user_add", "user_grant", "user_password",
                             "user_disable", "user_enable"})
    EXPECT_NE(audit.find("<td>" + AuditActionLabel(action) + "</td>"),
              std::string::npos)
        << action;
  (void)csrf;
}

// The evidence as an officer reads it (issue 19: `truck`, `active`,
// `father_id` on the case page): codes as Chinese words, the raw code as
// the title, the export's name without its folder, every value escaped.
TEST(EvidenceRecordHtml, CodesInChineseWordsEscapedFileNameOnly) {
  EvidenceRecord r;
  r.feed = "vehicle";
  r.file = "/srv/exports/车辆.csv";
  r.line = 7;
  r.batch = 2;
  r.values = {{"vehicle_type", "truck"}, {"plate", "<b>豫C1</b>"}};
  const std::string html = EvidenceRecordHtml(r);
  EXPECT_NE(html.find(">货车<"), std::string::npos) << html;
  EXPECT_NE(html.find("title=\"truck\""), std::string::npos) << html;
  EXPECT_NE(html.find("车辆.csv 第 7 行"), std::string::npos) << html;
  EXPECT_EQ(html.find("/srv/exports"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b>"), std::string::npos) << html;
}

// Issue 19: date inputs in yyyy-mm-dd, asked for in Chinese; times in
// the county's local time; the list's reasons wrap.
TEST_F(ReviewServerTest, DateInputsLocalTimeAndWrappingReasons) {
  std::string admin = SignIn("admin", "admin-pass-1");
  for (const std::string& path :
       std::vector<std::string>{"/cases/" + *own_flag_, "/cases", "/report"}) {
    auto page = Get(admin, path);
    ASSERT_EQ(page->status, 200) << path;
    EXPECT_NE(page->body.find("<html lang=\"zh-CN\">"), std::string::npos);
    // Shown as yyyy-mm-dd whatever the browser's locale: a text box with
    // the pattern, never type="date" (drawn mm/dd/yyyy by an en-US
    // Chromium).
    EXPECT_EQ(Count(page->body, "type=\"date\""), 0u) << path;
    size_t dates = Count(page->body, "placeholder=\"yyyy-mm-dd\"");
    EXPECT_GT(dates, 0u) << path;
    EXPECT_EQ(Count(page->body,
                    "lang=\"zh-CN\" "
                    "pattern=\"\\d\\d\\d\\d-\\d\\d-\\d\\d\""),
              dates)
        << path;
  }
  auto audit = Get(admin, "/audit")->body;
  EXPECT_EQ(audit.find("UTC"), std::string::npos);
  EXPECT_NE(audit.find("时间（北京时间）"), std::string::npos);
  // No stored "…T…Z" time is shown as such.
  EXPECT_FALSE(std::regex_search(
      audit, std::regex("<td class=\"nowrap\">[0-9-]+T[0-9:]+Z</td>")));
  auto css = Client().Get("/static/site.css");
  const std::string& sheet = css->body;
  size_t reason = sheet.find("td.reason {");
  ASSERT_NE(reason, std::string::npos);
  const std::string rule =
      sheet.substr(reason, sheet.find('}', reason) - reason);
  EXPECT_NE(rule.find("white-space: normal"), std::string::npos) << rule;
  EXPECT_EQ(rule.find("nowrap"), std::string::npos) << rule;
}

// Last in the file: it locks the name "nobody" for five minutes, and
// the tests share one server when run in one process.
TEST_F(ReviewServerTest, SignInAttemptsAreRateLimited) {
  for (int i = 0; i < 5; ++i) {
    auto r = Client().Post("/login", httplib::MultipartFormDataItems{
                                         {"user", "nobody", "", ""},
                                         {"password", "wrong-pass", "", ""}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
  }
  auto r = Client().Post("/login", httplib::MultipartFormDataItems{
                                       {"user", "nobody", "", ""},
                                       {"password", "wrong-pass", "", ""}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
}

}  // namespace
}  // namespace hedui::web
