// A calendar day, and the date spellings departments write (DOMAIN.md §3).
#ifndef HEDUI_DATE_H_
#define HEDUI_DATE_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace hedui {

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

}  // namespace hedui

#endif  // HEDUI_DATE_H_
