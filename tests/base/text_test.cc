#include "engine/base/text.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "hedui/feed_schema.h"

namespace hedui {
namespace {

std::string D(std::string_view s) {
  Date d;
  return ParseDate(s, &d) ? d.ToString() : "bad";
}

TEST(TextTest, DatesInEveryDepartmentSpelling) {
  EXPECT_EQ(D("2024-03-05"), "2024-03-05");
  EXPECT_EQ(D("2024/3/5"), "2024-03-05");
  EXPECT_EQ(D("20240305"), "2024-03-05");
  EXPECT_EQ(D("2024年3月5日"), "2024-03-05");
  EXPECT_EQ(D("２０２４年３月５日"), "2024-03-05");
  EXPECT_EQ(D(" 2024.03.05 08:30:00 "), "2024-03-05");
  EXPECT_EQ(D("2024-02-30"), "bad");
  EXPECT_EQ(D("2023-02-29"), "bad");
  EXPECT_EQ(D("2024-02-29"), "2024-02-29");
  EXPECT_EQ(D("05/03/2024"), "bad");
  EXPECT_EQ(D("2024-03"), "bad");
  EXPECT_EQ(D("2024-03-05x"), "bad");
}

TEST(TextTest, DateArithmetic) {
  Date d = Date::FromYmd(1970, 1, 1);
  EXPECT_EQ(d.days, 0);
  Date e = Date::FromYmd(2024, 3, 1);
  EXPECT_EQ(e.days - Date::FromYmd(2024, 2, 28).days, 2);
  EXPECT_EQ(e.yyyymmdd(), 20240301);
  EXPECT_EQ(e.month_index() - Date::FromYmd(2023, 12, 31).month_index(), 3);
}

std::string A(std::string_view s, int64_t scale = 1) {
  int64_t fen;
  return ParseAmountFen(s, scale, &fen) ? FormatFen(fen) : "bad";
}

TEST(TextTest, AmountsWithSeparatorsUnitsAndTheDunhaoDecimal) {
  EXPECT_EQ(A("1,280.00"), "1280.00");
  EXPECT_EQ(A("856"), "856.00");
  EXPECT_EQ(A("107、47万元"), "1074700.00");  // seeds/001: 107、47万元
  EXPECT_EQ(A("12.5", 10000), "125000.00");
  EXPECT_EQ(A("１，２３４．５元"), "1234.50");
  EXPECT_EQ(A("-3.456"), "-3.46");
  EXPECT_EQ(A("abc"), "bad");
  EXPECT_EQ(A("1.2.3"), "bad");
  EXPECT_EQ(A(""), "bad");
}

// Issue 14, defect 1: mantissa * scale * 100 overflowed __int128 (and
// scale * 10000 overflowed int64) and the wrapped value was accepted. An
// amount that does not fit is rejected, never a different amount.
TEST(TextTest, AmountThatDoesNotFitIsRejectedNotWrapped) {
  // The reproducer: accepted as 82317885.44 before the fix.
  EXPECT_EQ(A("34028236692093846346337460744万元", 10000), "bad");
  EXPECT_EQ(A("34028236692093846346337460744万", 171), "bad");
  EXPECT_EQ(A("999999999999999999999999999999", 1800000), "bad");
  // scale * 10000 alone leaves int64.
  EXPECT_EQ(A("1万元", INT64_MAX / 1000), "bad");
  EXPECT_EQ(A("1万", INT64_MAX), "bad");
  EXPECT_EQ(A("0万元", INT64_MAX), "bad");
  EXPECT_EQ(A("1", INT64_MAX), "bad");  // 100 × scale does not fit
  // A scale below 1 is a caller's error, not a negative amount.
  EXPECT_EQ(A("1", 0), "bad");
  EXPECT_EQ(A("1", -1), "bad");
  // The largest amount that fits is still read exactly, either sign.
  EXPECT_EQ(A("92233720368547758.07"), "92233720368547758.07");
  EXPECT_EQ(A("-92233720368547758.07"), "-92233720368547758.07");
  EXPECT_EQ(A("92233720368547758.08"), "bad");
  EXPECT_EQ(A("9223372036854.7758万元"), "92233720368547758.00");
  EXPECT_EQ(A("9223372036854.7759万元"), "bad");
  // Many fraction digits with a large unit still round, not overflow.
  EXPECT_EQ(A("0.000000000000000000000000001", 10000), "0.00");
}

// What an officer types for a recovery or a stop (issue 19, defect 3): the
// CLI and the review site share this parser.
std::string Entered(std::string_view s) {
  int64_t fen = -1;
  Status st = ParseEnteredYuan(s, &fen);
  return st.ok() ? std::to_string(fen) : "refused: " + st.message();
}

TEST(TextTest, EnteredAmountsInYuan) {
  EXPECT_EQ(Entered("1234.50"), "123450");
  EXPECT_EQ(Entered("1,234.5"), "123450");
  EXPECT_EQ(Entered(" 99999999.00 "), "9999999900");
  EXPECT_EQ(Entered("１２.３４元"), "1234");
  EXPECT_EQ(Entered("12"), "1200");
  EXPECT_EQ(Entered("0.01"), "1");
  EXPECT_EQ(Entered("0"), "0");
  // INT64_MAX fen is the largest; one fen more does not fit. (These fit,
  // and the workflow refuses them as more than the case was paid.)
  EXPECT_EQ(Entered("92233720368547758.07"), "9223372036854775807");
  EXPECT_EQ(Entered("90000000000000000"), "9000000000000000000");
}

TEST(TextTest, EnteredAmountsAreNeverRoundedWrappedOrSigned) {
  // More than two decimals: refused, not rounded to 12.35.
  std::string r = Entered("12.345");
  EXPECT_EQ(r.rfind("refused", 0), 0u) << r;
  EXPECT_NE(r.find("两位小数"), std::string::npos) << r;
  EXPECT_NE(r.find("more than two decimals"), std::string::npos) << r;
  EXPECT_EQ(Entered("0.001").rfind("refused", 0), 0u);
  // Beyond int64 fen: refused, never wrapped to a negative or small number.
  for (const char* big : {"92233720368547758.08", "999999999999999999999999",
                          "92233720368547759", "100000000000000000"}) {
    r = Entered(big);
    EXPECT_EQ(r.rfind("refused", 0), 0u) << big << " -> " << r;
    EXPECT_NE(r.find("过大"), std::string::npos) << r;
  }
  // Signs, units it does not take, and what is not a number.
  for (const char* bad : {"-5", "+5", "－5", "5万", "1e6", "", ".", "abc",
                          "1.2.3", "12,34.5.6", "0x10", ",5", "5 6"}) {
    r = Entered(bad);
    EXPECT_EQ(r.rfind("refused", 0), 0u) << bad << " -> " << r;
  }
  EXPECT_NE(Entered("-5").find("正负号"), std::string::npos);
}

TEST(TextTest, TrimAndFold) {
  EXPECT_EQ(TrimBlank("\xE3\x80\x80 abc \t"), "abc");
  EXPECT_EQ(FoldFullWidth("ＡＢ１２　x"), "AB12 x");
}

TEST(FeedSchemaTest, FieldConstantsMatchTheTable) {
  const FeedSpec& roll = GetFeedSpec(FeedKind::kRoll);
  EXPECT_EQ(roll.FieldIndex("case_id"), field::kRollCaseId);
  EXPECT_EQ(roll.FieldIndex("monthly_amount"), field::kRollMonthlyAmount);
  EXPECT_EQ(roll.FieldIndex("enrolled_on"), field::kRollEnrolledOn);
  EXPECT_EQ(roll.FieldIndex("township"), field::kRollTownship);
  const FeedSpec& pop = GetFeedSpec(FeedKind::kPopulation);
  EXPECT_EQ(pop.FieldIndex("status"), field::kPopStatus);
  EXPECT_EQ(pop.FieldIndex("status_date"), field::kPopStatusDate);
  EXPECT_EQ(GetFeedSpec(FeedKind::kDeath).FieldIndex("death_date"),
            field::kDeathDate);
  const FeedSpec& veh = GetFeedSpec(FeedKind::kVehicle);
  EXPECT_EQ(veh.FieldIndex("vehicle_type"), field::kVehType);
  EXPECT_EQ(veh.FieldIndex("status"), field::kVehStatus);
  EXPECT_EQ(veh.FieldIndex("registered_on"), field::kVehRegisteredOn);
  const FeedSpec& prop = GetFeedSpec(FeedKind::kProperty);
  EXPECT_EQ(prop.FieldIndex("certificate"), field::kPropCertificate);
  EXPECT_EQ(prop.FieldIndex("use"), field::kPropUse);
  EXPECT_EQ(prop.FieldIndex("registered_on"), field::kPropRegisteredOn);
  EXPECT_EQ(prop.FieldIndex("status"), field::kPropStatus);
  for (int k = 0; k < kFeedKindCount; ++k) {
    const FeedSpec& spec = GetFeedSpec(static_cast<FeedKind>(k));
    EXPECT_EQ(FeedKindFromName(spec.name), spec.kind);
    EXPECT_GE(spec.FieldIndex("id_number"), 0) << spec.name;
  }
}

}  // namespace
}  // namespace hedui
