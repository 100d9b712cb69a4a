// Main of hedui_bench: the allocator set up as `hedui` sets it, so that the
// figures are those of the real program.
#include <benchmark/benchmark.h>

#include "engine/base/allocator.h"

int main(int argc, char** argv) {
  hedui::ConfigureAllocator();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
