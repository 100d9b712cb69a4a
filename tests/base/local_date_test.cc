// The county's clock (engine/base/local_time.h): the day in China is not
// the day in UTC for eight hours of every day.
#include "engine/base/local_time.h"

#include <gtest/gtest.h>

namespace hedui {
namespace {

std::chrono::system_clock::time_point Utc(int y, int m, int d, int hh, int mm,
                                          int ss) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(
      int64_t{Date::FromYmd(y, m, d).days} * 86400 + hh * 3600 + mm * 60 + ss));
}

TEST(LocalTime, ChinaIsEightHoursAheadOfUtc) {
  // 15:59:59 UTC is 23:59:59 in China, the same day; a second later the
  // next day there.
  EXPECT_EQ(LocalDate(Utc(2026, 12, 8, 15, 59, 59)).ToString(), "2026-12-08");
  EXPECT_EQ(LocalDate(Utc(2026, 12, 8, 16, 0, 0)).ToString(), "2026-12-09");
  EXPECT_EQ(FormatLocalTime(Utc(2026, 12, 8, 16, 0, 0)), "2026-12-09 00:00:00");
  EXPECT_EQ(FormatLocalTime(Utc(2026, 12, 31, 17, 5, 9)),
            "2027-01-01 01:05:09");
  // UTC itself, and a zone west of it.
  EXPECT_EQ(LocalDate(Utc(2026, 12, 8, 16, 0, 0), 0).ToString(), "2026-12-08");
  EXPECT_EQ(FormatLocalTime(Utc(2026, 3, 1, 2, 30, 0), -5 * 60),
            "2026-02-28 21:30:00");
}

TEST(LocalTime, BeforeTheEpochRoundsToThePast) {
  EXPECT_EQ(FormatLocalTime(Utc(1969, 12, 31, 15, 0, 0)),
            "1969-12-31 23:00:00");
  EXPECT_EQ(LocalDate(Utc(1969, 12, 31, 1, 0, 0), -120).ToString(),
            "1969-12-30");
}

}  // namespace
}  // namespace hedui
