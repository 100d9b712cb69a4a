// The canonical fields of the feeds in Chinese, for pages people read (the
// 告知书, the review site's evidence): a field not listed shows its
// canonical name.
#ifndef HEDUI_ENGINE_CASES_FIELD_LABELS_H_
#define HEDUI_ENGINE_CASES_FIELD_LABELS_H_

#include <string>
#include <string_view>

namespace hedui {

std::string FieldLabel(const std::string& field);

// A feed kind's Chinese name (死亡, 车辆 …) from its name (death, vehicle).
std::string_view FeedLabel(std::string_view feed);

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_FIELD_LABELS_H_
