// The roll's and the population register's relation to the head is a code
// of GB/T 4761-2008 read from its one- and two-digit codes and the common
// words without any `values` table, and a `values` table translates any
// field, not only enumerations.
#include <gtest/gtest.h>

#include "connectors/mapping.h"
#include "connectors/row_converter.h"
#include "hedui/record.h"

namespace hedui {
namespace {

constexpr char kRoll[] =
    "[feed]\nkind = \"roll\"\n[fields]\ncase_id = \"c\"\nid_number = "
    "\"id\"\nname = \"n\"\nmonthly_amount = \"m\"\n";

Mapping MustParse(const std::string& toml) {
  StatusOr<Mapping> m = ParseMapping(toml, "m.toml");
  EXPECT_TRUE(m.ok()) << m.status().message();
  return m.ok() ? std::move(*m) : Mapping();
}

// Converts one row whose fields are given in mapping order; returns the
// stored value of schema field `field`, or "QUARANTINED:<reason>".
std::string Convert(const Mapping& m, std::vector<std::string> raw, int field) {
  std::vector<std::string_view> views(raw.begin(), raw.end());
  std::vector<bool> present(raw.size(), true);
  RowConverter converter(m);
  ChunkResult out;
  converter.Convert(views, present, 1, &out);
  if (!out.quarantine.empty())
    return "QUARANTINED:" + std::string(out.quarantine[0].reason);
  EXPECT_EQ(out.entries.size(), 1u);
  std::vector<std::string_view> fields;
  EXPECT_TRUE(DecodeRecordFields(
      std::string_view(out.arena.data(), out.entries[0].length), &fields));
  return std::string(fields.at(static_cast<size_t>(field)));
}

// Mapped fields in schema order: case_id, id_number, name, relation,
// monthly_amount.
std::string RollRelation(const Mapping& m, const std::string& relation) {
  return Convert(m, {"C1", "11010519491231002X", "张三", relation, "500"},
                 field::kRollRelation);
}

TEST(RelationCodesTest, RollRelationIsAGbT4761CodeByDefault) {
  Mapping m = MustParse(std::string(kRoll) + "relation = \"r\"\n");
  const std::pair<const char*, const char*> cases[] = {
      {"户主", "head"},
      {"本人", "head"},
      {"01", "head"},
      {"02", "head"},
      {"0", "head"},
      {"配偶", "spouse"},
      {"妻", "spouse"},
      {"之妻", "spouse"},
      {"夫", "spouse"},
      {"12", "spouse"},
      {"1", "spouse"},
      {"长子", "child"},
      {"次子", "child"},
      {"之子", "child"},
      {"子", "child"},
      {"女", "child"},
      {"长女", "child"},
      {"21", "child"},
      {"3", "child"},
      {"女婿", "child_in_law"},
      {"儿媳", "child_in_law"},
      {"28", "child_in_law"},
      {"27", "child"},
      {"38", "child_in_law"},
      {"37", "child"},
      {"孙子", "grandchild"},
      {"孙女", "grandchild"},
      {"外孙", "grandchild"},
      {"40", "grandchild"},
      {"父亲", "parent"},
      {"母亲", "parent"},
      {"51", "parent"},
      {"祖父", "grandparent"},
      {"61", "grandparent"},
      {"兄", "sibling"},
      {"弟", "sibling"},
      {"姐", "sibling"},
      {"妹", "sibling"},
      {"71", "sibling"},
      {"其他", "other_kin"},
      {"侄子", "other_kin"},
      {"97", "other_kin"},
      {"99", "non_kin"},
      {"非亲属", "non_kin"},
      {" 本人 ", "head"},
      {"０１", "head"},
      {"head", "head"},
  };
  for (const auto& [written, code] : cases)
    EXPECT_EQ(RollRelation(m, written), code) << written;
  // A word hedui does not know is kept as `other` (never the head), not
  // quarantined: the member is still paid and still counted.
  EXPECT_EQ(RollRelation(m, "老伙计"), "other");
  EXPECT_EQ(RollRelation(m, ""), "");
}

TEST(RelationCodesTest, ACountysOwnValuesWinOverTheDefaults) {
  Mapping m = MustParse(std::string(kRoll) +
                        "relation = { column = \"r\", values = { \"1\" = "
                        "\"head\", \"2\" = \"spouse\" }, other = \"non_kin\" "
                        "}\n");
  EXPECT_EQ(RollRelation(m, "1"), "head");
  EXPECT_EQ(RollRelation(m, "2"), "spouse");
  EXPECT_EQ(RollRelation(m, "本人"), "head");  // the defaults still apply
  EXPECT_EQ(RollRelation(m, "老伙计"), "non_kin");
  StatusOr<Mapping> bad = ParseMapping(
      std::string(kRoll) +
          "relation = { column = \"r\", values = { \"1\" = \"boss\" } }\n",
      "m.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'boss' is not a code of "
                                        "roll.relation"),
            std::string::npos)
      << bad.status().message();
}

TEST(RelationCodesTest, PopulationRelationToo) {
  Mapping m = MustParse(
      "[feed]\nkind = \"population\"\n[fields]\nid_number = \"id\"\n"
      "relation = \"r\"\n");
  auto relation = [&](const std::string& written) {
    return Convert(m, {"11010519491231002X", written}, field::kPopRelation);
  };
  EXPECT_EQ(relation("本人"), "head");
  EXPECT_EQ(relation("02"), "head");
  EXPECT_EQ(relation("之妻"), "spouse");
  EXPECT_EQ(relation("孙女"), "grandchild");
}

TEST(ValuesOnAnyFieldTest, TranslatesTextDateAndAmountBeforeParsing) {
  Mapping m = MustParse(
      std::string(kRoll) +
      "township = { column = \"t\", values = { \"城关\" = \"城关镇\", "
      "\"ＸＸ乡\" = \"鸣皋镇\" } }\n"
      "enrolled_on = { column = \"e\", values = { \"不详\" = \"\", \"建档\" = "
      "\"2014-01-01\" } }\n");
  // Mapped fields in schema order: case_id, id_number, name, township,
  // monthly_amount, enrolled_on.
  auto row = [&](const std::string& township, const std::string& enrolled,
                 int field) {
    return Convert(
        m, {"C1", "11010519491231002X", "张三", township, "500", enrolled},
        field);
  };
  EXPECT_EQ(row("城关", "2020-01-01", field::kRollTownship), "城关镇");
  EXPECT_EQ(row(" 城关 ", "2020-01-01", field::kRollTownship), "城关镇");
  EXPECT_EQ(row("XX乡", "2020-01-01", field::kRollTownship), "鸣皋镇");
  EXPECT_EQ(row("平等乡", "2020-01-01", field::kRollTownship), "平等乡");
  EXPECT_EQ(row("城关", "建档", field::kRollEnrolledOn), "2014-01-01");
  // Translated to nothing: the field is blank, as if the cell were empty.
  EXPECT_EQ(row("城关", "不详", field::kRollEnrolledOn), "");
  EXPECT_EQ(row("城关", "去年", field::kRollEnrolledOn),
            "QUARANTINED:bad_date");

  Mapping amounts = MustParse(
      std::string(kRoll) +
      "declared_income = { column = \"i\", values = { \"无\" = \"0\" } }\n");
  // case_id, id_number, name, declared_income, monthly_amount.
  EXPECT_EQ(Convert(amounts, {"C1", "11010519491231002X", "张三", "无", "500"},
                    field::kRollDeclaredIncome),
            "0.00");
}

TEST(ValuesOnAnyFieldTest, OtherStaysForEnumerations) {
  StatusOr<Mapping> m = ParseMapping(
      std::string(kRoll) + "township = { column = \"t\", other = \"x\" }\n",
      "m.toml");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("other"), std::string::npos);
}

}  // namespace
}  // namespace hedui
