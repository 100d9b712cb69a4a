// Big vectors from the huge-page pool keep their contents as they grow,
// and blocks given back are handed out again.
#include "engine/base/huge_page_allocator.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace hedui {
namespace {

TEST(HugePageAllocatorTest, GrowingVectorKeepsItsElements) {
  HugePageVector<uint64_t> v;
  for (uint64_t i = 0; i < 3'000'000; ++i) v.push_back(i * 7);  // 24 MB
  for (uint64_t i = 0; i < v.size(); i += 99'991) EXPECT_EQ(v[i], i * 7);
  EXPECT_EQ(v.back(), 2'999'999u * 7);
}

TEST(HugePageAllocatorTest, SmallVectorsWork) {
  HugePageVector<int> v = {1, 2, 3};
  v.push_back(4);
  EXPECT_EQ(v.size(), 4u);
  EXPECT_EQ(v[3], 4);
}

TEST(HugePageAllocatorTest, AFreedBlockIsReused) {
#ifdef HEDUI_PLAIN_MALLOC
  GTEST_SKIP() << "no pool in the sanitizer build: blocks come from malloc";
#endif
  const void* first = nullptr;
  {
    HugePageVector<char> v(37 << 20);  // a size no other test uses
    first = v.data();
  }
  HugePageVector<char> again(37 << 20);
  EXPECT_EQ(static_cast<const void*>(again.data()), first);
}

}  // namespace
}  // namespace hedui
