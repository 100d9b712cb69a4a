#include "engine/index/index.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
