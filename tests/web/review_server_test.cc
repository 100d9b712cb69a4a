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
  static ReviewServer* server_;
  static std::thread* thread_;
};

std::string* ReviewServerTest::dir_ = nullptr;
std::string* ReviewServerTest::data_ = nullptr;
std::string* ReviewServerTest::hostile_flag_ = nullptr;
std::string* ReviewServerTest::own_flag_ = nullptr;
std::string* ReviewServerTest::other_flag_ = nullptr;
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
