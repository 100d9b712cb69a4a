// A neighbouring county's roll ingested as another source of the roll feed
// ([county] foreign_rolls): its rows are not the county's households, and a
// person on both rolls gets the foreign row among their other cases.
#include <gtest/gtest.h>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/check/cross_check.h"
#include "hedui/rules.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

const std::string kConfigs = std::string(HEDUI_SOURCE_DIR) + "/configs";
const std::string kHeader =
    "低保户编号,身份证号码,姓名,与户主关系,乡镇（街道）,村（社区）,家庭住址,"
    "城乡类别,保障类别,家庭月人均收入,月保障金（元）,批准日期,银行账号,"
    "联系电话\n";

TEST(ForeignRollTest, AForeignRowIsNotAHouseholdButLinksTheHomeMember) {
  testing::TempDir dir;
  auto index = Index::Open(dir.path() + "/data", Index::Mode::kReadWrite);
  ASSERT_TRUE(index.ok());
  const std::string base =
      testing::ReadFile(kConfigs + "/feeds/demo/roll.toml");
  auto ingest = [&](const std::string& source, const std::string& rows) {
    std::string text = base;
    text.replace(text.find("[feed]\n"), 7,
                 "[feed]\nsource = \"" + source + "\"\n");
    auto mapping = ParseMapping(text, source + ".toml");
    ASSERT_TRUE(mapping.ok()) << mapping.status().message();
    auto r =
        IngestFile(index->get(), *mapping,
                   dir.Write(source + ".csv", kHeader + rows), IngestOptions());
    ASSERT_TRUE(r.ok()) << r.status().message();
  };
  ingest("home",
         "H1,410329195001234561,甲,户主,城关街道,石瑶社区,x,城市,一类,100,"
         "500,2024/01/10,1,1\n"
         "H2,410329196001234566,乙,户主,城关街道,石瑶社区,x,城市,一类,100,"
         "500,2024/01/10,2,2\n");
  ingest("汝阳县",
         "R1,410329195001234561,甲,户主,城关镇,某村,x,城市,一类,100,"
         "400,2023/03/01,3,3\n"
         "R2,410326197001234561,丙,户主,城关镇,某村,x,城市,一类,100,"
         "400,2023/03/01,4,4\n");
  std::vector<Household> hs;
  size_t members = 0;
  std::vector<ForeignRollRow> foreign;
  ASSERT_TRUE(
      LoadHouseholds(**index, nullptr, &hs, &members, {"汝阳县"}, &foreign)
          .ok());
  ASSERT_EQ(hs.size(), 2u);  // R1 and R2 are not the county's cases
  EXPECT_EQ(hs[0].case_id, "H1");
  EXPECT_EQ(hs[1].case_id, "H2");
  EXPECT_EQ(members, 2u);
  ASSERT_EQ(foreign.size(), 2u);
  CrossCaseNeeds needs;
  needs.person_other_cases = true;
  ASSERT_TRUE(LinkCases(**index, nullptr, needs, &hs, foreign).ok());
  ASSERT_EQ(hs[0].members[0].other_cases.size(), 1u);
  EXPECT_EQ(hs[0].members[0].other_cases[0].field(field::kRollCaseId), "R1");
  EXPECT_EQ(hs[0].members[0].other_case_counties,
            (std::vector<std::string>{"汝阳县"}));
  EXPECT_TRUE(hs[1].members[0].other_cases.empty());
}

TEST(ForeignRollTest, RulesNameTheForeignRolls) {
  auto rules = ParseRules("[county]\nforeign_rolls = [\"汝阳县\"]\n", "r.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_EQ(rules->foreign_rolls, (std::vector<std::string>{"汝阳县"}));
}

}  // namespace
}  // namespace hedui
