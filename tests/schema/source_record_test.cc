#include "engine/schema/source_record.h"

#include <gtest/gtest.h>

#include <string>

namespace hedui {
namespace {

TEST(SourceRecordTest, DecodesFieldsAndPadsARecordFromAnOlderSchema) {
  // Two fields, as a record written before the kind grew would have.
  std::string value;
  AppendRecordField("410329198001010019", &value);
  AppendRecordField("豫C12345", &value);
  SourceRecord record;
  RecordKey key{41032919800101001, 7, 42};
  ASSERT_TRUE(DecodeSourceRecord(FeedKind::kVehicle, key, value, &record));
  EXPECT_EQ(record.kind, FeedKind::kVehicle);
  EXPECT_EQ(record.key.batch, 7u);
  EXPECT_EQ(record.key.line, 42u);
  ASSERT_EQ(record.fields.size(),
            GetFeedSpec(FeedKind::kVehicle).fields.size());
  EXPECT_EQ(record.fields[0], "410329198001010019");
  EXPECT_EQ(record.fields[1], "豫C12345");
  for (size_t i = 2; i < record.fields.size(); ++i)
    EXPECT_EQ(record.fields[i], "");
}

TEST(SourceRecordTest, RefusesMalformedBytes) {
  SourceRecord record;
  // A length of 100 with 2 bytes after it.
  EXPECT_FALSE(DecodeSourceRecord(FeedKind::kVehicle, RecordKey{},
                                  std::string("\x64xy"), &record));
}

}  // namespace
}  // namespace hedui
