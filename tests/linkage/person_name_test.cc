#include "engine/linkage/person_name.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace hedui {
namespace {

PersonName Norm(std::string_view raw) {
  StatusOr<PersonName> n = NormalizePersonName(raw);
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? n.value() : PersonName{};
}

TEST(PersonNameTest, SeparatorLookAlikesFold) {
  PersonName want = Norm("买买提·艾力");
  EXPECT_EQ(want.folded, "买买提·艾力");
  EXPECT_EQ(want.key, "买买提艾力");
  EXPECT_TRUE(want.han);
  for (const char* v : {"买买提・艾力", "买买提•艾力", "买买提‧艾力",
                        "买买提･艾力", "买买提.艾力", "买买提．艾力",
                        "买买提 · 艾力", "买买提∙艾力", "买买提⋅艾力"}) {
    PersonName n = Norm(v);
    EXPECT_EQ(n.folded, want.folded) << v;
    EXPECT_EQ(n.key, want.key) << v;
  }
  // Dropping the dot changes the display form only.
  EXPECT_EQ(Norm("买买提艾力").key, want.key);
}

TEST(PersonNameTest, FullWidthAndCaseFold) {
  EXPECT_EQ(Norm("ＭＡＲＹ　ＳＭＩＴＨ").folded, "mary smith");
  EXPECT_EQ(Norm("  Mary   Smith ").folded, "mary smith");
  EXPECT_EQ(Norm("Mary Smith").key, "marysmith");
  EXPECT_EQ(Norm("张　三").key, "张三");
}

TEST(PersonNameTest, TraditionalFoldsToSimplified) {
  EXPECT_EQ(Norm("張三").key, "张三");
  EXPECT_EQ(Norm("劉德華").key, "刘德华");
  EXPECT_EQ(Norm("陳國強").key, Norm("陈国强").key);
  EXPECT_NE(Norm("张三").key, Norm("章三").key);
}

TEST(PersonNameTest, PinyinKey) {
  EXPECT_EQ(Norm("张三").pinyin, "zhangsan");
  EXPECT_EQ(Norm("章三").pinyin, "zhangsan");
  EXPECT_EQ(Norm("張三").pinyin, "zhangsan");
  EXPECT_EQ(Norm("吕小红").pinyin, Norm("呂小紅").pinyin);
  EXPECT_EQ(Norm("o'brien").pinyin, "obrien");
}

TEST(PersonNameTest, Similarity) {
  // Equal after folding, transcription difference, different name.
  EXPECT_EQ(NameSimilarity(Norm("張三"), Norm("张三")), 1.0);
  double sound = NameSimilarity(Norm("张三"), Norm("章三"));
  double other = NameSimilarity(Norm("张三"), Norm("王五"));
  EXPECT_GT(sound, 0.9);
  EXPECT_LT(other, 0.6);
  EXPECT_LT(NameSimilarity(Norm("张三"), Norm("张山")), sound);
  EXPECT_EQ(NameSimilarity(Norm(""), Norm("")), 0.0);
  // Latin typos of FEBRL.
  EXPECT_GT(NameSimilarity(Norm("michaela"), Norm("micheala")), 0.9);
  EXPECT_LT(NameSimilarity(Norm("michaela"), Norm("robert")), 0.6);
}

TEST(PersonNameTest, JaroWinklerKnownValues) {
  // Values from Winkler's papers.
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.84, 0.001);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.001);
  EXPECT_EQ(JaroWinkler("", "abc"), 0.0);
  EXPECT_EQ(JaroWinkler("abc", "abc"), 1.0);
  EXPECT_EQ(JaroWinkler("张三丰", "张三丰"), 1.0);
  EXPECT_GT(JaroWinkler("张三丰", "张三峰"), 0.8);
}

TEST(PersonNameTest, ManyThreads) {
  std::vector<std::thread> threads;
  std::vector<std::string> keys(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &keys] {
      StatusOr<PersonName> n = NormalizePersonName("歐陽・娜娜");
      keys[t] = n.ok() ? n->pinyin : n.status().ToString();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& k : keys) EXPECT_EQ(k, "ouyangnana");
}

}  // namespace
}  // namespace hedui
