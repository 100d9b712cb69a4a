#include "engine/allocator.h"

#include <malloc.h>

namespace hedui {

void KeepFreedMemory() {
  // The largest threshold glibc accepts (half its 64 MB heap size): blocks
  // up to it come from the heap and go back to it.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  // Never trim the heap's top: the next chunk needs the same memory again.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

}  // namespace hedui
