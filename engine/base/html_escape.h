// Text into HTML: every value a page shows comes from department files or
// reviewers, so each is escaped where it is written.
#ifndef HEDUI_ENGINE_BASE_HTML_ESCAPE_H_
#define HEDUI_ENGINE_BASE_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace hedui {

// & < > " ' as entities: safe in element text and in quoted attribute
// values. Bytes are otherwise kept (UTF-8 passes through).
std::string HtmlEscape(std::string_view text);

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_HTML_ESCAPE_H_
