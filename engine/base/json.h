// Writing JSON strings: the one escaping every JSON output of hedui uses
// (case exports, the summary, batch records in the index).
#ifndef HEDUI_ENGINE_BASE_JSON_H_
#define HEDUI_ENGINE_BASE_JSON_H_

#include <string>
#include <string_view>

namespace hedui {

// Appends `s` to `out` escaped as the inside of a JSON string: quote,
// backslash, \n, \r and \t by name, other control bytes as \u00XX. Bytes of
// 0x80 and above pass through: the text is UTF-8 already.
void AppendJsonEscaped(std::string_view s, std::string* out);

// `s` escaped, without quotes.
std::string JsonEscape(std::string_view s);

// `s` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view s);

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_JSON_H_
