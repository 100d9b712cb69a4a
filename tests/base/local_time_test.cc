#include "engine/base/local_time.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace hedui {
namespace {

// Issue 19 defect 8: times were shown in UTC; an officer in Henan read a
// step recorded at 08:30 as 00:30.
TEST(LocalTime, ShanghaiByDefaultAndConfigurable) {
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
  ASSERT_TRUE(SetDisplayTimeZone(kDefaultTimeZone).ok());
}

}  // namespace
}  // namespace hedui
