// The time people read: every time hedui shows (a case's history, the
// audit log on the site and in `hedui audit`, a report's generated-at) is
// shown in the county's local time, while every time it stores stays UTC
// ("2026-12-08T00:31:21Z", NowUtcText). The zone is Asia/Shanghai unless
// the program is told another (HEDUI_TIMEZONE, `hedui serve --timezone`),
// once, at startup, before any thread starts.
#ifndef HEDUI_ENGINE_BASE_LOCAL_TIME_H_
#define HEDUI_ENGINE_BASE_LOCAL_TIME_H_

#include <chrono>
#include <string>
#include <string_view>

#include "hedui/date.h"
#include "hedui/status.h"

namespace hedui {

inline constexpr char kDefaultTimeZone[] = "Asia/Shanghai";

// Sets the zone shown: an IANA name ("Asia/Shanghai", "Asia/Urumqi") read
// from the system's tzdata (/usr/share/zoneinfo), or a fixed offset
// ("+08:00", "UTC"). Asia/Shanghai without tzdata falls back to +08:00
// (China has kept it since 1991); another name without tzdata is
// InvalidArgument. Not thread-safe: call before threads start.
[[nodiscard]] Status SetDisplayTimeZone(std::string_view zone);
// The zone set (kDefaultTimeZone until set), for a page's "时间（北京时间）"
// style label: "Asia/Shanghai", "+08:00".
const std::string& DisplayTimeZone();
// A short label for column heads: "北京时间" for Asia/Shanghai and +08:00,
// else the zone's name.
std::string DisplayTimeZoneLabel();

// A stored UTC time ("2026-12-08T00:31:21Z") as local time
// ("2026-12-08 08:31:21"); text that is not such a time comes back as is.
std::string LocalTimeText(std::string_view utc);

// The workflow's calendar: China keeps one time zone, UTC+8, with no
// daylight saving, so a fixed offset is exact whatever zone the pages are
// shown in and whatever the server's TZ says.
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
