// hedui quarantine's library side: reasons per feed and field, counted,
// with examples, read back from what ingest wrote.
#include <gtest/gtest.h>

#include "engine/base/id_number.h"
#include "hedui/ingest.h"
#include "hedui/quarantine.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

std::string Id(int i) {
  std::string first =
      "11010519491231" + std::to_string(1000 + i % 900).substr(1, 3);
  return first + IdCheckCharacter(first);
}

TEST(QuarantineSummaryTest, CountsReasonsPerFieldWithExamples) {
  testing::TempDir dir;
  std::string mapping = dir.Write("death.toml", R"(
[feed]
kind = "death"
format = "csv"

[fields]
id_number = "身份证号"
name = "姓名"
death_date = "死亡日期"
)");
  std::string csv = "身份证号,姓名,死亡日期\n";
  for (int i = 0; i < 10; ++i) {
    std::string id = Id(i);
    std::string date = "2024-03-05";
    if (i < 3) id[17] = id[17] == '0' ? '1' : '0';
    if (i == 1 || i == 4) date = "2024-02-30";
    csv += id + ",王芳," + date + "\n";
  }
  auto data = DataDirectory::Open(dir.path() + "/data",
                                  DataDirectory::Mode::kReadWrite);
  ASSERT_TRUE(data.ok()) << data.status().message();
  auto ingested =
      IngestFeeds(data->get(), {FeedFile{mapping, dir.Write("death.csv", csv)}},
                  IngestOptions());
  ASSERT_TRUE(ingested.ok()) << ingested.status().message();
  EXPECT_EQ(ingested->front().batch.quarantined, 4u);  // rows 1, 2, 3, 5

  QuarantineOptions options;
  options.examples = 2;
  auto summary = SummarizeQuarantine(**data, options);
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  ASSERT_EQ(summary->feeds.size(), 1u);
  EXPECT_EQ(summary->feeds[0].feed, "death");
  EXPECT_EQ(summary->feeds[0].read, 10u);
  EXPECT_EQ(summary->feeds[0].quarantined, 4u);
  ASSERT_EQ(summary->groups.size(), 2u);
  const QuarantineGroup& ids = summary->groups[0];  // most rows first
  EXPECT_EQ(ids.field, "id_number");
  EXPECT_EQ(ids.reason, "id_bad_check_digit");
  EXPECT_EQ(ids.rows, 3u);
  ASSERT_EQ(ids.examples.size(), 2u);
  EXPECT_EQ(ids.examples[0].line, 2u);
  EXPECT_EQ(ids.examples[1].line, 3u);
  const QuarantineGroup& dates = summary->groups[1];
  EXPECT_EQ(dates.field, "death_date");
  EXPECT_EQ(dates.reason, "bad_date");
  EXPECT_EQ(dates.rows, 2u);
  EXPECT_EQ(dates.examples[0].value, "2024-02-30");
  EXPECT_FALSE(QuarantineReasonText("id_bad_check_digit").empty());

  options.batch = 99;
  EXPECT_FALSE(SummarizeQuarantine(**data, options).ok());
  options.batch = 1;
  EXPECT_EQ(SummarizeQuarantine(**data, options)->groups.size(), 2u);
}

}  // namespace
}  // namespace hedui
