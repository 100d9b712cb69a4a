// VEHICLE: an active vehicle of a counted type.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(VehicleTest, ExemptTypesAndGoneVehiclesDoNotCount) {
  Household h = MakeCase(2);
  AddVehicle(&h, 0, "motorcycle", "2024-05-01", "active");
  AddVehicle(&h, 0, "low_speed", "2024-05-01", "active");
  AddVehicle(&h, 0, "disability", "2024-05-01", "active");
  AddVehicle(&h, 1, "car", "2024-05-01", "scrapped");
  AddVehicle(&h, 1, "car", "2024-05-01", "transferred");
  AddVehicle(&h, 1, "car", "2025-05-01", "active");  // after as-of
  EXPECT_TRUE(Check("VEHICLE", h, kAsOf).empty());
  AddVehicle(&h, 1, "car", "2024-09-20", "active");
  auto flags = Check("VEHICLE", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].member, 1u);
  EXPECT_EQ(flags[0].amount_fen, 3 * 90000);  // October..December, whole case
  EXPECT_EQ(flags[0].scope, FlagScope::kCase);
  Rules strict;
  strict.grounds["vehicle"].Set("exempt_types",
                                std::vector<std::string>{"disability"});
  EXPECT_EQ(Check("VEHICLE", h, kAsOf, strict).size(),
            2u);  // the motorcycle now counts
}

TEST(VehicleTest, ReasonIsChineseWithPlateAndType) {
  Household h = MakeCase(1);
  AddVehicle(&h, 0, "truck", "2024-05-01", "active");
  auto flags = Check("VEHICLE", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].reason,
            "名下在用机动车 1 辆（京A1 货车），最早登记于 2024-05-01");
}

TEST(VehicleTest, CarBeforeEnrolmentCountsFromEnrolment) {
  Household h = MakeCase(1);
  AddVehicle(&h, 0, "car", "2020-01-01", "active");
  auto flags = Check("VEHICLE", h, kAsOf);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2020, 1, 1));
  EXPECT_EQ(flags[0].amount_fen, 12 * 90000);
}

}  // namespace
}  // namespace hedui
