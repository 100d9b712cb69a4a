#include "engine/index/run_log.h"

#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace hedui {
namespace {

TEST(RunsTest, FlagIdsAreStableAndDistinct) {
  EXPECT_EQ(FlagId("VEHICLE", "C1", "11010519491231002X"),
            FlagId("VEHICLE", "C1", "11010519491231002X"));
  EXPECT_NE(FlagId("VEHICLE", "C1", "11010519491231002X"),
            FlagId("PROPERTY", "C1", "11010519491231002X"));
  EXPECT_NE(FlagId("VEHICLE", "C1", "11010519491231002X"),
            FlagId("VEHICLE", "C2", "11010519491231002X"));
  EXPECT_EQ(FlagId("A", "B", "C").size(), 17u);
}

FlagKey Key(const std::string& rule, const std::string& case_id) {
  return FlagKey{FlagId(rule, case_id, "id"), rule, case_id, "id"};
}

TEST(RunsTest, RecordsRunsAndSaysWhatIsNewStandingAndGone) {
  testing::TempDir dir;
  RunLog log(dir.path());
  EXPECT_TRUE(log.List().empty());
  auto first = log.Compare({Key("DECEASED", "C1"), Key("VEHICLE", "C2")});
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->previous);
  EXPECT_EQ(first->added.size(), 2u);
  RunRecord r1;
  r1.as_of = "2026-10-31";
  r1.batches = {1, 2};
  r1.flags = 2;
  ASSERT_TRUE(
      log.Record(&r1, {Key("DECEASED", "C1"), Key("VEHICLE", "C2")}).ok());
  EXPECT_EQ(r1.number, 1u);
  // The car was sold; a new death came in.
  auto second = log.Compare({Key("DECEASED", "C1"), Key("DECEASED", "C3")});
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(second->previous);
  EXPECT_EQ(second->previous->number, 1u);
  ASSERT_EQ(second->added.size(), 1u);
  EXPECT_EQ(second->added[0].case_id, "C3");
  ASSERT_EQ(second->standing.size(), 1u);
  EXPECT_EQ(second->standing[0].case_id, "C1");
  ASSERT_EQ(second->gone.size(), 1u);
  EXPECT_EQ(second->gone[0].rule, "VEHICLE");
  RunRecord r2;
  ASSERT_TRUE(log.Record(&r2, {}).ok());
  EXPECT_EQ(r2.number, 2u);
  auto runs = log.List();
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].as_of, "2026-10-31");
  EXPECT_EQ(runs[0].batches, (std::vector<uint32_t>{1, 2}));
}

TEST(RunsTest, AFlagListWithoutItsRecordIsWhatAKilledRunLeft) {
  testing::TempDir dir;
  RunLog log(dir.path());
  std::filesystem::create_directories(dir.path() + "/runs");
  std::ofstream(dir.path() + "/runs/run-000001.flags.tsv")
      << "Fdead\tX\tC\tid\n";
  RunRecord r;
  ASSERT_TRUE(log.Record(&r, {Key("DECEASED", "C1")}).ok());
  EXPECT_EQ(r.number, 1u);
  auto flags = log.FlagsOf(1);
  ASSERT_TRUE(flags.ok());
  ASSERT_EQ(flags->size(), 1u);
  EXPECT_EQ((*flags)[0].case_id, "C1");
}

}  // namespace
}  // namespace hedui
