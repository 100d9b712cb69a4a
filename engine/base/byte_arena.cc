#include "engine/base/byte_arena.h"

#include <sys/mman.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <new>
#include <utility>
#include <vector>

namespace hedui {

namespace {

struct Block {
  char* data;
  size_t capacity;
};

std::atomic<size_t> g_mapped_bytes{0};

#ifdef HEDUI_PLAIN_MALLOC
// The sanitizer and fuzzing builds (allocator.h): a block of exactly the
// size asked for, from the sanitizer's malloc, and freed when returned, so
// that a byte read past the end or after release is an error ASan reports
// instead of a read into the rest of a 2 MB block or into a pooled block.
Block Acquire(size_t capacity) {
  size_t size = capacity == 0 ? 1 : capacity;
  void* p = std::malloc(size);
  if (p == nullptr) throw std::bad_alloc();
  g_mapped_bytes += size;
  return Block{static_cast<char*>(p), size};
}

void Return(Block b) { std::free(b.data); }
#else
constexpr size_t kHugePage = 2 << 20;
constexpr size_t kPoolLimit = 768 << 20;  // mapped memory kept for reuse

struct Pool {
  std::mutex mu;
  std::vector<Block> free;
  size_t bytes = 0;
};

Pool& GetPool() {
  static Pool* pool = new Pool();  // never destroyed: arenas may outlive main
  return *pool;
}

size_t RoundUp(size_t n) { return (n + kHugePage - 1) / kHugePage * kHugePage; }

Block Acquire(size_t capacity) {
  Pool& pool = GetPool();
  {
    // The smallest block that fits: a big one stays for a big request.
    std::lock_guard<std::mutex> lock(pool.mu);
    size_t best = pool.free.size();
    for (size_t i = 0; i < pool.free.size(); ++i) {
      if (pool.free[i].capacity >= capacity &&
          (best == pool.free.size() ||
           pool.free[i].capacity < pool.free[best].capacity))
        best = i;
    }
    if (best < pool.free.size()) {
      Block b = pool.free[best];
      pool.free[best] = pool.free.back();
      pool.free.pop_back();
      pool.bytes -= b.capacity;
      return b;
    }
  }
  size_t size = RoundUp(capacity);
  g_mapped_bytes += size;
  void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  madvise(p, size, MADV_HUGEPAGE);
  return Block{static_cast<char*>(p), size};
}

void Return(Block b) {
  Pool& pool = GetPool();
  {
    std::lock_guard<std::mutex> lock(pool.mu);
    if (pool.bytes + b.capacity <= kPoolLimit) {
      pool.free.push_back(b);
      pool.bytes += b.capacity;
      return;
    }
  }
  munmap(b.data, b.capacity);
}
#endif  // HEDUI_PLAIN_MALLOC

}  // namespace

size_t HugePageBytesMapped() { return g_mapped_bytes.load(); }

void* AcquireHugePageBlock(size_t bytes, size_t* capacity) {
  Block b = Acquire(bytes);
  *capacity = b.capacity;
  return b.data;
}

void ReturnHugePageBlock(void* data, size_t capacity) {
  Return(Block{static_cast<char*>(data), capacity});
}

ByteArena::~ByteArena() { Release(); }

ByteArena& ByteArena::operator=(ByteArena&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

void ByteArena::Reserve(size_t capacity) {
  if (capacity <= capacity_) return;
  Block b = Acquire(capacity);
  if (size_ > 0) std::memcpy(b.data, data_, size_);
  Release();
  data_ = b.data;
  capacity_ = b.capacity;
}

void ByteArena::Release() {
  if (data_ != nullptr) Return(Block{data_, capacity_});
  data_ = nullptr;
  capacity_ = 0;
  // size_ is kept by Reserve's caller; reset here only when truly released.
}

}  // namespace hedui
