#include "engine/web/pages.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "engine/base/html.h"
#include "engine/base/local_time.h"
#include "engine/base/text.h"
#include "engine/cases/field_labels.h"

namespace hedui::web {
namespace {

// One style sheet, served from the site itself (default-src 'self'): no
// font, script or image from the internet.
constexpr std::string_view kStyle = R"css(
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: #1f2933; background: #f3f5f8; }
header { background: #1d4e89; color: #fff; padding: 10px 24px; display: flex; align-items: center; gap: 24px; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
header .brand { font-size: 18px; }
header .who { margin-left: auto; font-size: 14px; opacity: .9; }
header form { margin: 0; }
header button { background: transparent; color: #fff; border: 1px solid #fff8; padding: 3px 10px; border-radius: 4px; cursor: pointer; }
main { max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 8px 0 16px; }
h2 { font-size: 17px; margin: 0 0 10px; color: #1d4e89; }
a { color: #1d4e89; }
.card { background: #fff; border: 1px solid #dde3ea; border-radius: 6px; padding: 14px 18px; margin-bottom: 16px; }
.msg { padding: 10px 14px; border-radius: 6px; margin-bottom: 14px; }
.msg.ok { background: #e3f6e8; border: 1px solid #8fd19e; color: #14532d; }
.msg.err { background: #fdecec; border: 1px solid #f2a7a7; color: #7f1d1d; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e6eaef; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; white-space: nowrap; }
th a { text-decoration: none; color: inherit; }
tr:hover td { background: #f7fafd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.reason { min-width: 180px; max-width: 360px; white-space: normal; overflow-wrap: anywhere; color: #52606d; }
table.cases { table-layout: auto; }
table.users td form { display: inline-flex; gap: 6px; align-items: center; margin: 2px 0; flex-wrap: wrap; }
table.users td form input[type=password] { width: 9em; }
table.users td form input.townships { width: 11em; }
tr.disabled td { color: #9aa5b1; background: #f8f9fa; }
.badge.off { background: #e5e7eb; color: #6b7280; }
.badge.on { background: #dcfce7; color: #166534; }
form.adduser { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px 16px; align-items: end; }
form.adduser label { display: flex; flex-direction: column; font-size: 13px; color: #52606d; gap: 2px; }
form.adduser label.check { flex-direction: row; align-items: center; gap: 6px; }
td.nowrap { white-space: nowrap; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; white-space: nowrap; }
.st-new { background: #fde8c8; color: #7c4a03; }
.st-assigned { background: #dbeafe; color: #1e3a8a; }
.st-under_review { background: #e0e7ff; color: #3730a3; }
.st-confirmed { background: #fee2e2; color: #991b1b; }
.st-cleared { background: #dcfce7; color: #166534; }
.st-stopped { background: #e5e7eb; color: #111827; }
.st-gone { background: #f3f4f6; color: #6b7280; }
.rule { display: inline-block; padding: 1px 6px; border-radius: 4px; background: #eef2f7; font-size: 13px; white-space: nowrap; }
form.filters { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: flex-end; }
form.filters label { display: flex; flex-direction: column; font-size: 13px; color: #52606d; }
input, select, textarea { font: inherit; padding: 5px 8px; border: 1px solid #b8c2cc; border-radius: 4px; background: #fff; }
textarea { width: 100%; min-height: 60px; }
button, .button { font: inherit; padding: 6px 16px; border-radius: 4px; border: 1px solid #1d4e89; background: #1d4e89; color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: #fff; color: #1d4e89; }
button.danger { background: #b91c1c; border-color: #b91c1c; }
.pager { display: flex; gap: 12px; align-items: center; margin: 12px 0; }
.muted { color: #7b8794; font-size: 13px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { color: #52606d; }
dl.facts dd { margin: 0; }
.evidence { display: flex; flex-wrap: wrap; gap: 12px; }
.evidence .rec { flex: 1 1 280px; border: 1px solid #dde3ea; border-radius: 6px; padding: 8px 10px; background: #fbfcfd; }
.evidence .src { font-size: 13px; color: #52606d; margin-bottom: 4px; word-break: break-all; }
.evidence table td { padding: 2px 6px; font-size: 14px; }
.evidence table td:first-child { color: #52606d; white-space: nowrap; }
.months { display: flex; flex-wrap: wrap; gap: 6px; }
.months span { background: #eef2f7; border-radius: 4px; padding: 2px 8px; font-size: 13px; font-variant-numeric: tabular-nums; }
.actions { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 16px; }
.actions form { display: flex; flex-direction: column; gap: 8px; }
.actions form label { display: flex; flex-direction: column; font-size: 13px; color: #52606d; gap: 2px; }
.cols { display: grid; grid-template-columns: 2fr 1fr; gap: 16px; }
.login { max-width: 380px; margin: 60px auto; }
.login form { display: flex; flex-direction: column; gap: 12px; }
.login label { display: flex; flex-direction: column; gap: 4px; }
ul.plain { margin: 0; padding-left: 18px; }
.hint { background: #fff7e0; border: 1px solid #f0d68a; color: #6b4e00; padding: 8px 12px; border-radius: 6px; margin: 0 0 12px; }
table.monthgrid td, table.monthgrid th { padding: 3px 6px; font-size: 13px; }
)css";

}  // namespace

std::string_view StyleSheet() { return kStyle; }

std::string_view RuleLabel(std::string_view rule) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14>
      kLabels = {{{"DECEASED", "死亡"},
                  {"MOVED", "户籍迁出"},
                  {"VEHICLE", "车辆"},
                  {"PROPERTY", "房产"},
                  {"BUSINESS", "经营主体"},
                  {"PUBLIC_PAY", "财政供养"},
                  {"CADRE_KIN", "干部亲属"},
                  {"ASSETS", "存款资产"},
                  {"INCOME", "收入超标"},
                  {"SPLIT", "拆户"},
                  {"DUPLICATE", "重复享受"},
                  {"PAYMENT", "发放异常"},
                  {"MERGE", "应合户"},
                  {"UNDERPAID", "少发"}}};
  for (const auto& [code, label] : kLabels) {
    if (code == rule) return label;
  }
  return rule;
}

std::string StatusBadge(CaseStatus status) {
  return fmt::format("<span class=\"badge st-{}\">{}</span>",
                     CaseStatusName(status), CaseStatusLabel(status));
}

std::string Yuan(int64_t fen) {
  std::string plain = FormatFen(fen);
  size_t dot = plain.find('.');
  if (dot == std::string::npos) dot = plain.size();
  size_t start = plain[0] == '-' ? 1 : 0;
  std::string out = plain.substr(dot);
  for (size_t i = dot, n = 0; i > start; --i, ++n) {
    if (n && n % 3 == 0) out.insert(0, 1, ',');
    out.insert(0, 1, plain[i - 1]);
  }
  if (start) out.insert(0, 1, '-');
  return out;
}

std::string UrlEncode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::string CsrfField(const std::string& csrf) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + HtmlEscape(csrf) +
         "\">";
}

std::string TimeCell(std::string_view utc) {
  return HtmlEscape(LocalTimeText(utc));
}

std::string TimeHead() {
  return "时间（" + HtmlEscape(DisplayTimeZoneLabel()) + "）";
}

std::string RenderPage(const Frame& frame, const std::string& body) {
  std::string out;
  out.reserve(body.size() + 2048);
  out +=
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\"><title>";
  AppendHtmlEscaped(frame.title, &out);
  out +=
      " · 低保核查</title><link rel=\"stylesheet\" "
      "href=\"/static/site.css\"></head><body><header><a class=\"brand\" "
      "href=\"/\">低保核查 · 案件复核</a>";
  if (!frame.user_line.empty()) {
    if (frame.cases_link) out += "<a href=\"/cases\">案件列表</a>";
    if (frame.report_link) out += "<a href=\"/report\">统计报表</a>";
    if (frame.audit_link) out += "<a href=\"/audit\">审计日志</a>";
    if (frame.users_link) out += "<a href=\"/users\">用户管理</a>";
    out += "<span class=\"who\">";
    AppendHtmlEscaped(frame.user_line, &out);
    out +=
        "</span><form method=\"post\" action=\"/logout\" "
        "enctype=\"multipart/form-data\">";
    out += CsrfField(frame.csrf);
    out += "<button type=\"submit\">退出</button></form>";
  }
  out += "</header><main>";
  if (!frame.flash.empty()) {
    out += "<div class=\"msg ok\" role=\"status\">";
    AppendHtmlEscaped(frame.flash, &out);
    out += "</div>";
  }
  if (!frame.error.empty()) {
    out += "<div class=\"msg err\" role=\"alert\">";
    AppendHtmlEscaped(frame.error, &out);
    out += "</div>";
  }
  out += body;
  out += "</main>";
  if (!frame.nonce.empty()) {
    // Asks before the steps that cannot be undone from the site, and sends
    // the filter form when a select changes.
    out += "<script nonce=\"" + frame.nonce +
           "\">document.querySelectorAll('form[data-confirm]').forEach("
           "function(f){f.addEventListener('submit',function(e){if(!confirm("
           "f.dataset.confirm))e.preventDefault();});});"
           "document.querySelectorAll('form.filters select').forEach("
           "function(s){s.addEventListener('change',function(){s.form."
           "submit();});});</script>";
  }
  out += "</body></html>\n";
  return out;
}

std::string EvidenceRecordHtml(const EvidenceRecord& r) {
  auto E = [](std::string_view text) { return HtmlEscape(text); };
  std::string_view file = r.file;
  if (size_t slash = file.rfind('/'); slash != std::string_view::npos)
    file = file.substr(slash + 1);
  std::string b = fmt::format(
      "<div class=\"rec\"><div class=\"src\"><strong>{}</strong> · {} 第 {} "
      "行 · 批次 {}</div><table>",
      E(FeedLabel(r.feed)), E(file), r.line, r.batch);
  for (const auto& [k, v] : r.values) {
    b += "<tr><td title=\"" + E(k) + "\">" + E(FieldLabel(r.feed, k)) +
         "</td><td title=\"" + E(v) + "\">" + E(ValueLabel(r.feed, k, v)) +
         "</td></tr>";
  }
  return b + "</table></div>";
}

}  // namespace hedui::web
