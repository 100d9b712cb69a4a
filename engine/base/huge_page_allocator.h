// An allocator for big std::vectors (entries of a sorted run, a chunk's
// records, ID lists) that takes them from the huge-page pool of ByteArena.
//
// Why: C malloc backs them with 4 KB pages, and on the virtual machines
// hedui runs on each first touch of a page costs about 13 µs; the vectors
// of one ingest of a million residents took 20,000 such faults. Huge pages
// take one fault per 2 MB, and a vector freed goes back to the pool for the
// next chunk. Small vectors stay with malloc.
#ifndef HEDUI_ENGINE_BASE_HUGE_PAGE_ALLOCATOR_H_
#define HEDUI_ENGINE_BASE_HUGE_PAGE_ALLOCATOR_H_

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

#include "engine/base/byte_arena.h"

namespace hedui {

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    size_t bytes = n * sizeof(T);
    if (bytes < kMinimum || kPlainMalloc) {
      void* p = std::malloc(bytes == 0 ? 1 : bytes);
      if (p == nullptr) throw std::bad_alloc();
      return static_cast<T*>(p);
    }
    // The block's capacity sits in a header, for deallocate.
    size_t capacity = 0;
    char* block =
        static_cast<char*>(AcquireHugePageBlock(bytes + kHeader, &capacity));
    *reinterpret_cast<size_t*>(block) = capacity;
    return reinterpret_cast<T*>(block + kHeader);
  }

  void deallocate(T* p, size_t n) noexcept {
    if (n * sizeof(T) < kMinimum || kPlainMalloc) {
      std::free(p);
      return;
    }
    char* block = reinterpret_cast<char*>(p) - kHeader;
    ReturnHugePageBlock(block, *reinterpret_cast<size_t*>(block));
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }

 private:
  static constexpr size_t kMinimum = 1 << 20;
  // The sanitizer and fuzzing builds (allocator.h): every vector from
  // malloc, which ASan watches.
#ifdef HEDUI_PLAIN_MALLOC
  static constexpr bool kPlainMalloc = true;
#else
  static constexpr bool kPlainMalloc = false;
#endif
  static constexpr size_t kHeader = 64;  // keeps T aligned to a cache line
};

template <typename T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_HUGE_PAGE_ALLOCATOR_H_
