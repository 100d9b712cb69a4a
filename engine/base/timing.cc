#include "engine/base/timing.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace hedui {

void TimingMark(const std::string& what) {
  static const bool enabled = std::getenv("HEDUI_TIMING") != nullptr;
  if (!enabled) return;
  static const auto epoch = std::chrono::steady_clock::now();
  double ms = std::chrono::duration<double, std::milli>(
                  std::chrono::steady_clock::now() - epoch)
                  .count();
  std::fprintf(stderr, "t=%7.1f ms  %s\n", ms, what.c_str());
}

}  // namespace hedui
