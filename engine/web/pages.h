// The review site's HTML: the page frame (style sheet, header, messages),
// and small pieces every page uses. Every value that comes from data or
// from a person goes through HtmlEscape (engine/base/html.h) here.
#ifndef HEDUI_ENGINE_WEB_PAGES_H_
#define HEDUI_ENGINE_WEB_PAGES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "hedui/review_case.h"

namespace hedui::web {

// What the frame of a page shows around its body.
struct Frame {
  std::string title;
  std::string user_line;  // "张三（乡镇经办人）"; empty: not signed in
  bool cases_link = true;  // not for the auditor (the list is a 403)
  bool audit_link = false;
  bool report_link = false;
  bool users_link = false;  // 用户管理, for admins
  std::string csrf;         // for the sign-out form
  std::string flash;        // a message in green
  std::string error;        // a message in red
  std::string nonce;        // the CSP nonce of the page's inline script
};

// A whole HTML5 page.
std::string RenderPage(const Frame& frame, const std::string& body);

// The site's style sheet, served as /static/site.css.
std::string_view StyleSheet();

// A Chinese name for a rule code (DECEASED → 死亡); the code itself when
// unknown.
std::string_view RuleLabel(std::string_view rule);

// <span class="badge st-…">已分派</span>
std::string StatusBadge(CaseStatus status);

// "1,234.50" from fen.
std::string Yuan(int64_t fen);

// Percent-encoding for a query value or a path segment.
std::string UrlEncode(std::string_view s);

// A hidden CSRF field.
std::string CsrfField(const std::string& csrf);

// The attributes of every date input of the site: a text box that shows
// and takes yyyy-mm-dd only (the form the store reads). Not type="date":
// the browser draws that in its own locale's order (headless Chromium
// showed mm/dd/yyyy on the demo's pages), which an officer then misreads.
// No braces, so that it also goes inside a fmt format string:
//   "<input " HEDUI_DATE_INPUT " name=\"date\">"
#define HEDUI_DATE_INPUT                                                 \
  "type=\"text\" inputmode=\"numeric\" maxlength=\"10\" lang=\"zh-CN\" " \
  "pattern=\"\\d\\d\\d\\d-\\d\\d-\\d\\d\" "                              \
  "placeholder=\"yyyy-mm-dd\" title=\"日期，格式 yyyy-mm-dd\""

// One evidence record as a card: its department and export (the file's
// name, never its folder), line and batch, then each field in Chinese with
// codes as Chinese words (truck → 货车) and the raw name and code as the
// title. Every value escaped.
std::string EvidenceRecordHtml(const EvidenceRecord& r);

// A stored UTC time ("2026-12-08T00:31:21Z") as the county's local time
// ("2026-12-08 08:31:21"), escaped (engine/base/local_time.h).
std::string TimeCell(std::string_view utc);
// "时间（北京时间）": the head of a column of TimeCell.
std::string TimeHead();

}  // namespace hedui::web

#endif  // HEDUI_ENGINE_WEB_PAGES_H_
