// The canonical fields of the feeds in Chinese, for pages people read (the
// 告知书, the review site's evidence): a field not listed shows its
// canonical name. And the canonical codes of the feed schema (`hedui
// fields`) as Chinese words: truck → 货车, dead → 死亡.
#ifndef HEDUI_ENGINE_CASES_FIELD_LABELS_H_
#define HEDUI_ENGINE_CASES_FIELD_LABELS_H_

#include <string>
#include <string_view>

namespace hedui {

std::string FieldLabel(const std::string& field);
// As above, for a field of `feed` (a feed kind's name): where one canonical
// name means different things in different feeds (monthly_amount: the
// roll's allowance, payroll's wage or pension).
std::string FieldLabel(std::string_view feed, const std::string& field);

// A feed kind's Chinese name (死亡, 车辆 …) from its name (death, vehicle).
std::string_view FeedLabel(std::string_view feed);

// The Chinese word for a canonical code of an enum field of `feed`
// ("vehicle", "vehicle_type", "truck" → 货车); any other value (a plate, a
// date, a code the table does not know) as it is.
std::string ValueLabel(std::string_view feed, std::string_view field,
                       std::string_view value);

// 户主, 配偶, 子女 … for a relation code of the roll or the register.
std::string_view RelationLabel(std::string_view code);

// 农村 / 城市 for the roll's zone codes (rural, urban) and the spellings
// that mean them; any other zone (a county's own code) as it is.
std::string ZoneLabel(std::string_view zone);

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_FIELD_LABELS_H_
