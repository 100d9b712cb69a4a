#include "engine/base/html.h"

#include <gtest/gtest.h>

#include <string>

namespace hedui {
namespace {

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(HtmlEscape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("a & b"), "a &amp; b");
  EXPECT_EQ(HtmlEscape("\"x\" 'y'"), "&quot;x&quot; &#39;y&#39;");
  EXPECT_EQ(HtmlEscape("&amp;"), "&amp;amp;");
}

TEST(HtmlEscape, PassesUtf8AndPlainText) {
  EXPECT_EQ(HtmlEscape("王五 城关镇 410329"), "王五 城关镇 410329");
  EXPECT_EQ(HtmlEscape(""), "");
  EXPECT_EQ(HtmlEscape(std::string("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
  std::string out = "<p>";
  AppendHtmlEscaped("<b>", &out);
  EXPECT_EQ(out, "<p>&lt;b&gt;");
}

}  // namespace
}  // namespace hedui
