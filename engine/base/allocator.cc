#include "engine/base/allocator.h"

#include <malloc.h>

#ifndef HEDUI_PLAIN_MALLOC
#include <jemalloc/jemalloc.h>

// Read by jemalloc when it starts, before main. Huge pages only where the
// kernel's THP setting gives them (thp:default): with thp:always every
// mapped 2 MB was cleared whole on first touch, and the run of the
// 1-million county (all 14 grounds) took 3.51-3.83 s and 492-498 MB
// against 2.86-3.00 s and 463-471 MB (4 alternating runs each, MALLOC_CONF
// on the same binary); ingest, whose big buffers come from its own
// huge-page pool, was the same either way (1.18-1.59 s against
// 1.13-1.25 s). Dirty pages kept 10 s before they go back to the kernel,
// which a nightly job never reaches; muzzy pages never returned.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf =
    "thp:default,metadata_thp:auto,dirty_decay_ms:10000,muzzy_decay_ms:-1";
}
#endif  // HEDUI_PLAIN_MALLOC

namespace hedui {

void ConfigureAllocator() {
  // In the sanitizer and fuzzing builds (HEDUI_PLAIN_MALLOC) the
  // sanitizer's malloc stays as it is.
#ifndef HEDUI_PLAIN_MALLOC
  // For glibc's malloc, when jemalloc is not the one in use: blocks up to
  // 32 MB from the heap (not mapped and unmapped one by one), and the
  // heap's top never trimmed.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

std::string AllocatorDescription() {
#ifdef HEDUI_PLAIN_MALLOC
  return "malloc (HEDUI_PLAIN_MALLOC)";
#else
  const char* version = nullptr;
  size_t size = sizeof(version);
  if (mallctl("version", &version, &size, nullptr, 0) != 0) return "glibc";
  const char* thp = nullptr;
  size = sizeof(thp);
  std::string text = std::string("jemalloc ") + version;
  if (mallctl("opt.thp", &thp, &size, nullptr, 0) == 0)
    text += std::string(" (thp:") + thp + ")";
  return text;
#endif
}

}  // namespace hedui
