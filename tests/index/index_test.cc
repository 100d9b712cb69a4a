#include "engine/index/index.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>
#include <fstream>

#include "hedui/feed_schema.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

TEST(IndexTest, SecondWriterIsRefusedAndReadersStillOpen) {
  testing::TempDir dir;
  auto writer = Index::Open(dir.path(), Index::Mode::kReadWrite);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  auto second = Index::Open(dir.path(), Index::Mode::kReadWrite);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find(
                "another hedui process is writing this data directory"),
            std::string::npos)
      << second.status().message();
  auto reader = Index::Open(dir.path(), Index::Mode::kReadOnly);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
}

// The register key Index::Open keeps the schema version under
// (engine/index/index.cc).
constexpr char kSchemaVersionKey[] = "schema-version";

std::optional<std::string> StoredSchemaVersion(const Index& index) {
  std::string value;
  rocksdb::DB* db = index.db();
  if (!db->Get(rocksdb::ReadOptions(), db->DefaultColumnFamily(),
               kSchemaVersionKey, &value)
           .ok())
    return std::nullopt;
  return value;
}

TEST(IndexTest, SchemaVersionIsStoredOnCreationAndReopens) {
  testing::TempDir dir;
  {
    auto index = Index::Open(dir.path(), Index::Mode::kReadWrite);
    ASSERT_TRUE(index.ok()) << index.status().message();
    EXPECT_EQ(StoredSchemaVersion(**index), std::to_string(kSchemaVersion));
  }
  {
    auto index = Index::Open(dir.path(), Index::Mode::kReadWrite);
    EXPECT_TRUE(index.ok()) << index.status().message();
  }
  auto reader = Index::Open(dir.path(), Index::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(StoredSchemaVersion(**reader), std::to_string(kSchemaVersion));
}

TEST(IndexTest, AnotherSchemaVersionIsAClearErrorOnEveryOpen) {
  for (const char* stored : {"2", "0x1"}) {
    testing::TempDir dir;
    {
      auto index = Index::Open(dir.path(), Index::Mode::kReadWrite);
      ASSERT_TRUE(index.ok()) << index.status().message();
      rocksdb::DB* db = (*index)->db();
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), db->DefaultColumnFamily(),
                          kSchemaVersionKey, stored)
                      .ok());
    }
    for (Index::Mode mode : {Index::Mode::kReadOnly, Index::Mode::kReadWrite}) {
      auto index = Index::Open(dir.path(), mode);
      ASSERT_FALSE(index.ok()) << stored;
      const std::string& message = index.status().message();
      EXPECT_NE(message.find(dir.path()), std::string::npos) << message;
      if (std::string(stored) == "2") {
        EXPECT_NE(message.find("schema version 2"), std::string::npos)
            << message;
        EXPECT_NE(
            message.find("schema version " + std::to_string(kSchemaVersion)),
            std::string::npos)
            << message;
      } else {
        EXPECT_NE(message.find("not a number: '0x1'"), std::string::npos)
            << message;
      }
    }
  }
}

TEST(IndexTest, AnIndexFromBeforeTheVersionKeyIsVersionOne) {
  testing::TempDir dir;
  {
    auto index = Index::Open(dir.path(), Index::Mode::kReadWrite);
    ASSERT_TRUE(index.ok()) << index.status().message();
    rocksdb::DB* db = (*index)->db();
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), db->DefaultColumnFamily(),
                           kSchemaVersionKey)
                    .ok());
  }
  {
    auto reader = Index::Open(dir.path(), Index::Mode::kReadOnly);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    EXPECT_EQ(StoredSchemaVersion(**reader), std::nullopt);
  }
  {
    auto writer = Index::Open(dir.path(), Index::Mode::kReadWrite);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    EXPECT_EQ(StoredSchemaVersion(**writer), "1");
  }
}

TEST(IndexTest, ReadingAnEmptyDirectoryExplainsWhatToDo) {
  testing::TempDir dir;
  auto reader = Index::Open(dir.path() + "/nothing", Index::Mode::kReadOnly);
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.status().message().find("no index here"), std::string::npos);
}

TEST(IndexTest, OpeningForWritingRemovesWhatAKilledIngestLeft) {
  testing::TempDir dir;
  { ASSERT_TRUE(Index::Open(dir.path(), Index::Mode::kReadWrite).ok()); }
  std::filesystem::create_directories(dir.path() + "/staging/batch-7");
  std::ofstream(dir.path() + "/staging/batch-7/run-0-part-0.sst") << "half";
  std::filesystem::create_directories(dir.path() + "/quarantine");
  std::ofstream(dir.path() + "/quarantine/batch-7-vehicle.tsv")
      << "feed\tfile\n";
  auto index = Index::Open(dir.path(), Index::Mode::kReadWrite);
  ASSERT_TRUE(index.ok());
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/staging"));
  EXPECT_FALSE(
      std::filesystem::exists(dir.path() + "/quarantine/batch-7-vehicle.tsv"));
}

}  // namespace
}  // namespace hedui
