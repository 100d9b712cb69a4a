#ifndef HEDUI_ENGINE_ALLOCATOR_H_
#define HEDUI_ENGINE_ALLOCATOR_H_

namespace hedui {

// Makes the C allocator keep the memory it frees for the next allocation
// instead of handing it back to the kernel. Call once, first thing in main.
//
// Why: on the virtual machines county centres and CI run on, touching a page
// for the first time costs far more than reusing one (ENGINEERING_NOTES.md).
// glibc by default maps every block over 128 KB (2 MB once it adapts)
// separately and unmaps it on free, and trims the heap's top, so each chunk
// of an ingest paid for fresh pages again: 36,000 page faults and 1.31 s on
// the five feeds of a million residents, against 26,000 and 1.15 s with the
// memory kept. Peak memory grows by a few per cent.
void KeepFreedMemory();

}  // namespace hedui

#endif  // HEDUI_ENGINE_ALLOCATOR_H_
