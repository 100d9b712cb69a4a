#include "engine/cases/passwords.h"

#include <gtest/gtest.h>

#include <string>

namespace hedui {
namespace {

TEST(Passwords, RoundTrip) {
  StatusOr<std::string> hash = HashPassword("correct horse 电池");
  ASSERT_TRUE(hash.ok()) << hash.status().message();
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse 电池"));
}

TEST(Passwords, WrongPasswordIsFalse) {
  StatusOr<std::string> hash = HashPassword("s3cret-password");
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(VerifyPassword(*hash, "s3cret-passwore"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(VerifyPassword(*hash, "s3cret-password "));
}

TEST(Passwords, SaltMakesEveryHashDifferent) {
  StatusOr<std::string> a = HashPassword("same password");
  StatusOr<std::string> b = HashPassword("same password");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword(*a, "same password"));
  EXPECT_TRUE(VerifyPassword(*b, "same password"));
}

TEST(Passwords, HashIsArgon2id) {
  StatusOr<std::string> hash = HashPassword("whatever123");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("whatever123"), std::string::npos);
}

TEST(Passwords, MalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("not a hash", "not a hash"));
  EXPECT_FALSE(VerifyPassword(std::string(500, '$'), "x"));
  StatusOr<std::string> hash = HashPassword("abcdefgh");
  ASSERT_TRUE(hash.ok());
  std::string cut = hash->substr(0, hash->size() - 3);
  EXPECT_FALSE(VerifyPassword(cut, "abcdefgh"));
}

TEST(Passwords, NewPasswordRules) {
  EXPECT_TRUE(CheckNewPassword("abcdefgh").ok());
  EXPECT_TRUE(CheckNewPassword("民政局低保核查八字").ok());  // 9 characters
  Status s = CheckNewPassword("abcdefg");
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("8"), std::string::npos);
  // 4 Chinese characters are 12 bytes but only 4 characters.
  EXPECT_FALSE(CheckNewPassword("低保核查").ok());
  EXPECT_FALSE(CheckNewPassword("        ").ok());
  EXPECT_FALSE(CheckNewPassword(std::string("abcd\0efgh", 9)).ok());
  EXPECT_FALSE(CheckNewPassword("abcdefg\xff").ok());
}

}  // namespace
}  // namespace hedui
