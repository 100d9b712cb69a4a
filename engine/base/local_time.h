// The county's clock: the calendar day and wall time where the county is,
// not where the server's TZ happens to point. China keeps one time zone,
// UTC+8, with no daylight saving, so a fixed offset is exact; an offset is
// passed rather than a zone name so the engine needs no tz database.
#ifndef HEDUI_ENGINE_BASE_LOCAL_TIME_H_
#define HEDUI_ENGINE_BASE_LOCAL_TIME_H_

#include <chrono>
#include <string>

#include "hedui/date.h"

namespace hedui {

// Asia/Shanghai: UTC+8 all year.
inline constexpr int kChinaUtcOffsetMinutes = 8 * 60;

// The calendar day at `t` in a zone `utc_offset_minutes` east of UTC
// (negative: west). 2026-12-08T17:00Z is 2026-12-09 in China.
Date LocalDate(std::chrono::system_clock::time_point t,
               int utc_offset_minutes = kChinaUtcOffsetMinutes);

// "2026-12-09 01:00:00" at `t` in that zone: for people, who read their
// own wall time (the audit log keeps UTC).
std::string FormatLocalTime(std::chrono::system_clock::time_point t,
                            int utc_offset_minutes = kChinaUtcOffsetMinutes);

// Today in China: what the workflow bounds its dates by.
Date TodayInChina();

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_LOCAL_TIME_H_
