#include "engine/base/json.h"

#include <gtest/gtest.h>

namespace hedui {
namespace {

TEST(JsonTest, EscapesQuotesBackslashesAndControlBytes) {
  EXPECT_EQ(JsonEscape("a\"b\\c"), "a\\\"b\\\\c");
  EXPECT_EQ(JsonEscape("\n\r\t"), "\\n\\r\\t");
  EXPECT_EQ(JsonEscape(std::string_view("\x01\x1f", 2)), "\\u0001\\u001f");
  EXPECT_EQ(JsonEscape("王建国"), "王建国");  // UTF-8 passes through
}

TEST(JsonTest, QuoteAddsQuotes) {
  EXPECT_EQ(JsonQuote(""), "\"\"");
  EXPECT_EQ(JsonQuote("x\"y"), "\"x\\\"y\"");
}

}  // namespace
}  // namespace hedui
