// Parsing the values departments write: blanks, full-width forms, dates in
// the spellings of DOMAIN.md §3, amounts with separators and units.
#ifndef HEDUI_ENGINE_TEXT_H_
#define HEDUI_ENGINE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace hedui {

// Strips ASCII blanks, NBSP (U+00A0) and the ideographic space (U+3000).
std::string_view TrimBlank(std::string_view s);

// Folds full-width ASCII variants (U+FF01..FF5E) and U+3000 to ASCII.
std::string FoldFullWidth(std::string_view s);

bool IsValidCivilDate(int year, int month, int day);

// A calendar day as days since 1970-01-01 (proleptic Gregorian).
struct Date {
  int32_t days = 0;

  static Date FromYmd(int year, int month, int day);
  int yyyymmdd() const;
  int year() const;
  int month() const;  // 1..12
  // Months since year 0, for counting monthly payments.
  int month_index() const { return year() * 12 + month() - 1; }
  std::string ToString() const;   // YYYY-MM-DD
  void WriteTo(char* out) const;  // the 10 characters of ToString()
  friend bool operator==(Date a, Date b) { return a.days == b.days; }
  friend auto operator<=>(Date a, Date b) { return a.days <=> b.days; }
};

// Accepts 2024-03-05, 2024/3/5, 2024.3.5, 20240305, 2024年3月5日, with
// full-width digits and a trailing time ("2024-03-05 08:00:00") ignored.
bool ParseDate(std::string_view raw, Date* date);

// Amounts in fen (0.01 元). Accepts thousands separators (, ， and spaces),
// 、 or ． as the decimal point, a leading sign, a trailing 元 or 万元
// (×10000). `scale` multiplies the value (10000 when the column header says
// 万元). Fractions of a fen are rounded half away from zero.
bool ParseAmountFen(std::string_view raw, int64_t scale, int64_t* fen);

// "1234.50" from 123450 fen.
std::string FormatFen(int64_t fen);
// The same into `out` (at least 24 bytes); returns the length.
size_t WriteFen(int64_t fen, char* out);

}  // namespace hedui

#endif  // HEDUI_ENGINE_TEXT_H_
