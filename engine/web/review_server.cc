#include "engine/web/review_server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "engine/base/html.h"
#include "engine/base/local_time.h"
#include "engine/base/text.h"
#include "engine/cases/notice.h"
#include "engine/cases/workflow.h"
#include "engine/web/connection_threads.h"
#include "engine/web/household_page.h"
#include "engine/web/pages.h"
#include "engine/web/sessions.h"
#include "engine/web/user_pages.h"
#include "hedui/campaign_report.h"
#include "hedui/case_store.h"

namespace hedui::web {
namespace {

constexpr char kCookie[] = "hedui_session";
constexpr size_t kPageSize = 50;

std::string E(std::string_view s) { return HtmlEscape(s); }

int HttpStatus(const Status& s) {
  switch (s.code()) {
    case Status::Code::kPermissionDenied:
      return 403;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kFailedPrecondition:
    case Status::Code::kAlreadyExists:
      return 409;
    case Status::Code::kInvalidArgument:
      return 400;
    default:
      return 500;
  }
}

// The files of a step's form (field "files"), an empty file input left
// out.
std::vector<NewAttachment> UploadedFiles(const httplib::Request& req) {
  std::vector<NewAttachment> files;
  auto range = req.files.equal_range("files");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second.filename.empty() && it->second.content.empty()) continue;
    files.push_back({it->second.filename, it->second.content});
  }
  return files;
}

// The day the forms offer: the store's (the day in China), not the
// server's TZ, which on a machine kept in UTC is yesterday until 08:00.
std::string Today() { return TodayInChina().ToString(); }

std::string CookieToken(const httplib::Request& req) {
  std::string cookies = req.get_header_value("Cookie");
  std::string_view rest = cookies;
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view part = rest.substr(0, end);
    rest = end == std::string_view::npos ? "" : rest.substr(end + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    std::string_view name = kCookie;
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
  }
  return {};
}

// A form field, from a multipart body (every form of the site) or an
// url-encoded one.
std::string Field(const httplib::Request& req, const std::string& name) {
  if (req.is_multipart_form_data()) {
    auto it = req.files.find(name);
    return it == req.files.end() ? std::string() : it->second.content;
  }
  return req.get_param_value(name);
}

std::string Param(const httplib::Request& req, const char* name) {
  return req.get_param_value(name);
}

uint64_t ParseVersion(const std::string& text) {
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

std::string UserLine(const Actor& actor) {
  std::string line =
      fmt::format("{}（{}", actor.name(), RoleLabel(actor.role()));
  for (const std::string& t : actor.user().townships) line += " " + t;
  return line + "）";
}

bool SeesAudit(const Actor& actor) {
  return actor.role() == Role::kAdmin || actor.role() == Role::kAuditor;
}

bool Works(const Actor& actor) {
  return actor.role() == Role::kAdmin || actor.role() == Role::kTownship;
}

std::string Truncate(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

// Whether `next` (after sign-in) is a path on this site. A browser reads
// "//host", "/\\host" and "\\host" as another site, and drops tabs and
// newlines before it reads a URL ("/\t/host" is "//host"): a local path
// starts with one "/" and has no backslash and no control character, so
// no scheme or host can be in it.
bool IsLocalPath(std::string_view next) {
  if (next.empty() || next.size() > 2048 || next[0] != '/') return false;
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return false;
  for (unsigned char c : next) {
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  }
  return true;
}

// Where a user starts: the auditor reads the audit log and nothing else
// (the case list would be a 403), everyone else the case list.
std::string LandingPage(const Actor& actor) {
  return actor.role() == Role::kAuditor ? "/audit" : "/cases";
}

// Where sign-in goes: `next` when it is a local path the user's role can
// open, else the user's landing page.
std::string AfterSignIn(const Actor& actor, const std::string& next) {
  if (!IsLocalPath(next) || next == "/") return LandingPage(actor);
  if (actor.role() == Role::kAuditor && next != "/audit" &&
      !next.starts_with("/audit?"))
    return LandingPage(actor);
  return next;
}

// An address as a peer's or a proxy's header writes it: IPv4 or IPv6
// text, nothing else (a header is untrusted text until a trusted proxy
// wrote it, and even then only an address is taken from it).
bool IsAddressText(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  for (char c : text) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
               (c >= 'A' && c <= 'F');
    if (!hex && c != '.' && c != ':') return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Every value of a header that may repeat ("a, b" and a second "c" read
// a, b, c), in order.
std::vector<std::string> HeaderList(const httplib::Request& req,
                                    const char* name) {
  std::vector<std::string> out;
  size_t count = req.get_header_value_count(name);
  for (size_t i = 0; i < count; ++i) {
    // cpp-httplib 0.11 returns the value by copy: keep it alive while
    // `rest` looks into it (AddressSanitizer caught a view of the
    // temporary, stack-use-after-scope, that the plain build survived).
    const std::string value = req.get_header_value(name, i);
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      out.emplace_back(Trim(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

}  // namespace

struct ReviewServer::Impl {
  ServerOptions options;
  std::unique_ptr<CaseStore> store;
  httplib::Server http;
  SessionTable sessions;
  std::unique_ptr<LoginThrottle> throttle;
  std::set<std::string> trusted_proxies;
  std::atomic<uint64_t> password_checks{0};
  std::atomic<size_t> open_connections{0};
  int port = 0;

  // Imports: one at a time; the runs folder's last change seen.
  std::mutex import_mu;
  std::filesystem::file_time_type runs_seen{};
  std::atomic<bool> stopping{false};
  std::mutex stop_mu;
  std::condition_variable stop_cv;
  std::thread importer;

  // Per user: the townships and villages of the cases they may list, for
  // the filters; recomputed after an import.
  std::mutex options_mu;
  uint64_t generation = 1;
  struct Places {
    uint64_t generation = 0;
    std::vector<std::string> townships, villages;
    // The village datalist's options, escaped once per import: the same
    // on every list page (hundreds of villages in a county).
    std::string village_options;
  };
  std::map<std::string, Places> places;

  // ---- runs
  void ImportIfNewRun(bool force) {
    std::lock_guard lock(import_mu);
    std::error_code ec;
    auto changed =
        std::filesystem::last_write_time(options.data_dir + "/runs", ec);
    if (!force && (ec || changed == runs_seen)) return;
    StatusOr<ImportedRuns> imported = store->ImportRuns();
    if (!imported.ok()) {
      std::fprintf(stderr, "导入核查结果失败 (import failed): %s\n",
                   imported.status().message().c_str());
      return;
    }
    if (!ec) runs_seen = changed;
    if (!imported->runs.empty()) {
      std::fprintf(
          stderr, "导入 %zu 次核查，新案件 %zu (imported %zu run(s))\n",
          imported->runs.size(), imported->opened, imported->runs.size());
      std::lock_guard places_lock(options_mu);
      ++generation;
    }
  }

  void ImportLoop() {
    std::unique_lock lock(stop_mu);
    while (!stopping) {
      stop_cv.wait_for(lock, options.import_every);
      if (stopping) break;
      lock.unlock();
      ImportIfNewRun(true);
      lock.lock();
    }
  }

  // ---- responses
  struct Ctx {
    std::string token;
    std::optional<Session> session;  // set once signed in
    std::string nonce;
  };

  Frame MakeFrame(Ctx& ctx, std::string title) {
    Frame f;
    f.title = std::move(title);
    f.user_line = UserLine(ctx.session->actor);
    f.audit_link = SeesAudit(ctx.session->actor);
    f.cases_link = ctx.session->actor.role() != Role::kAuditor;
    f.report_link = ctx.session->actor.role() != Role::kAuditor;
    f.users_link = ctx.session->actor.role() == Role::kAdmin;
    f.csrf = ctx.session->csrf;
    f.flash = sessions.TakeFlash(ctx.token);
    f.nonce = ctx.nonce;
    return f;
  }

  static void SendHtml(httplib::Response& res, int status,
                       const std::string& nonce, std::string html) {
    res.status = status;
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'nonce-" + nonce +
                       "'; style-src 'self'; img-src 'self' data:; "
                       "form-action 'self'; frame-ancestors 'none'; "
                       "base-uri 'none'; object-src 'none'");
    res.set_content(std::move(html), "text/html; charset=utf-8");
  }

  void SendError(Ctx& ctx, httplib::Response& res, const Status& s,
                 const std::string& back = "/cases") {
    Frame f = MakeFrame(ctx, "无法完成");
    f.error = s.message();
    SendHtml(res, HttpStatus(s), ctx.nonce,
             RenderPage(f, "<p><a class=\"button secondary\" href=\"" +
                               E(back) + "\">返回</a></p>"));
  }

  static void SendPlainError(httplib::Response& res, int status,
                             const std::string& message) {
    Frame f;
    f.title = "错误";
    f.error = message;
    SendHtml(res, status, "-",
             RenderPage(f, "<p><a href=\"/login\">登录</a></p>"));
  }

  // Wraps a handler that needs a signed-in user: no session → the sign-in
  // page (GET) or 401; a POST must carry the session's CSRF token and no
  // form field over the limit.
  using Handler =
      std::function<void(Ctx&, const httplib::Request&, httplib::Response&)>;
  httplib::Server::Handler Authed(Handler handler) {
    return
        [this, handler](const httplib::Request& req, httplib::Response& res) {
          Ctx ctx;
          ctx.token = CookieToken(req);
          std::optional<Session> session = sessions.Find(ctx.token);
          if (session && !StillEnabled(ctx.token, *session)) session.reset();
          if (!session) {
            if (req.method == "GET") {
              res.set_redirect("/login?next=" + UrlEncode(req.target), 303);
            } else {
              SendPlainError(res, 401, "未登录或登录已过期，请重新登录。");
            }
            return;
          }
          ctx.session = std::move(session);
          ctx.nonce = RandomHex(16);
          if (req.method == "POST") {
            if (!TooBig(req, res)) return;
            if (!TokensEqual(Field(req, "csrf"), ctx.session->csrf)) {
              SendPlainError(res, 403,
                             "表单已失效（CSRF 校验失败），请刷新页面后重试。");
              return;
            }
          }
          handler(ctx, req, res);
        };
  }

  // A user disabled since sign-in: their session ends at this request
  // (the store refuses their actor anyway; this sends them to sign in).
  bool StillEnabled(const std::string& token, const Session& session) {
    if (store->IsEnabled(session.actor.name())) return true;
    sessions.Remove(token);
    return false;
  }

  // False (and 413) when a form field other than a file is over the limit.
  // False (and 413) when an attachment or a form field other than a file
  // is over its limit.
  bool TooBig(const httplib::Request& req, httplib::Response& res) {
    // An attachment over the store's limit is refused here, as a body
    // over the server's is: 413 whatever its size (the store's refusal
    // would be a 400).
    const uint64_t max_attachment = CaseStore::Options{}.max_attachment_bytes;
    for (const auto& [name, part] : req.files) {
      if (!part.filename.empty() && part.content.size() > max_attachment) {
        SendPlainError(
            res, 413,
            fmt::format("附件 {} 太大（每个附件不超过 {} MB）。",
                        Truncate(part.filename, 80), max_attachment >> 20));
        return false;
      }
    }
    bool over = false;
    for (const auto& [name, part] : req.files) {
      if (part.filename.empty() &&
          part.content.size() > options.max_field_bytes)
        over = true;
    }
    for (const auto& [name, value] : req.params) {
      if (value.size() > options.max_field_bytes) over = true;
    }
    if (over) {
      SendPlainError(res, 413,
                     fmt::format("填写的内容太长（每项不超过 {} KB）。",
                                 options.max_field_bytes >> 10));
    }
    return !over;
  }

  // After a change: back to the case with a message, or the error on the
  // page with its status.
  void AfterChange(Ctx& ctx, const httplib::Request& req,
                   httplib::Response& res, const std::string& flag,
                   const Status& s, const std::string& done) {
    if (s.ok()) {
      sessions.SetFlash(ctx.token, done);
      res.set_redirect("/cases/" + flag, 303);
      return;
    }
    RenderCase(ctx, req, res, flag, s);
  }

  // ---- pages
  void LoginPage(const httplib::Request& req, httplib::Response& res,
                 int status, const std::string& error) {
    Frame f;
    f.title = "登录";
    f.error = error;
    std::string next = Param(req, "next");
    if (next.empty()) next = Field(req, "next");
    if (!IsLocalPath(next)) next.clear();
    std::string body = fmt::format(
        "<div class=\"card login\"><h1>登录</h1>"
        "<form method=\"post\" action=\"/login\" "
        "enctype=\"multipart/form-data\">"
        "<input type=\"hidden\" name=\"next\" value=\"{}\">"
        "<label>用户名<input name=\"user\" autocomplete=\"username\" required "
        "autofocus></label>"
        "<label>密码<input name=\"password\" type=\"password\" "
        "autocomplete=\"current-password\" required></label>"
        "<button type=\"submit\">登录</button></form>"
        "<p class=\"muted\">账号由管理员用 <code>hedui users add</code> "
        "创建。</p></div>",
        E(next));
    SendHtml(res, status, "-", RenderPage(f, body));
  }

  // The client's address: the peer's, or, when the peer is a trusted
  // proxy, the right-most address of X-Forwarded-For that is not itself a
  // trusted proxy (a proxy appends the address it saw; what a client
  // wrote is further left). From any other peer the header is ignored.
  std::string ClientAddress(const httplib::Request& req) const {
    if (!trusted_proxies.contains(req.remote_addr)) return req.remote_addr;
    std::vector<std::string> hops = HeaderList(req, "X-Forwarded-For");
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
      if (!IsAddressText(*hop)) break;  // not written by a proxy we know
      if (!trusted_proxies.contains(*hop)) return *hop;
    }
    return req.remote_addr;
  }

  // Secure cookies: the site is behind TLS (--behind-tls), or a trusted
  // proxy says this request came over HTTPS.
  bool SecureCookies(const httplib::Request& req) const {
    if (options.behind_tls) return true;
    if (!trusted_proxies.contains(req.remote_addr)) return false;
    std::vector<std::string> proto = HeaderList(req, "X-Forwarded-Proto");
    return !proto.empty() &&
           (proto.back() == "https" || proto.back() == "HTTPS");
  }

  std::string SessionCookie(const httplib::Request& req,
                            const std::string& token, int max_age) const {
    return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
                       kCookie, token, max_age,
                       SecureCookies(req) ? "; Secure" : "");
  }

  // Sign-in: an attempt is reserved for the name and the client address
  // before the password is checked (sessions.h), so parallel guesses get
  // no more checks than the limit; a right password releases it.
  void Login(const httplib::Request& req, httplib::Response& res) {
    if (!TooBig(req, res)) return;
    std::string user = Field(req, "user"), password = Field(req, "password");
    std::optional<LoginThrottle::Attempt> attempt =
        throttle->Reserve(user, ClientAddress(req));
    if (!attempt) {
      LoginPage(req, res, 429, "登录失败次数过多，请 5 分钟后再试。");
      return;
    }
    ++password_checks;
    StatusOr<Actor> actor = store->SignIn(user, password);
    if (!actor.ok()) {
      LoginPage(req, res, 401, actor.status().message());
      return;
    }
    throttle->Succeeded(*attempt);
    std::string token = sessions.Create(actor.value());
    res.set_header("Set-Cookie", SessionCookie(req, token, 28800));
    res.set_redirect(AfterSignIn(actor.value(), Field(req, "next")), 303);
  }

  void Logout(Ctx& ctx, const httplib::Request& req, httplib::Response& res) {
    sessions.Remove(ctx.token);
    res.set_header("Set-Cookie", SessionCookie(req, "", 0));
    res.set_redirect("/login", 303);
  }

  Places PlacesOf(const Actor& actor) {
    {
      std::lock_guard lock(options_mu);
      auto it = places.find(actor.name());
      if (it != places.end() && it->second.generation == generation)
        return it->second;
    }
    Places p;
    {
      std::lock_guard lock(options_mu);
      p.generation = generation;
    }
    StatusOr<std::vector<CaseSummary>> all = store->List(actor, CaseFilter{});
    if (all.ok()) {
      std::set<std::string> t, v;
      for (const CaseSummary& c : all.value()) {
        t.insert(c.township);
        v.insert(c.village);
      }
      p.townships.assign(t.begin(), t.end());
      p.villages.assign(v.begin(), v.end());
      for (const std::string& name : p.villages)
        p.village_options += "<option value=\"" + E(name) + "\">";
    }
    std::lock_guard lock(options_mu);
    places[actor.name()] = p;
    return p;
  }

  // Rendered list pages (the filters, the page of cases), per user and
  // query, valid while the store's generation is the one they were made
  // at: a county's officers open the same lists all day, and a list page
  // changes only when a case or a user does. The frame (user, CSRF, CSP
  // nonce) is made per response.
  struct CachedList {
    uint64_t generation = 0;
    std::string body, error;
  };
  std::mutex list_cache_mu;
  std::map<std::string, CachedList> list_cache;
  static constexpr size_t kListCacheEntries = 1024;

  void ListPage(Ctx& ctx, const httplib::Request& req, httplib::Response& res) {
    ImportIfNewRun(false);
    const Actor& actor = ctx.session->actor;
    const uint64_t generation_now = store->generation();
    std::string cache_key = actor.name();
    for (const char* name : {"township", "village", "rule", "status", "min",
                             "from", "to", "q", "sort", "page", "assignee"}) {
      cache_key += '\x1f';
      cache_key += Param(req, name);
    }
    {
      std::lock_guard lock(list_cache_mu);
      auto it = list_cache.find(cache_key);
      if (it != list_cache.end() && it->second.generation == generation_now) {
        Frame f = MakeFrame(ctx, "案件列表");
        f.error = it->second.error;
        SendHtml(res, 200, ctx.nonce, RenderPage(f, it->second.body));
        return;
      }
    }
    CaseFilter filter;
    std::string township = Param(req, "township"),
                village = Param(req, "village"), rule = Param(req, "rule"),
                status = Param(req, "status"), min = Param(req, "min"),
                from = Param(req, "from"), to = Param(req, "to"),
                q = Param(req, "q"), sort = Param(req, "sort"),
                assignee = Param(req, "assignee");
    std::string error;
    if (!township.empty()) filter.townships.push_back(township);
    if (!village.empty()) filter.villages.push_back(village);
    if (!rule.empty()) filter.rules.push_back(rule);
    if (!status.empty()) {
      if (status == "open") {
        filter.statuses = {CaseStatus::kNew, CaseStatus::kAssigned,
                           CaseStatus::kUnderReview};
      } else if (std::optional<CaseStatus> s = ParseCaseStatus(status)) {
        filter.statuses.push_back(*s);
      }
    }
    if (!min.empty()) {
      int64_t fen = 0;
      if (ParseAmountFen(min, 1, &fen)) {
        filter.min_at_stake_fen = fen;
      } else {
        error = "最低金额应为数字（元），如 500 或 1200.50。";
      }
    }
    filter.seen_from = from;
    filter.seen_to = to;
    filter.text = q;
    filter.assignee = assignee;
    using Sort = CaseFilter::Sort;
    filter.sort = sort == "amount"   ? Sort::kAtStakeDesc
                  : sort == "total"  ? Sort::kAmountDesc
                  : sort == "since"  ? Sort::kSince
                  : sort == "status" ? Sort::kStatus
                  : sort == "rule"   ? Sort::kRule
                                     : Sort::kPlace;
    size_t page = 1;
    std::string page_text = Param(req, "page");
    if (!page_text.empty() && page_text.size() < 7 &&
        page_text.find_first_not_of("0123456789") == std::string::npos)
      page = std::max<size_t>(1, std::stoul(page_text));
    // The store sorts and cuts the page: only its 50 summaries are copied.
    size_t matched = 0;
    filter.offset = (page - 1) * kPageSize;
    filter.limit = kPageSize;
    StatusOr<std::vector<CaseSummary>> listed =
        store->List(actor, filter, &matched);
    if (!listed.ok()) {
      SendError(ctx, res, listed.status(), "/cases");
      return;
    }
    size_t pages = std::max<size_t>(1, (matched + kPageSize - 1) / kPageSize);
    if (page > pages) {  // past the end: the last page
      page = pages;
      filter.offset = (page - 1) * kPageSize;
      listed = store->List(actor, filter, &matched);
      if (!listed.ok()) {
        SendError(ctx, res, listed.status(), "/cases");
        return;
      }
    }
    const std::vector<CaseSummary>& cases = listed.value();

    // The query without sort and page, for the links that change them.
    std::vector<std::pair<std::string, std::string>> kept = {
        {"township", township},
        {"village", village},
        {"rule", rule},
        {"status", status},
        {"min", min},
        {"from", from},
        {"to", to},
        {"q", q},
        {"assignee", assignee}};
    std::string base;
    for (const auto& [k, v] : kept) {
      if (!v.empty()) base += "&" + k + "=" + UrlEncode(v);
    }
    auto link = [&](const std::string& s, size_t p) {
      std::string url = "/cases?sort=" + UrlEncode(s) + base;
      if (p > 1) url += "&page=" + std::to_string(p);
      return E(url);
    };

    Places places_now = PlacesOf(actor);
    std::string body;
    body += "<h1>案件列表</h1>" +
            ListSwitch(false, base.empty() ? "" : base.substr(1));
    body +=
        "<div class=\"card\"><form class=\"filters\" "
        "method=\"get\" action=\"/cases\">";
    auto select =
        [&](const char* name, const char* label,
            const std::vector<std::pair<std::string, std::string>>& opts,
            const std::string& chosen) {
          body += fmt::format(
              "<label>{}<select name=\"{}\"><option value=\"\">全部</option>",
              label, name);
          for (const auto& [value, text] : opts) {
            body += fmt::format("<option value=\"{}\"{}>{}</option>", E(value),
                                value == chosen ? " selected" : "", E(text));
          }
          body += "</select></label>";
        };
    std::vector<std::pair<std::string, std::string>> opts;
    for (const std::string& t : places_now.townships) opts.emplace_back(t, t);
    select("township", "乡镇", opts, township);
    body += fmt::format(
        "<label>村（社区）<input name=\"village\" list=\"villages\" "
        "value=\"{}\" size=\"10\"></label><datalist id=\"villages\">",
        E(village));
    body += places_now.village_options;
    body += "</datalist>";
    opts.clear();
    for (const char* r :
         {"DECEASED", "MOVED", "VEHICLE", "PROPERTY", "BUSINESS", "PUBLIC_PAY",
          "CADRE_KIN", "ASSETS", "INCOME", "SPLIT", "DUPLICATE", "PAYMENT",
          "MERGE", "UNDERPAID"}) {
      opts.emplace_back(r, std::string(RuleLabel(r)) + " " + r);
    }
    select("rule", "依据", opts, rule);
    opts.clear();
    opts.emplace_back("open", "未办结（待分派/已分派/核查中）");
    for (int i = 0; i < kCaseStatusCount; ++i) {
      CaseStatus s = static_cast<CaseStatus>(i);
      opts.emplace_back(std::string(CaseStatusName(s)),
                        std::string(CaseStatusLabel(s)));
    }
    select("status", "状态", opts, status);
    body += fmt::format(
        "<label>月涉及金额 ≥（元）<input name=\"min\" value=\"{}\" "
        "size=\"7\" inputmode=\"decimal\"></label>"
        "<label>首次发现 从<input " HEDUI_DATE_INPUT
        " name=\"from\" "
        "value=\"{}\"></label>"
        "<label>到<input " HEDUI_DATE_INPUT
        " name=\"to\" value=\"{}\"></label>"
        "<label>姓名/身份证号/案件号/理由<input name=\"q\" value=\"{}\" "
        "size=\"16\"></label>"
        "<input type=\"hidden\" name=\"sort\" value=\"{}\">"
        "<button type=\"submit\">查询</button>"
        "<a class=\"button secondary\" "
        "href=\"/cases\">清除条件</a></form></div>",
        E(min), E(from), E(to), E(q), E(sort));

    body += fmt::format(
        "<div class=\"pager\"><strong>共 {} 件</strong><span class=\"muted\">"
        "第 {} / {} 页，每页 {} 件</span>",
        matched, page, pages, kPageSize);
    if (page > 1)
      body += "<a href=\"" + link(sort, page - 1) + "\">‹ 上一页</a>";
    if (page < pages)
      body += "<a href=\"" + link(sort, page + 1) + "\">下一页 ›</a>";
    body += "</div>";
    body +=
        "<table class=\"cases\"><thead><tr>"
        "<th><a href=\"" +
        link("", 1) +
        "\">乡镇 / 村</a></th>"
        "<th>姓名</th><th>身份证号</th>"
        "<th><a href=\"" +
        link("rule", 1) +
        "\">依据</a></th>"
        "<th><a href=\"" +
        link("status", 1) +
        "\">状态</a></th>"
        "<th>承办人</th>"
        "<th class=\"num\"><a href=\"" +
        link("amount", 1) +
        "\">月涉及(元) ▾</a></th>"
        "<th class=\"num\"><a href=\"" +
        link("total", 1) +
        "\">累计(元) ▾</a></th>"
        "<th><a href=\"" +
        link("since", 1) +
        "\">起始</a></th>"
        "<th>理由</th></tr></thead><tbody>";
    for (const CaseSummary& c : cases) {
      std::string url = "/cases/" + UrlEncode(c.flag_id);
      body += fmt::format(
          "<tr><td class=\"nowrap\">{} {}</td><td class=\"nowrap\"><a "
          "href=\"{}\">{}</a></td><td class=\"nowrap\">{}</td>"
          "<td><span class=\"rule\" title=\"{}\">{}</span></td><td>{}{}</td>"
          "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td class=\"nowrap\">{}</td><td class=\"reason\" "
          "title=\"{}\">{}</td></tr>",
          E(c.township), E(c.village), E(url), E(c.name), E(c.id_number),
          E(c.rule), E(RuleLabel(c.rule)), StatusBadge(c.status),
          c.in_data ? "" : " <span class=\"muted\">(已不在数据中)</span>",
          c.assignee.empty() ? "<span class=\"muted\">—</span>" : E(c.assignee),
          Yuan(c.monthly_at_stake_fen), Yuan(c.amount_fen), E(c.since),
          E(c.reason), E(Truncate(c.reason, 160)));
    }
    if (cases.empty()) {
      body +=
          "<tr><td colspan=\"10\" class=\"muted\">没有符合条件的案件。"
          "</td></tr>";
    }
    body += "</tbody></table>";
    Frame f = MakeFrame(ctx, "案件列表");
    f.error = error;
    SendHtml(res, 200, ctx.nonce, RenderPage(f, body));
    std::lock_guard lock(list_cache_mu);
    if (list_cache.size() >= kListCacheEntries) list_cache.clear();
    list_cache[cache_key] = CachedList{generation_now, std::move(body), error};
  }

  std::string VersionField(const ReviewCase& c) {
    return fmt::format("<input type=\"hidden\" name=\"version\" value=\"{}\">",
                       c.version);
  }

  std::string FormOpen(Ctx& ctx, const std::string& flag, const char* action,
                       const char* confirm = nullptr) {
    std::string out = "<form method=\"post\" action=\"/cases/" +
                      E(UrlEncode(flag)) + "/" + action +
                      "\" enctype=\"multipart/form-data\"";
    if (confirm) out += " data-confirm=\"" + E(confirm) + "\"";
    out += ">" + CsrfField(ctx.session->csrf);
    return out;
  }

  // The case page; with `error`, shown above it with the error's status.
  void RenderCase(Ctx& ctx, const httplib::Request&, httplib::Response& res,
                  const std::string& flag, const Status& error = Status()) {
    StatusOr<ReviewCase> shown = store->Show(ctx.session->actor, flag);
    if (!shown.ok()) {
      SendError(ctx, res, error.ok() ? shown.status() : error);
      return;
    }
    const ReviewCase& c = shown.value();
    const Actor& actor = ctx.session->actor;
    const std::string today = Today();
    std::string b;
    b += fmt::format(
        "<p><a href=\"/cases\">‹ 返回案件列表</a></p><h1>{} · {} {}</h1>",
        E(c.name), E(RuleLabel(c.rule)), StatusBadge(c.status));
    if (!c.in_data)
      b += "<div class=\"msg "
           "err\">最近一次核查已不再发现此问题（数据已消失）。</div>";
    b += "<div class=\"cols\"><div>";
    // Facts.
    b += "<div class=\"card\"><h2>对象与问题</h2><dl class=\"facts\">";
    auto fact = [&](const char* k, const std::string& v) {
      b += fmt::format("<dt>{}</dt><dd>{}</dd>", k, v);
    };
    fact("姓名", E(c.name));
    fact("身份证号", E(c.id_number));
    fact("乡镇 / 村", E(c.township + " " + c.village));
    fact("低保户号", "<a href=\"/cases?q=" + E(UrlEncode(c.case_id)) + "\">" +
                         E(c.case_id) + "</a>");
    if (!c.file_number.empty()) {
      fact("档案号（一户一档）", "<a href=\"/households/" +
                                     E(UrlEncode(c.file_number)) + "\">" +
                                     E(c.file_number) + "</a>");
    }
    fact("依据", E(std::string(RuleLabel(c.rule)) + "（" + c.rule + "）"));
    fact("范围", c.scope == "case" ? "全户" : "个人");
    fact("家庭人数", std::to_string(c.household_size));
    fact("起始日期", E(c.since));
    fact("月涉及金额", Yuan(c.monthly_at_stake_fen) + " 元");
    fact("累计金额", Yuan(c.amount_fen) + " 元");
    fact("首次发现",
         E(c.first_seen) + "（第 " + std::to_string(c.first_run) + " 次核查）");
    fact("最近发现",
         E(c.last_seen) + "（第 " + std::to_string(c.last_run) + " 次核查）");
    fact("承办人", c.assignee.empty() ? "<span class=\"muted\">未分派</span>"
                                      : E(c.assignee));
    fact("案件标识", "<code>" + E(c.flag_id) + "</code>");
    b += "</dl>";
    b += "<p><strong>说明：</strong>" + E(GroundSentence(c.rule)) + "</p>";
    b += "<p><strong>核查理由：</strong>" + E(c.reason) + "</p>";
    if (!c.outcome.empty()) {
      b += fmt::format(
          "<p><strong>决定：</strong>{}（{}，{} {}）{}</p>", E(c.outcome),
          c.status == CaseStatus::kCleared ? "排除" : "确认", E(c.decided_by),
          E(c.decided_on),
          c.decision_note.empty() ? "" : "：" + E(c.decision_note));
    }
    if (c.status == CaseStatus::kConfirmed ||
        c.status == CaseStatus::kStopped) {
      b += "<p><a class=\"button secondary\" href=\"/cases/" +
           E(UrlEncode(c.flag_id)) +
           "/notice\" target=\"_blank\">打印告知书</a></p>";
    }
    b += "</div>";
    // Group.
    if (!c.group_cases.empty()) {
      b +=
          "<div class=\"card\"><h2>同组案件（" + E(c.rule) +
          "）</h2><p class=\"muted\">这些低保户因同一线索关联，应一并核查：</p>"
          "<ul class=\"plain\">";
      for (const std::string& id : c.group_cases) {
        b += "<li><a href=\"/cases?q=" + E(UrlEncode(id)) + "\">" + E(id) +
             "</a>" + (id == c.case_id ? "（本户）" : "") + "</li>";
      }
      b += "</ul></div>";
    }
    // Evidence.
    b += "<div class=\"card\"><h2>证据记录（" +
         std::to_string(c.evidence.size()) +
         " 条）</h2><div class=\"evidence\">";
    for (const EvidenceRecord& r : c.evidence) b += EvidenceRecordHtml(r);
    b += "</div></div>";
    // Months: one row a year, so that years of payments stay readable.
    if (!c.months.empty()) {
      b += "<div class=\"card\"><h2>逐月金额（元）</h2><table "
           "class=\"monthgrid\"><tr><th>年份</th>";
      for (int m = 1; m <= 12; ++m)
        b += fmt::format("<th class=\"num\">{}月</th>", m);
      b += "<th class=\"num\">合计</th></tr>";
      std::string year;
      int64_t sum = 0;
      std::vector<std::string> cells(12);
      auto flush = [&] {
        if (year.empty()) return;
        b += "<tr><td>" + E(year) + "</td>";
        for (std::string& cell : cells) {
          b += "<td class=\"num\">" + cell + "</td>";
          cell.clear();
        }
        b += "<td class=\"num\"><strong>" + Yuan(sum) + "</strong></td></tr>";
        sum = 0;
      };
      for (const auto& [month, fen] : c.months) {
        if (month.size() != 7) continue;
        if (month.substr(0, 4) != year) {
          flush();
          year = month.substr(0, 4);
        }
        int m = std::atoi(month.c_str() + 5);
        if (m >= 1 && m <= 12) cells[m - 1] = Yuan(fen);
        sum += fen;
      }
      flush();
      b += "</table></div>";
    }
    // Steps.
    b += "<div class=\"card\"><h2>核查记录</h2>";
    if (c.steps.empty())
      b += "<p class=\"muted\">尚无记录。</p>";
    else {
      b += "<table><tr><th>日期</th><th>事项</th><th>记录人</th><th>内容</th>"
           "<th>附件</th></tr>";
      for (const Step& s : c.steps) {
        b += fmt::format(
            "<tr><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}"
            "</td><td>{}</td><td>{}</td><td>",
            E(s.date), E(StepKindLabel(s.kind)), E(s.by), E(s.notes));
        for (const Attachment& a : s.attachments) {
          b += "<a href=\"/cases/" + E(UrlEncode(c.flag_id)) + "/files/" +
               E(a.sha256) + "\">" + E(a.name) +
               "</a> <span class=\"muted\">(" +
               std::to_string((a.size + 1023) / 1024) + " KB)</span><br>";
        }
        b += "</td></tr>";
      }
      b += "</table>";
    }
    if (!c.notice_delivered_on.empty())
      b += "<p>告知书 " + E(c.notice_delivered_on) + " 送达，告知期最后一天：" +
           E(NoticePeriodLastDay(c, {{}, {}, store->notice_days()})) + "。</p>";
    if (c.monthly_stopped_fen || !c.stopped_on.empty()) {
      b += fmt::format("<p>已停发：{} 起，每月 {} 元。</p>", E(c.stopped_on),
                       Yuan(c.monthly_stopped_fen));
    }
    for (const MoneyRecovered& m : c.recovered) {
      b += fmt::format("<p>追回 {} 元（{}，{}）{}</p>", Yuan(m.fen), E(m.date),
                       E(m.by), E(m.note));
    }
    b += "</div>";
    // Events.
    b += "<div class=\"card\"><h2>系统记录</h2><ul class=\"plain\">";
    for (const CaseEvent& e : c.events)
      b += "<li>" + TimeCell(e.at) + " · " + E(e.what) + "</li>";
    b += "</ul></div></div>";

    // Actions.
    b += "<div><div class=\"card\"><h2>办理</h2>";
    if (Works(actor)) {
      const char* next = "";
      switch (c.status) {
        case CaseStatus::kNew:
          next = "下一步：分派承办人。";
          break;
        case CaseStatus::kAssigned:
          next = "下一步：入户核查（或民主评议、听证），记录后方可作出决定。";
          break;
        case CaseStatus::kUnderReview:
          next = "下一步：作出决定（确认或排除）。";
          break;
        case CaseStatus::kConfirmed:
          next = "下一步：打印并送达告知书，告知期满后停发。";
          break;
        default:
          break;
      }
      if (*next) b += fmt::format("<p class=\"hint\">{}</p>", next);
    }
    b += "<div class=\"actions\">";
    const std::string flag_id = c.flag_id;
    const bool open = IsOpen(c.status);
    const bool confirmed = c.status == CaseStatus::kConfirmed;
    const bool decided = confirmed || c.status == CaseStatus::kStopped ||
                         c.status == CaseStatus::kCleared;
    // The forms the case's status allows (the store checks again); a
    // decided case shows what comes after a decision.
    if (Works(actor) && open) {
      b += FormOpen(ctx, flag_id, "assign") + VersionField(c) +
           "<strong>分派承办人</strong><label>承办人用户名<input "
           "name=\"assignee\" "
           "value=\"" +
           E(c.assignee.empty() ? actor.name() : c.assignee) +
           "\" required></label><button type=\"submit\">分派</button></form>";
      b += FormOpen(ctx, flag_id, "step") + VersionField(c) +
           "<strong>记录核查步骤</strong><label>事项<select name=\"kind\">";
      for (StepKind k : {StepKind::kHomeVisit, StepKind::kDemocraticReview,
                         StepKind::kHearing}) {
        b += fmt::format("<option value=\"{}\">{}</option>", StepKindName(k),
                         StepKindLabel(k));
      }
      b += "</select></label><label>日期<input " HEDUI_DATE_INPUT
           " name=\"date\" "
           "value=\"" +
           today +
           "\" required></label><label>情况<textarea name=\"notes\">"
           "</textarea></label><label>附件（可多选，每个不超过 20 MB）<input "
           "type=\"file\" name=\"files\" multiple></label><button "
           "type=\"submit\">保存记录</button></form>";
    }
    if (Works(actor) && c.status == CaseStatus::kUnderReview) {
      b += FormOpen(ctx, flag_id, "decide", "确定作出此决定吗？") +
           VersionField(c) +
           "<strong>作出决定</strong><label>结论<select name=\"outcome\" "
           "required><option value=\"\">— 请选择 —</option><optgroup "
           "label=\"确认（问题属实）\">";
      for (const std::string& o : store->confirmed_outcomes())
        b += "<option value=\"" + E(o) + "\">" + E(o) + "</option>";
      b += "</optgroup><optgroup label=\"排除（问题不属实）\">";
      for (const std::string& o : store->cleared_outcomes())
        b += "<option value=\"" + E(o) + "\">" + E(o) + "</option>";
      b += "</optgroup></select></label><label>日期<input " HEDUI_DATE_INPUT
           " "
           "name=\"date\" value=\"" +
           today +
           "\" required></label><label>说明"
           "<textarea name=\"note\"></textarea></label><button "
           "type=\"submit\">提交决定</button></form>";
    }
    if (Works(actor) && confirmed) {
      b += FormOpen(ctx, flag_id, "step") + VersionField(c) +
           "<strong>告知书送达</strong><input type=\"hidden\" name=\"kind\" "
           "value=\"notice_delivered\"><label>送达日期<input " HEDUI_DATE_INPUT
           " "
           "name=\"date\" value=\"" +
           today +
           "\" required></label><label>情况"
           "<textarea name=\"notes\"></textarea></label><label>回执（可选）"
           "<input type=\"file\" name=\"files\" multiple></label><button "
           "type=\"submit\">登记送达</button></form>";
      b += FormOpen(ctx, flag_id, "stop", "确定停发吗？") + VersionField(c) +
           "<strong>停发</strong><label>停发日期<input " HEDUI_DATE_INPUT
           " "
           "name=\"date\" "
           "value=\"" +
           today +
           "\" required></label><label>每月停发金额（元）"
           "<input name=\"monthly\" value=\"" +
           FormatFen(c.monthly_at_stake_fen) +
           "\" inputmode=\"decimal\" required></label><button type=\"submit\" "
           "class=\"danger\">停发</button></form>";
    }
    if (Works(actor) && (confirmed || c.status == CaseStatus::kStopped)) {
      b += FormOpen(ctx, flag_id, "recover") + VersionField(c) +
           "<strong>登记追回资金</strong><label>金额（元）<input "
           "name=\"amount\" "
           "inputmode=\"decimal\" "
           "required></label><label>日期<input " HEDUI_DATE_INPUT
           " "
           "name=\"date\" value=\"" +
           today +
           "\" required></label><label>说明"
           "<input name=\"note\"></label><button type=\"submit\" "
           "class=\"secondary\">登记</button></form>";
    }
    b += FormOpen(ctx, flag_id, "comment") +
         "<strong>意见</strong><label>内容<textarea name=\"text\" required>"
         "</textarea></label><button type=\"submit\" "
         "class=\"secondary\">发表意见</button></form>";
    if (decided &&
        (actor.role() == Role::kInspector || actor.role() == Role::kAdmin)) {
      b += FormOpen(ctx, flag_id, "rereview") +
           "<strong>要求复核</strong><label>理由<textarea name=\"reason\" "
           "required></textarea></label><button type=\"submit\" "
           "class=\"secondary\">要求复核</button></form>";
    }
    b += "</div></div></div></div>";

    Frame f = MakeFrame(ctx, c.name + " · " + std::string(RuleLabel(c.rule)));
    int status = 200;
    if (!error.ok()) {
      f.error = error.message();
      f.flash.clear();
      status = HttpStatus(error);
    }
    SendHtml(res, status, ctx.nonce, RenderPage(f, b));
  }

  // A decision form (the case page's or one ground's on the household
  // page): the outcome, its date and note.
  Status DecideFromForm(const Actor& actor, const std::string& flag,
                        const httplib::Request& req, uint64_t version,
                        std::string* done) {
    std::string outcome = Field(req, "outcome");
    if (outcome.empty()) return Status::InvalidArgument("请选择结论。");
    *done = "已作出决定：" + outcome + "。";
    return store->Decide(actor, flag, outcome, Field(req, "date"),
                         Field(req, "note"), version);
  }

  void Change(Ctx& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string flag = req.matches[1];
    const std::string action = req.matches[2];
    const Actor& actor = ctx.session->actor;
    uint64_t version = ParseVersion(Field(req, "version"));
    Status s;
    std::string done;
    if (action == "assign") {
      s = store->Assign(actor, flag, Field(req, "assignee"), version);
      done = "已分派给 " + Field(req, "assignee") + "。";
    } else if (action == "step") {
      std::optional<StepKind> kind = ParseStepKind(Field(req, "kind"));
      std::vector<NewAttachment> files = UploadedFiles(req);
      if (!kind) {
        s = Status::InvalidArgument("请选择核查事项。");
      } else {
        s = store->RecordStep(actor, flag, *kind, Field(req, "date"),
                              Field(req, "notes"), files, version);
        done = "已记录" + std::string(StepKindLabel(*kind)) + "。";
      }
    } else if (action == "decide") {
      s = DecideFromForm(actor, flag, req, version, &done);
    } else if (action == "stop") {
      int64_t fen = 0;
      // The CLI's parser: two decimals at most, no sign, no overflow.
      if (Status p = ParseEnteredYuan(Field(req, "monthly"), &fen); !p.ok()) {
        s = Status::InvalidArgument("每月停发" + p.message());
      } else {
        s = store->Stop(actor, flag, Field(req, "date"), fen, version);
        done = "已登记停发。";
      }
    } else if (action == "recover") {
      int64_t fen = 0;
      if (Status p = ParseEnteredYuan(Field(req, "amount"), &fen); !p.ok()) {
        s = Status::InvalidArgument("追回" + p.message());
      } else {
        s = store->Recover(actor, flag, fen, Field(req, "date"),
                           Field(req, "note"), version);
        done = "已登记追回 " + Yuan(fen) + " 元。";
      }
    } else if (action == "comment") {
      s = store->Comment(actor, flag, Field(req, "text"));
      done = "已发表意见。";
    } else if (action == "rereview") {
      s = store->RequestReReview(actor, flag, Field(req, "reason"));
      done = "已要求复核。";
    } else {
      s = Status::NotFound("没有这个操作。");
    }
    AfterChange(ctx, req, res, flag, s, done);
  }

  void NoticePage(Ctx& ctx, const httplib::Request& req,
                  httplib::Response& res) {
    StatusOr<std::string> html =
        store->Notice(ctx.session->actor, req.matches[1]);
    if (!html.ok()) {
      SendError(ctx, res, html.status(),
                "/cases/" + std::string(req.matches[1]));
      return;
    }
    // The notice is the store's own page (print CSS inline, no script).
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; "
                   "frame-ancestors 'none'");
    res.set_content(std::move(html.value()), "text/html; charset=utf-8");
  }

  void Download(Ctx& ctx, const httplib::Request& req, httplib::Response& res) {
    const std::string flag = req.matches[1], sha = req.matches[2];
    // The file's name from the case (what the reviewer called it), never
    // from the request.
    StatusOr<std::string> bytes =
        store->ReadAttachment(ctx.session->actor, flag, sha);
    if (!bytes.ok()) {
      SendError(ctx, res, bytes.status(), "/cases/" + flag);
      return;
    }
    std::string name = sha.substr(0, 12);
    StatusOr<ReviewCase> c = store->Show(ctx.session->actor, flag);
    if (c.ok()) {
      for (const Step& s : c->steps)
        for (const Attachment& a : s.attachments)
          if (a.sha256 == sha) name = a.name;
    }
    res.set_header("Content-Disposition",
                   "attachment; filename=\"attachment\"; filename*=UTF-8''" +
                       UrlEncode(name));
    res.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
    res.set_content(std::move(bytes.value()), "application/octet-stream");
  }

  // The campaign report: a form (a campaign of the rules file, or dates)
  // and its download as XLSX, HTML or one CSV table; a township officer's
  // covers their own townships (the store gives each user what they may
  // read).
  void ReportPage(Ctx& ctx, const httplib::Request&, httplib::Response& res) {
    std::string b =
        "<h1>统计报表</h1><div class=\"card\"><p>专项整治或任一时段的复核、"
        "清退、停发和追回情况，按乡镇、村和核查依据汇总；每个合计在写出前都与"
        "其分项之和核对。</p><form class=\"filters\" method=\"get\" "
        "action=\"/report/download\"><label>专项行动<select "
        "name=\"campaign\"><option value=\"\">（按下面的日期）</option>";
    if (options.rules) {
      for (const Rules::Campaign& c : options.rules->campaigns) {
        b += fmt::format("<option value=\"{}\">{}（{} 至 {}）</option>",
                         E(c.name), E(c.name), c.from.ToString(),
                         c.to.ToString());
      }
    }
    b += fmt::format(
        "</select></label><label>从<input " HEDUI_DATE_INPUT
        " name=\"from\"></label>"
        "<label>到<input " HEDUI_DATE_INPUT
        " name=\"to\" value=\"{}\"></label>"
        "<label>格式<select name=\"format\"><option value=\"xlsx\">Excel "
        "(XLSX)</option><option value=\"html\">网页 (HTML，可打印)</option>"
        "<option value=\"csv\">CSV（总计）</option><option "
        "value=\"csv-township\">CSV（乡镇）</option><option "
        "value=\"csv-village\">CSV（村）</option><option "
        "value=\"csv-ground\">CSV（按依据）</option><option "
        "value=\"csv-cases\">CSV（案件明细）</option></select></label>"
        "<button type=\"submit\">生成并下载</button></form></div>",
        Today());
    SendHtml(res, 200, ctx.nonce, RenderPage(MakeFrame(ctx, "统计报表"), b));
  }

  void ReportDownload(Ctx& ctx, const httplib::Request& req,
                      httplib::Response& res) {
    Rules defaults;
    const Rules& rules = options.rules ? *options.rules : defaults;
    ReportOptions report_options;
    std::string campaign = Param(req, "campaign");
    if (!campaign.empty()) {
      const Rules::Campaign* found = nullptr;
      for (const Rules::Campaign& c : rules.campaigns)
        if (c.name == campaign) found = &c;
      if (!found) {
        SendError(ctx, res,
                  Status::InvalidArgument("规则文件中没有这个专项行动。"),
                  "/report");
        return;
      }
      report_options.title = found->name;
      report_options.from = found->from;
      report_options.to = found->to;
    } else {
      Date from, to;
      if (!ParseDate(Param(req, "from"), &from) ||
          !ParseDate(Param(req, "to"), &to) || to < from) {
        SendError(ctx, res,
                  Status::InvalidArgument(
                      "请选择专项行动，或填写起止日期（开始不晚于结束）。"),
                  "/report");
        return;
      }
      report_options.from = from;
      report_options.to = to;
      report_options.title =
          fmt::format("{} 至 {} 复核情况", from.ToString(), to.ToString());
    }
    StatusOr<std::vector<ReviewCase>> cases =
        store->AllCases(ctx.session->actor, "report " + report_options.title);
    if (!cases.ok()) {
      SendError(ctx, res, cases.status(), "/report");
      return;
    }
    StatusOr<CampaignReport> report =
        BuildCampaignReport(cases.value(), rules, report_options);
    if (!report.ok()) {
      SendError(ctx, res, report.status(), "/report");
      return;
    }
    // The writers write files (checked, whole, 0600): into a private
    // temporary directory, read back, removed.
    std::string format = Param(req, "format");
    char pattern[] = "/tmp/hedui-report-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
      SendError(ctx, res, Status::IOError("cannot make a temporary directory"),
                "/report");
      return;
    }
    std::string dir = pattern;
    std::string file, type, name;
    Status written;
    if (format == "html") {
      file = dir + "/report.html";
      written = WriteCampaignReportHtml(report.value(), file);
      type = "text/html; charset=utf-8";
      name = report_options.title + ".html";
    } else if (format.rfind("csv", 0) == 0) {
      static const std::map<std::string, std::string> kSheets = {
          {"csv", "总计"},
          {"csv-township", "乡镇"},
          {"csv-village", "村"},
          {"csv-ground", "按依据"},
          {"csv-cases", "案件明细"}};
      auto sheet = kSheets.find(format);
      if (sheet == kSheets.end()) sheet = kSheets.find("csv");
      written = WriteCampaignReportCsv(report.value(), dir + "/csv");
      file = dir + "/csv/" + sheet->second + ".csv";
      type = "text/csv; charset=utf-8";
      name = report_options.title + "-" + sheet->second + ".csv";
    } else {
      file = dir + "/report.xlsx";
      written = WriteCampaignReportXlsx(report.value(), file);
      type =
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      name = report_options.title + ".xlsx";
    }
    std::string bytes;
    if (written.ok()) {
      std::ifstream in(file, std::ios::binary);
      std::stringstream all;
      all << in.rdbuf();
      bytes = all.str();
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    if (!written.ok()) {
      SendError(ctx, res, written, "/report");
      return;
    }
    res.set_header(
        "Content-Disposition",
        "attachment; filename=\"report\"; filename*=UTF-8''" + UrlEncode(name));
    res.set_content(std::move(bytes), type);
  }

  void AuditPage(Ctx& ctx, const httplib::Request& req,
                 httplib::Response& res) {
    const Actor& actor = ctx.session->actor;
    std::string flag = Param(req, "flag");
    StatusOr<std::vector<AuditEntry>> entries = store->AuditLog(actor, flag);
    if (!entries.ok()) {
      SendError(ctx, res, entries.status());
      return;
    }
    std::string b =
        "<h1>审计日志</h1><div class=\"card\"><form class=\"filters\" "
        "method=\"get\" action=\"/audit\"><label>案件标识<input "
        "name=\"flag\" value=\"" +
        E(flag) +
        "\"></label><button "
        "type=\"submit\">查询</button><button type=\"submit\" "
        "name=\"verify\" value=\"1\" class=\"secondary\">校验哈希链"
        "</button></form>";
    if (Param(req, "verify") == "1") {
      StatusOr<AuditCheck> check = store->VerifyAudit(actor);
      if (!check.ok()) {
        b += "<div class=\"msg err\">" + E(check.status().message()) + "</div>";
      } else if (check->ok) {
        b += fmt::format(
            "<div class=\"msg ok\">校验通过：共 {} 条，链尾 第 {} 条 "
            "<code>{}</code>（请记下，下次校验时比对）。</div>",
            check->entries, check->head_seq, E(check->head_hash));
      } else {
        b += fmt::format("<div class=\"msg err\">校验失败：第 {} 条 {}</div>",
                         check->first_bad.value_or(0), E(check->problem));
      }
    }
    b += "</div>";
    const std::vector<AuditEntry>& all = entries.value();
    size_t shown = std::min<size_t>(all.size(), 500);
    b += fmt::format("<p class=\"muted\">共 {} 条，显示最近 {} 条。</p>",
                     all.size(), shown);
    b += "<table><tr><th>序号</th><th>" + TimeHead() +
         "</th><th>用户</th><th>操作</th><th>案件</th><th>变更</th></tr>";
    for (size_t i = all.size(); i > all.size() - shown; --i) {
      const AuditEntry& e = all[i - 1];
      b += fmt::format(
          "<tr><td class=\"num\">{}</td><td class=\"nowrap\">{}</td><td>{}</td>"
          "<td>{}</td><td>{}</td><td>{}{}{}</td></tr>",
          e.seq, TimeCell(e.at), E(e.user), E(AuditActionLabel(e.action)),
          E(e.flag_id), E(Truncate(e.before, 300)),
          e.before.empty() ? "" : " → ", E(Truncate(e.after, 300)));
    }
    b += "</table>";
    SendHtml(res, 200, ctx.nonce, RenderPage(MakeFrame(ctx, "审计日志"), b));
  }

  // ---- users (admins; the store checks and audits every call)

  void UsersPage(Ctx& ctx, httplib::Response& res,
                 const Status& error = Status()) {
    const Actor& actor = ctx.session->actor;
    StatusOr<std::vector<User>> users = store->ListUsers(actor);
    if (!users.ok()) {
      SendError(ctx, res, users.status());
      return;
    }
    Frame f = MakeFrame(ctx, "用户管理");
    int status = 200;
    if (!error.ok()) {
      f.error = error.message();
      f.flash.clear();
      status = HttpStatus(error);
    }
    SendHtml(res, status, ctx.nonce,
             RenderPage(f, UsersPageBody(users.value(), actor.name(),
                                         ctx.session->csrf,
                                         PlacesOf(actor).townships)));
  }

  void UsersChange(Ctx& ctx, const httplib::Request& req,
                   httplib::Response& res) {
    const Actor& actor = ctx.session->actor;
    const std::string action = req.matches[1];
    const std::string name = Field(req, "name");
    Status s;
    std::string done;
    if (action == "add" || action == "grant") {
      StatusOr<User> user =
          UserFromForm(name, Field(req, "role"), Field(req, "townships"),
                       Field(req, "sees_bank") == "1");
      if (!user.ok()) {
        s = user.status();
      } else if (action == "add") {
        s = SamePasswords(Field(req, "password"), Field(req, "password2"));
        if (s.ok()) s = store->AddUser(&actor, *user, Field(req, "password"));
        done =
            fmt::format("已添加用户 {}（{}）。", name, RoleLabel(user->role));
      } else {
        s = store->Grant(actor, *user);
        done = "已更新 " + name + " 的角色和授权。";
      }
    } else if (action == "password") {
      s = SamePasswords(Field(req, "password"), Field(req, "password2"));
      if (s.ok()) s = store->SetPassword(actor, name, Field(req, "password"));
      done = "已重置 " + name + " 的密码。";
    } else {
      const bool disable = action == "disable";
      s = store->SetDisabled(actor, name, disable);
      done = (disable ? "已停用 " : "已启用 ") + name + "。";
    }
    if (s.ok()) {
      sessions.SetFlash(ctx.token, done);
      res.set_redirect("/users", 303);
      return;
    }
    if (s.code() == Status::Code::kPermissionDenied) {
      // Not an admin (or no longer one): the refusal, not the page.
      SendError(ctx, res, s);
      return;
    }
    UsersPage(ctx, res, s);
  }

  // A thread for each connection (connection_threads.h), and the
  // descriptors for them.
  void SetUpConnections() {
    size_t files = RaiseOpenFileLimit(options.max_connections + 1024);
    ConnectionThreads::Options threads;
    // Room for the store's and the imports' files beside the sockets.
    threads.max_threads = std::max<size_t>(
        64, std::min(options.max_connections, files > 512 ? files - 512 : 64));
    http.new_task_queue = [this, threads] {
      // On stop, connections still open after the grace period are shut
      // down: a client trickling a request would keep the site from
      // stopping.
      return new ConnectionThreads(threads, &open_connections,
                                   [this] { ShutDownConnections(port); });
    };
    // cpp-httplib's defaults, stated: a read waits 5 s for the next bytes,
    // an idle kept-alive connection 5 s for its next request.
    http.set_read_timeout(5, 0);
    http.set_keep_alive_timeout(5);
  }

  // Bodies too large are refused before they are read. A client that
  // asks first (Expect: 100-continue; curl does for large bodies) is told
  // 413 instead of being invited to send. cpp-httplib 0.11.4 reads a
  // chunked body whole into memory with no limit, and no browser sends a
  // form chunked: a request body without Content-Length is refused (411)
  // before it is read, and the connection closed after the answer.
  void GuardBodies() {
    http.set_expect_100_continue_handler([this](const httplib::Request& req,
                                                httplib::Response& res) {
      std::string length = req.get_header_value("Content-Length");
      if (!length.empty() &&
          std::strtoull(length.c_str(), nullptr, 10) > options.max_body_bytes) {
        res.status = 413;
        res.set_header("Connection", "close");
        return 413;
      }
      return 100;
    });
    http.set_pre_routing_handler(
        [](const httplib::Request& req, httplib::Response& res) {
          if (!req.has_header("Transfer-Encoding"))
            return httplib::Server::HandlerResponse::Unhandled;
          res.set_header("Connection", "close");
          SendPlainError(res, 411,
                         "请求须注明长度（Content-Length）/ a request body "
                         "needs a Content-Length");
          return httplib::Server::HandlerResponse::Handled;
        });
  }

  // ---- households (一户一档): engine/web/household_page.cc renders them.
  void HouseholdListPage(Ctx& ctx, const httplib::Request& req,
                         httplib::Response& res) {
    ImportIfNewRun(false);
    std::string error;
    auto param = [&](const char* name) { return Param(req, name); };
    CaseFilter filter = HouseholdFilterFromQuery(param, &error);
    HouseholdListView view;
    view.page_size = kPageSize;
    std::string page_text = Param(req, "page");
    if (!page_text.empty() && page_text.size() < 7 &&
        page_text.find_first_not_of("0123456789") == std::string::npos)
      view.page = std::max<size_t>(1, std::stoul(page_text));
    filter.offset = (view.page - 1) * kPageSize;
    filter.limit = kPageSize;
    StatusOr<std::vector<HouseholdSummary>> rows =
        store->ListHouseholds(ctx.session->actor, filter, &view.matched);
    if (!rows.ok()) {
      SendError(ctx, res, rows.status());
      return;
    }
    view.rows = std::move(rows.value());
    view.pages =
        std::max<size_t>(1, (view.matched + kPageSize - 1) / kPageSize);
    for (const char* name : {"township", "village", "rule", "status", "min",
                             "from", "to", "q", "assignee", "sort"}) {
      std::string v = Param(req, name);
      if (!v.empty())
        view.query += (view.query.empty() ? "" : "&") + std::string(name) +
                      "=" + UrlEncode(v);
    }
    view.q = Param(req, "q");
    view.township = Param(req, "township");
    view.status = Param(req, "status");
    Frame f = MakeFrame(ctx, "低保户档案");
    f.error = error;
    SendHtml(res, 200, ctx.nonce, RenderPage(f, HouseholdListBody(view)));
  }

  void HouseholdPage(Ctx& ctx, const httplib::Request&, httplib::Response& res,
                     const std::string& key, const Status& error = Status()) {
    StatusOr<HouseholdFile> file =
        store->ShowHousehold(ctx.session->actor, key);
    if (!file.ok()) {
      SendError(ctx, res, error.ok() ? file.status() : error, "/households");
      return;
    }
    HouseholdPageView view;
    view.file = std::move(file.value());
    view.works = Works(ctx.session->actor);
    view.csrf = ctx.session->csrf;
    view.today = Today();
    view.confirmed_outcomes = store->confirmed_outcomes();
    view.cleared_outcomes = store->cleared_outcomes();
    Frame f = MakeFrame(ctx, "低保户档案 " + view.file.summary.file_number);
    int status = 200;
    if (!error.ok()) {
      f.error = error.message();
      f.flash.clear();
      status = HttpStatus(error);
    }
    SendHtml(res, status, ctx.nonce, RenderPage(f, HouseholdPageBody(view)));
  }

  void HouseholdChange(Ctx& ctx, const httplib::Request& req,
                       httplib::Response& res) {
    const std::string key = req.matches[1];
    const std::string action = req.matches[2];
    const Actor& actor = ctx.session->actor;
    uint64_t version = ParseVersion(Field(req, "version"));
    Status s;
    std::string done;
    if (action == "assign") {
      s = store->AssignHousehold(actor, key, Field(req, "assignee"), version);
      done = "已将全户未办结的疑点分派给 " + Field(req, "assignee") + "。";
    } else if (action == "step") {
      std::optional<StepKind> kind = ParseStepKind(Field(req, "kind"));
      std::vector<NewAttachment> files = UploadedFiles(req);
      if (!kind) {
        s = Status::InvalidArgument("请选择核查事项。");
      } else {
        s = store->RecordHouseholdStep(actor, key, *kind, Field(req, "date"),
                                       Field(req, "notes"), files, version);
        done = "已在全户未办结的疑点上记录" +
               std::string(StepKindLabel(*kind)) + "。";
      }
    } else {  // decide/FLAG: one ground's decision, back to the household
      s = DecideFromForm(actor, req.matches[3], req, version, &done);
    }
    if (s.ok()) {
      sessions.SetFlash(ctx.token, done);
      res.set_redirect("/households/" + UrlEncode(key), 303);
      return;
    }
    HouseholdPage(ctx, req, res, key, s);
  }

  void Routes() {
    GuardBodies();
    http.set_payload_max_length(options.max_body_bytes);
    // Without it a page sent in two writes waits for the client's delayed
    // ACK (40 ms): the server idled at 7% CPU serving 290 lists a second.
    http.set_tcp_nodelay(true);
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"X-Frame-Options", "DENY"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cache-Control", "no-store"}});
    http.set_post_routing_handler(
        [](const httplib::Request&, httplib::Response& res) {
          if (!res.has_header("Content-Security-Policy"))
            res.set_header("Content-Security-Policy",
                           "default-src 'self'; frame-ancestors 'none'");
        });
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty())
            return httplib::Server::HandlerResponse::Unhandled;
          std::string message = res.status == 413
                                    ? "上传的内容太大（附件不超过 20 MB）。"
                                : res.status == 404 ? "没有这个页面。"
                                : res.status == 400 ? "请求格式错误。"
                                                    : "请求无法处理。";
          SendPlainError(res, res.status, message);
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler([](const httplib::Request&,
                                  httplib::Response& res, std::exception_ptr) {
      SendPlainError(res, 500, "服务器内部错误。");
    });

    http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("ok\n", "text/plain; charset=utf-8");
    });
    http.Get("/static/site.css", [](const httplib::Request&,
                                    httplib::Response& res) {
      res.set_header("Cache-Control", "max-age=3600");
      res.set_content(std::string(StyleSheet()), "text/css; charset=utf-8");
    });
    http.Get("/",
             Authed([](Ctx& c, const httplib::Request&, httplib::Response& r) {
               r.set_redirect(LandingPage(c.session->actor), 303);
             }));
    http.Get("/login",
             [this](const httplib::Request& req, httplib::Response& res) {
               LoginPage(req, res, 200, "");
             });
    http.Post("/login", [this](const httplib::Request& req,
                               httplib::Response& res) { Login(req, res); });
    using namespace std::placeholders;
    http.Post("/logout",
              Authed([this](Ctx& c, const httplib::Request& q,
                            httplib::Response& r) { Logout(c, q, r); }));
    http.Get("/cases",
             Authed([this](Ctx& c, const httplib::Request& q,
                           httplib::Response& r) { ListPage(c, q, r); }));
    http.Get(
        R"(/cases/([A-Za-z0-9]{1,64}))",
        Authed([this](Ctx& c, const httplib::Request& q, httplib::Response& r) {
          RenderCase(c, q, r, q.matches[1]);
        }));
    http.Get(R"(/cases/([A-Za-z0-9]{1,64})/notice)",
             Authed([this](Ctx& c, const httplib::Request& q,
                           httplib::Response& r) { NoticePage(c, q, r); }));
    http.Get(R"(/cases/([A-Za-z0-9]{1,64})/files/([0-9a-f]{64}))",
             Authed([this](Ctx& c, const httplib::Request& q,
                           httplib::Response& r) { Download(c, q, r); }));
    http.Post(
        R"(/cases/([A-Za-z0-9]{1,64})/(assign|step|decide|stop|recover|comment|rereview))",
        Authed([this](Ctx& c, const httplib::Request& q, httplib::Response& r) {
          Change(c, q, r);
        }));
    http.Get("/households", Authed([this](Ctx& c, const httplib::Request& q,
                                          httplib::Response& r) {
               HouseholdListPage(c, q, r);
             }));
    http.Get(
        R"(/households/([^/]{1,128}))",
        Authed([this](Ctx& c, const httplib::Request& q, httplib::Response& r) {
          HouseholdPage(c, q, r, q.matches[1]);
        }));
    http.Post(
        R"(/households/([^/]{1,128})/(assign|step|decide)(?:/([A-Za-z0-9]{1,64}))?)",
        Authed([this](Ctx& c, const httplib::Request& q, httplib::Response& r) {
          HouseholdChange(c, q, r);
        }));
    http.Get("/audit",
             Authed([this](Ctx& c, const httplib::Request& q,
                           httplib::Response& r) { AuditPage(c, q, r); }));
    http.Get("/users",
             Authed([this](Ctx& c, const httplib::Request&,
                           httplib::Response& r) { UsersPage(c, r); }));
    http.Post(R"(/users/(add|grant|password|disable|enable))",
              Authed([this](Ctx& c, const httplib::Request& q,
                            httplib::Response& r) { UsersChange(c, q, r); }));
    http.Get("/report",
             Authed([this](Ctx& c, const httplib::Request& q,
                           httplib::Response& r) { ReportPage(c, q, r); }));
    http.Get("/report/download",
             Authed([this](Ctx& c, const httplib::Request& q,
                           httplib::Response& r) { ReportDownload(c, q, r); }));
  }
};

StatusOr<std::unique_ptr<ReviewServer>> ReviewServer::Create(
    const ServerOptions& options) {
  CaseStore::Options store_options;
  store_options.rules = options.rules;
  StatusOr<std::unique_ptr<CaseStore>> store =
      CaseStore::Open(options.data_dir, store_options);
  if (!store.ok()) return store.status();
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->store = std::move(store.value());
  LoginThrottle::Limits limits;
  limits.per_user = options.sign_in_failures_per_user;
  limits.per_address = options.sign_in_failures_per_address;
  impl->throttle = std::make_unique<LoginThrottle>(limits);
  impl->trusted_proxies.insert(options.trusted_proxies.begin(),
                               options.trusted_proxies.end());
  impl->ImportIfNewRun(true);
  impl->SetUpConnections();
  impl->Routes();
  return std::unique_ptr<ReviewServer>(new ReviewServer(std::move(impl)));
}

CaseStore* ReviewServer::store() { return impl_->store.get(); }

ReviewServer::ReviewServer(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

ReviewServer::~ReviewServer() {
  Stop();
  if (impl_->importer.joinable()) impl_->importer.join();
}

Status ReviewServer::Bind() {
  if (impl_->options.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(impl_->options.listen);
  } else if (impl_->http.bind_to_port(impl_->options.listen,
                                      impl_->options.port)) {
    impl_->port = impl_->options.port;
  } else {
    impl_->port = -1;
  }
  if (impl_->port > 0) {
    // A burst of connections must not wait on cpp-httplib's backlog of 5
    // (connection_threads.h); without the raise the site still works.
    (void)RaiseListenBacklog(impl_->port, 4096);
  }
  if (impl_->port <= 0) {
    return Status::IOError(fmt::format(
        "无法监听 {}:{}（端口被占用或地址无效）/ cannot listen on {}:{}",
        impl_->options.listen, impl_->options.port, impl_->options.listen,
        impl_->options.port));
  }
  return Status();
}

int ReviewServer::port() const { return impl_->port; }

Status ReviewServer::Serve() {
  if (impl_->port <= 0) HEDUI_RETURN_IF_ERROR(Bind());
  impl_->importer = std::thread([this] { impl_->ImportLoop(); });
  if (!impl_->http.listen_after_bind() && !impl_->stopping) {
    return Status::IOError("服务器意外停止 / the server stopped");
  }
  return Status();
}

void ReviewServer::Stop() {
  {
    std::lock_guard lock(impl_->stop_mu);
    impl_->stopping = true;
  }
  impl_->stop_cv.notify_all();
  impl_->http.stop();
}

void ReviewServer::AgeSessionsForTest(std::chrono::seconds by) {
  impl_->sessions.AgeAllForTest(by);
}

uint64_t ReviewServer::PasswordChecksForTest() const {
  return impl_->password_checks;
}

size_t ReviewServer::OpenConnectionsForTest() const {
  return impl_->open_connections;
}

}  // namespace hedui::web
