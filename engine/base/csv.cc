#include "engine/base/csv.h"

namespace hedui {

bool LooksLikeFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      break;
  }
  // U+FF1D ＝ EF BC 9D, U+FF0B ＋ EF BC 8B, U+FF0D － EF BC 8D,
  // U+FF20 ＠ EF BC A0.
  if (text.size() >= 3 && text[0] == '\xEF' && text[1] == '\xBC') {
    char c = text[2];
    return c == '\x9D' || c == '\x8B' || c == '\x8D' || c == '\xA0';
  }
  return false;
}

void AppendCsvField(std::string_view value, bool guard_formula,
                    std::string* out) {
  const bool guard = guard_formula && LooksLikeFormula(value);
  const bool quote =
      value.find_first_of(",\"\r\n") != std::string_view::npos ||
      (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!quote) {
    if (guard) *out += '\'';
    *out += value;
    return;
  }
  *out += '"';
  if (guard) *out += '\'';
  for (char c : value) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

std::string CsvText(std::string_view value) {
  std::string out;
  AppendCsvField(value, true, &out);
  return out;
}

}  // namespace hedui
