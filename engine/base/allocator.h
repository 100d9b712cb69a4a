#ifndef HEDUI_ENGINE_BASE_ALLOCATOR_H_
#define HEDUI_ENGINE_BASE_ALLOCATOR_H_

#include <string>

namespace hedui {

// hedui allocates through jemalloc (Debian's libjemalloc), configured in
// allocator.cc to back its memory with transparent huge pages and to keep
// what it frees for the next allocation. Call first thing in main: it links
// that configuration in, and sets glibc's allocator the same way in a
// build without jemalloc.
//
// Why: on the virtual machines county centres and CI run on, the first
// touch of each 4 KB page costs about 11 µs (docs/ENGINEERING.md: first
// touch runs at 300-400 MB/s). glibc's malloc hands out 4 KB pages and
// gives freed memory back, so loading the roll of 10 million residents
// spent 2.8 s in page faults (0.8 s with jemalloc), and the cross-check of
// 10 million took 11.2 s (7.8 s).
//
// Built with HEDUI_PLAIN_MALLOC (the sanitizer and fuzzing builds, see
// tests/fuzz/README.md), jemalloc is not linked and the huge-page pool of
// byte_arena.h hands out plain malloc blocks of the exact size asked for, so
// AddressSanitizer sees every byte past an allocation.
void ConfigureAllocator();

// "jemalloc 5.3.0 (thp:default)" or "glibc", for logs.
std::string AllocatorDescription();

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_ALLOCATOR_H_
