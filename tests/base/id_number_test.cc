#include "engine/base/id_number.h"

#include <gtest/gtest.h>

namespace hedui {
namespace {

// Published examples: GB 11643-1999 appendix and the widely quoted
// 11010519491231002X (a woman born 1949-12-31 in Beijing Chaoyang).
TEST(IdNumberTest, AcceptsPublishedValidExamples) {
  ResidentId id;
  ASSERT_EQ(ParseResidentId("11010519491231002X", &id), IdError::kNone);
  EXPECT_EQ(id.ToString(), "11010519491231002X");
  EXPECT_EQ(id.birth_yyyymmdd, 19491231);
  EXPECT_FALSE(id.male);
  ASSERT_EQ(ParseResidentId("440524188001010014", &id), IdError::kNone);
  EXPECT_EQ(id.birth_yyyymmdd, 18800101);
  EXPECT_TRUE(id.male);
  ASSERT_EQ(ParseResidentId("34052419800101001X", &id), IdError::kNone);
  EXPECT_TRUE(id.male);
}

TEST(IdNumberTest, NormalisesBlanksFullWidthAndLowercaseX) {
  ResidentId id;
  ASSERT_EQ(ParseResidentId(" 11010519491231002x\t", &id), IdError::kNone);
  EXPECT_EQ(id.ToString(), "11010519491231002X");
  ASSERT_EQ(ParseResidentId("１１０１０５１９４９１２３１００２Ｘ", &id),
            IdError::kNone);
  EXPECT_EQ(id.ToString(), "11010519491231002X");
  ASSERT_EQ(ParseResidentId("\xE3\x80\x80"
                            "11010519491231002ｘ",
                            &id),
            IdError::kNone);
  EXPECT_EQ(id.ToString(), "11010519491231002X");
}

TEST(IdNumberTest, UpgradesFifteenDigitsToTheSamePerson) {
  // 15-digit 110105491231002 is the old form of 11010519491231002X.
  ResidentId old_form, new_form;
  ASSERT_EQ(ParseResidentId("110105491231002", &old_form), IdError::kNone);
  ASSERT_EQ(ParseResidentId("11010519491231002X", &new_form), IdError::kNone);
  EXPECT_EQ(old_form.body, new_form.body);
  EXPECT_EQ(old_form.ToString(), "11010519491231002X");
  EXPECT_EQ(old_form.birth_yyyymmdd, 19491231);
}

TEST(IdNumberTest, RejectsWithReasons) {
  ResidentId id;
  EXPECT_EQ(ParseResidentId("", &id), IdError::kEmpty);
  EXPECT_EQ(ParseResidentId("   ", &id), IdError::kEmpty);
  EXPECT_EQ(ParseResidentId("1101051949123100", &id), IdError::kBadLength);
  EXPECT_EQ(ParseResidentId("11010519491231002X1", &id), IdError::kBadLength);
  EXPECT_EQ(ParseResidentId("110105194912310021", &id),
            IdError::kBadCheckDigit);
  EXPECT_EQ(ParseResidentId("1101051949123100A2", &id), IdError::kBadCharacter);
  EXPECT_EQ(ParseResidentId("11010519491331002X", &id),
            IdError::kBadBirthDate);  // month 13
  EXPECT_EQ(ParseResidentId("110105198002300019", &id),
            IdError::kBadBirthDate);  // 30 Feb
  EXPECT_EQ(ParseResidentId("110105490230002", &id),
            IdError::kBadBirthDate);  // 15-digit
  EXPECT_EQ(IdErrorCode(IdError::kBadCheckDigit), "id_bad_check_digit");
}

TEST(IdNumberTest, CheckCharacterCoversEveryRemainder) {
  // Each of the 11 check characters occurs; X is remainder 2.
  EXPECT_EQ(IdCheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(IdCheckCharacter("44052418800101001"), '4');
  ResidentId id = ResidentIdFromBody(11010519491231002ULL);
  EXPECT_EQ(id.ToString(), "11010519491231002X");
  EXPECT_EQ(id.birth_yyyymmdd, 19491231);
}

}  // namespace
}  // namespace hedui
