#include "engine/base/local_time.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace hedui {
namespace {

struct Zone {
  std::string name = kDefaultTimeZone;
  // Seconds east of UTC when no tzdata file is used.
  bool fixed = true;
  long offset = 8 * 3600;
};

Zone& Current() {
  static Zone zone;
  return zone;
}

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "+08:00", "-05:30", "+8", "UTC", "Z".
bool ParseOffset(std::string_view text, long* seconds) {
  if (text == "UTC" || text == "Z" || text == "GMT") {
    *seconds = 0;
    return true;
  }
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return false;
  std::string_view rest = text.substr(1);
  std::string_view hh = rest, mm = "0";
  if (size_t colon = rest.find(':'); colon != std::string_view::npos) {
    hh = rest.substr(0, colon);
    mm = rest.substr(colon + 1);
  }
  if (!Digits(hh) || !Digits(mm) || hh.size() > 2 || mm.size() > 2)
    return false;
  long h = std::stol(std::string(hh)), m = std::stol(std::string(mm));
  if (h > 14 || m > 59) return false;
  *seconds = (text[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
  return true;
}

bool SafeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/') return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-' ||
              c == '+';
    if (!ok) return false;
  }
  return name.find("..") == std::string_view::npos;
}

}  // namespace

Status SetDisplayTimeZone(std::string_view zone) {
  Zone z;
  z.name = std::string(zone);
  long offset = 0;
  if (ParseOffset(zone, &offset)) {
    z.fixed = true;
    z.offset = offset;
    Current() = z;
    return Status::OK();
  }
  if (!SafeZoneName(zone)) {
    return Status::InvalidArgument(fmt::format(
        "时区 '{}' 无效（例如 Asia/Shanghai 或 +08:00）/ time zone '{}' is not "
        "a zone name or an offset such as +08:00",
        zone, zone));
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file("/usr/share/zoneinfo/" + z.name, ec)) {
    // localtime_r reads TZ: set once, here, before any thread runs.
    setenv("TZ", (":" + z.name).c_str(), 1);
    tzset();
    z.fixed = false;
    Current() = z;
    return Status::OK();
  }
  if (zone == kDefaultTimeZone) {
    // No tzdata installed: Beijing time has had no daylight saving since
    // 1991, so a fixed +08:00 shows the same.
    z.fixed = true;
    z.offset = 8 * 3600;
    Current() = z;
    return Status::OK();
  }
  return Status::InvalidArgument(fmt::format(
      "时区 '{}' 未找到（/usr/share/zoneinfo 无此文件，可改用 +08:00 这样的"
      "偏移）/ time zone '{}' is not in /usr/share/zoneinfo; give an offset "
      "such as +08:00",
      zone, zone));
}

const std::string& DisplayTimeZone() { return Current().name; }

std::string DisplayTimeZoneLabel() {
  const Zone& z = Current();
  if (z.name == kDefaultTimeZone || z.name == "Asia/Chongqing" ||
      z.name == "PRC" || (z.fixed && z.offset == 8 * 3600))
    return "北京时间";
  return z.name;
}

std::string LocalTimeText(std::string_view utc) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (utc.size() != 20 || utc[4] != '-' || utc[7] != '-' || utc[10] != 'T' ||
      utc[13] != ':' || utc[16] != ':' || utc[19] != 'Z')
    return std::string(utc);
  for (size_t i :
       {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u, 11u, 12u, 14u, 15u, 17u, 18u}) {
    if (utc[i] < '0' || utc[i] > '9') return std::string(utc);
  }
  auto num = [&](size_t at, size_t n) {
    return std::stoi(std::string(utc.substr(at, n)));
  };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(5, 2) - 1;
  tm.tm_mday = num(8, 2);
  tm.tm_hour = num(11, 2);
  tm.tm_min = num(14, 2);
  tm.tm_sec = num(17, 2);
  std::time_t t = timegm(&tm);
  const Zone& z = Current();
  std::tm local{};
  if (z.fixed) {
    std::time_t shifted = t + z.offset;
    gmtime_r(&shifted, &local);
  } else {
    localtime_r(&t, &local);
  }
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &local);
  return buf;
}

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
