// PROPERTY: more dwellings than allowed, commercial property, property bought
// after enrolment.
#include <gtest/gtest.h>

#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "tests/case_fixture.h"

namespace hedui {
namespace {

TEST(PropertyTest, OneDwellingBeforeEnrolmentIsAllowed) {
  Household h = MakeCase(2);
  AddTitle(&h, 0, "A", "residential", "2010-01-01");
  AddTitle(&h, 1, "A", "residential",
           "2010-01-01");  // co-owner of the same title
  AddTitle(&h, 1, "G", "garage", "2024-02-01");
  AddTitle(&h, 1, "B", "residential", "2024-02-01", "cancelled");
  EXPECT_TRUE(Check("PROPERTY", h, kAsOf).empty());
}

TEST(PropertyTest, SecondDwellingFlagsItsHoldersFromItsDate) {
  Household h = MakeCase(2);
  AddTitle(&h, 0, "A", "residential", "2010-01-01");
  AddTitle(&h, 1, "B", "residential", "2012-06-01");
  auto flags = Check("PROPERTY", h, kAsOf);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2012, 6, 1));
  EXPECT_EQ(flags[1].since, Date::FromYmd(2012, 6, 1));
  EXPECT_EQ(flags[0].amount_fen, 12 * 90000);
  Rules two;
  two.grounds["property"].Set("dwellings_allowed", int64_t{2});
  EXPECT_TRUE(Check("PROPERTY", h, kAsOf, two).empty());
}

TEST(PropertyTest, CommercialAndBoughtAfterEnrolment) {
  Household h = MakeCase(2);
  AddTitle(&h, 0, "S", "commercial", "2015-01-01");
  AddTitle(&h, 1, "N", "residential", "2024-11-05");
  auto flags = Check("PROPERTY", h, kAsOf);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].since, Date::FromYmd(2015, 1, 1));
  EXPECT_EQ(flags[1].since, Date::FromYmd(2024, 11, 5));
  EXPECT_EQ(flags[1].amount_fen, 1 * 90000);
  Rules lenient;
  lenient.grounds["property"].Set("commercial_counts", false);
  lenient.grounds["property"].Set("bought_after_enrolment_counts", false);
  EXPECT_TRUE(Check("PROPERTY", h, kAsOf, lenient).empty());
}

}  // namespace
}  // namespace hedui
