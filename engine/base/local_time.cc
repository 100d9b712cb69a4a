#include "engine/base/local_time.h"

#include <cstdint>
#include <cstdio>

namespace hedui {
namespace {

// Seconds since the epoch shifted into the zone, split into whole days and
// the second of the day, rounding towards the past (a time before 1970 has
// a negative count, and integer division would round it the wrong way).
void SplitLocal(std::chrono::system_clock::time_point t, int offset_minutes,
                int64_t* days, int64_t* second_of_day) {
  int64_t s =
      std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch())
          .count() +
      int64_t{offset_minutes} * 60;
  int64_t d = s / 86400;
  int64_t r = s % 86400;
  if (r < 0) {
    r += 86400;
    --d;
  }
  *days = d;
  *second_of_day = r;
}

}  // namespace

Date LocalDate(std::chrono::system_clock::time_point t,
               int utc_offset_minutes) {
  int64_t days, second;
  SplitLocal(t, utc_offset_minutes, &days, &second);
  return Date{static_cast<int32_t>(days)};
}

std::string FormatLocalTime(std::chrono::system_clock::time_point t,
                            int utc_offset_minutes) {
  int64_t days, second;
  SplitLocal(t, utc_offset_minutes, &days, &second);
  char buf[32];
  std::snprintf(
      buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(second / 3600),
      static_cast<int>(second / 60 % 60), static_cast<int>(second % 60));
  return Date{static_cast<int32_t>(days)}.ToString() + buf;
}

Date TodayInChina() {
  return LocalDate(std::chrono::system_clock::now(), kChinaUtcOffsetMinutes);
}

}  // namespace hedui
