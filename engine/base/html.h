// Escaping text for HTML: every value hedui puts into a page (names and
// addresses come from department files, notes from reviewers) goes through
// it, so that a name written as "<script>…" shows as text.
#ifndef HEDUI_ENGINE_BASE_HTML_H_
#define HEDUI_ENGINE_BASE_HTML_H_

#include <string>
#include <string_view>

namespace hedui {

// `s` with & < > " ' as character references: safe as element text and as
// a quoted attribute value. Other bytes pass through (UTF-8 already).
std::string HtmlEscape(std::string_view s);

// Appends HtmlEscape(s) to `out`.
void AppendHtmlEscaped(std::string_view s, std::string* out);

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_HTML_H_
