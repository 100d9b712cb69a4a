// A growable byte buffer in anonymous memory with transparent huge pages.
//
// Memory touched for the first time is slow on the virtual machines hedui
// runs on (~300–400 MB/s, docs/ENGINEERING.md); huge pages cut the page
// faults 512-fold, and released buffers go back to a process-wide pool so
// the next chunk or file reuses memory that is already mapped.
#ifndef HEDUI_ENGINE_BASE_BYTE_ARENA_H_
#define HEDUI_ENGINE_BASE_BYTE_ARENA_H_

#include <cstddef>
#include <cstring>
#include <string_view>

namespace hedui {

// Blocks of the pool behind ByteArena and HugePageAllocator: at least
// `bytes`, a multiple of 2 MB, already mapped when one is reused.
void* AcquireHugePageBlock(size_t bytes, size_t* capacity);
void ReturnHugePageBlock(void* data, size_t capacity);
// All the pool has mapped so far, for measuring.
size_t HugePageBytesMapped();

class ByteArena {
 public:
  ByteArena() = default;
  explicit ByteArena(size_t capacity) { Reserve(capacity); }
  ~ByteArena();
  ByteArena(ByteArena&& other) noexcept { *this = std::move(other); }
  ByteArena& operator=(ByteArena&& other) noexcept;
  ByteArena(const ByteArena&) = delete;
  ByteArena& operator=(const ByteArena&) = delete;

  char* data() { return data_; }
  const char* data() const { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  std::string_view view() const { return std::string_view(data_, size_); }

  void clear() { size_ = 0; }
  void Reserve(size_t capacity);
  // Makes room for `n` more bytes and returns where they go; Commit(n) after.
  char* Extend(size_t n) {
    if (size_ + n > capacity_) Reserve((size_ + n) * 2);
    return data_ + size_;
  }
  void Commit(size_t n) { size_ += n; }
  void Resize(size_t n) {
    if (n > capacity_) Reserve(n);
    size_ = n;
  }
  void Append(const char* p, size_t n) {
    std::memcpy(Extend(n), p, n);
    size_ += n;
  }
  void Append(std::string_view s) { Append(s.data(), s.size()); }
  void PushBack(char c) {
    *Extend(1) = c;
    ++size_;
  }

 private:
  void Release();
  char* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_BYTE_ARENA_H_
