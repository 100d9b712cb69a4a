#include "connectors/encoding.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/test_util.h"

namespace hedui {
namespace {

std::string Fast(std::string_view in) {
  Gb18030Decoder d;
  ByteArena out;
  d.Convert(in, &out);
  return std::string(out.view());
}

std::string Reference(std::string_view in) {
  Gb18030Decoder d;
  ByteArena out;
  d.ConvertWithIconv(in, &out);
  return std::string(out.view());
}

TEST(EncodingTest, FastGb18030DecoderAgreesWithIconvOnEveryTwoByteSequence) {
  std::string all;
  for (int lead = 0x81; lead <= 0xFE; ++lead) {
    for (int trail = 0x40; trail <= 0xFE; ++trail) {
      if (trail == 0x7F) continue;
      all.push_back(static_cast<char>(lead));
      all.push_back(static_cast<char>(trail));
      all.push_back(',');
    }
  }
  std::string fast = Fast(all);
  EXPECT_EQ(fast, Reference(all));
  EXPECT_TRUE(IsValidUtf8(fast));
}

TEST(EncodingTest, FourByteCharactersAndText) {
  std::string text = "王𠮷,䶮,张三,三组十二号,ASCII text 123\n";
  std::string gb = testing::ToGb18030(text);
  EXPECT_EQ(Fast(gb), text);
  EXPECT_EQ(Reference(gb), text);
}

TEST(EncodingTest, InvalidBytesAreMarkedOneByOneLikeIconv) {
  std::mt19937 rng(20261122);
  std::string sample = testing::ToGb18030("身份证号,王𠮷,伊川县鸣皋镇,正常\n");
  for (int round = 0; round < 2000; ++round) {
    std::string s = sample;
    for (int k = 0; k < 3; ++k)
      s[rng() % s.size()] = static_cast<char>(rng() % 256);
    s.resize(rng() % (s.size() + 1));  // and a cut anywhere, mid-character too
    ASSERT_EQ(Fast(s), Reference(s)) << "round " << round;
  }
}

// Six two-byte codes (FE51, FE52, FE53, FE6C, FE76, FE91) are characters
// of the supplementary planes: two bytes in, four out, more than the 1.5
// the output was sized for. Found by fuzz_encoding (an ASan heap overflow);
// a file of them must decode whole, every byte inside the output buffer.
TEST(EncodingTest, TwoByteCodesOfFourByteCharactersFitTheOutput) {
  for (std::string_view code : {"\xFE\x51", "\xFE\x52", "\xFE\x53", "\xFE\x6C",
                                "\xFE\x76", "\xFE\x91"}) {
    EXPECT_EQ(Reference(code).size(), 4u);
  }
  std::string many;
  for (int i = 0; i < 2000000; ++i) many += "\xFE\x51";  // 4 MB: past the block
  std::string fast = Fast(many);
  EXPECT_EQ(fast.size(), 4u * 2000000);
  EXPECT_TRUE(fast == Reference(many));  // 8 MB: not printed
}

}  // namespace
}  // namespace hedui
