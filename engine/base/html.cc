#include "engine/base/html.h"

namespace hedui {

void AppendHtmlEscaped(std::string_view s, std::string* out) {
  out->reserve(out->size() + s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      case '\'':
        // &#39; rather than &apos;, which HTML 4 did not know.
        out->append("&#39;");
        break;
      case '\0':
        // A NUL is a parse error in HTML; U+FFFD is what a browser shows.
        out->append("\xEF\xBF\xBD");
        break;
      default:
        out->push_back(c);
    }
  }
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  AppendHtmlEscaped(s, &out);
  return out;
}

}  // namespace hedui
