#include "engine/base/local_time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

namespace hedui {
namespace {

// Issue 19 defect 8: times were shown in UTC; an officer in Henan read a
// step recorded at 08:30 as 00:30.
TEST(LocalTime, ShanghaiByDefaultAndConfigurable) {
  // A zone from tzdata sets TZ for the process: put it back afterwards, so
  // that the tests after this one see the environment they started with.
  const char* tz = std::getenv("TZ");
  const std::optional<std::string> saved_tz =
      tz ? std::optional<std::string>(tz) : std::nullopt;
  ASSERT_TRUE(SetDisplayTimeZone(kDefaultTimeZone).ok());
  EXPECT_EQ(LocalTimeText("2026-12-08T00:31:21Z"), "2026-12-08 08:31:21");
  // Across midnight and a year's end.
  EXPECT_EQ(LocalTimeText("2026-12-31T20:00:00Z"), "2027-01-01 04:00:00");
  EXPECT_EQ(DisplayTimeZoneLabel(), "北京时间");

  ASSERT_TRUE(SetDisplayTimeZone("+05:30").ok());
  EXPECT_EQ(LocalTimeText("2026-12-08T00:31:21Z"), "2026-12-08 06:01:21");
  ASSERT_TRUE(SetDisplayTimeZone("UTC").ok());
  EXPECT_EQ(LocalTimeText("2026-12-08T00:31:21Z"), "2026-12-08 00:31:21");
  if (std::filesystem::exists("/usr/share/zoneinfo/Asia/Urumqi")) {
    ASSERT_TRUE(SetDisplayTimeZone("Asia/Urumqi").ok());
    EXPECT_EQ(LocalTimeText("2026-12-08T00:31:21Z"), "2026-12-08 06:31:21");
    EXPECT_EQ(DisplayTimeZone(), "Asia/Urumqi");
  }
  // Names that are no zone, or a path, are refused and change nothing.
  ASSERT_TRUE(SetDisplayTimeZone("UTC").ok());
  for (const char* bad : {"Mars/Olympus", "../../etc/passwd", "+25:00", ""}) {
    EXPECT_EQ(SetDisplayTimeZone(bad).code(), Status::Code::kInvalidArgument)
        << bad;
  }
  EXPECT_EQ(LocalTimeText("2026-12-08T00:31:21Z"), "2026-12-08 00:31:21");
  // Text that is not a stored time is shown as it is.
  EXPECT_EQ(LocalTimeText("2026-12-08"), "2026-12-08");
  EXPECT_EQ(LocalTimeText("<b>x</b>"), "<b>x</b>");
  // Beijing time as a fixed offset (what a missing tzdata gives), and TZ
  // as it was.
  ASSERT_TRUE(SetDisplayTimeZone("+08:00").ok());
  if (saved_tz) {
    setenv("TZ", saved_tz->c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
}

}  // namespace
}  // namespace hedui
