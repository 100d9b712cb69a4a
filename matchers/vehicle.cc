// VEHICLE 有车: a member owns a vehicle in use (status active) of a type the
// rules count; exempt types (motorcycles, three-wheel and low-speed farm
// vehicles, disability vehicles by default) and transferred, cancelled or
// scrapped vehicles do not count. The whole case is at stake.
#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "hedui/matcher.h"
#include "matchers/case_money.h"

namespace hedui {

namespace {

// The schema's vehicle codes in the words an officer reads (the cases
// floor's ValueLabel is out of this floor's reach).
std::string_view VehicleTypeWord(std::string_view code) {
  constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {"car", "小型汽车"},       {"truck", "货车"},
      {"bus", "客车"},           {"van", "面包车"},
      {"motorcycle", "摩托车"},  {"tricycle", "三轮汽车"},
      {"low_speed", "低速汽车"}, {"disability", "残疾人专用车"},
      {"tractor", "拖拉机"},     {"other", "其他车辆"}};
  for (const auto& [c, w] : kWords) {
    if (c == code) return w;
  }
  return code;
}

// Its keys in the rules file, declared and read by these names.
constexpr std::string_view kExemptTypes = "exempt_types";

class VehicleMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "VEHICLE"; }
  int Version() const override { return 1; }
  std::string_view Section() const override { return "vehicle"; }
  std::vector<FeedKind> Needs() const override { return {FeedKind::kVehicle}; }
  std::vector<RuleKey> RuleKeys() const override {
    return {RuleKey::Codes(
        kExemptTypes, FeedKind::kVehicle, field::kVehType,
        {"motorcycle", "tricycle", "low_speed", "disability", "tractor"})};
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const std::vector<std::string>& exempt =
        Params(*context.rules).Codes(kExemptTypes);
    for (size_t i = 0; i < household.members.size(); ++i) {
      std::optional<Date> since;
      std::vector<SourceRecord> evidence;
      for (const SourceRecord& r :
           household.members[i]
               .feeds[static_cast<size_t>(FeedKind::kVehicle)]) {
        if (r.field(field::kVehStatus) != "active") continue;
        const std::string& type = r.field(field::kVehType);
        if (std::find(exempt.begin(), exempt.end(), type) != exempt.end())
          continue;
        std::optional<Date> registered =
            FieldDate(r.field(field::kVehRegisteredOn));
        if (registered && *registered > context.as_of) continue;
        // Without a registration date the car is known only as of the case.
        Date d = registered ? *registered
                            : (household.has_enrolled_on ? household.enrolled_on
                                                         : context.as_of);
        if (!since || d < *since) since = d;
        evidence.push_back(r);
      }
      if (!since) continue;
      Flag flag;
      Stamp(i, *since, FlagScope::kCase, &flag);
      SetCaseMoney(household, FirstAffectedMonth(household, *since),
                   context.as_of, &flag);
      std::string cars;
      for (const SourceRecord& r : evidence) {
        cars += fmt::format("{}{}{}{}", cars.empty() ? "" : "，",
                            r.field(field::kVehPlate),
                            r.field(field::kVehPlate).empty() ? "" : " ",
                            VehicleTypeWord(r.field(field::kVehType)));
      }
      flag.reason = fmt::format("名下在用机动车 {} 辆（{}），最早登记于 {}",
                                evidence.size(), cars, since->ToString());
      flag.params = fmt::format("{{\"exempt_types\":{}}}", JsonCodes(exempt));
      flag.evidence = std::move(evidence);
      flags->push_back(std::move(flag));
    }
  }
};

}  // namespace

std::unique_ptr<Matcher> NewVehicleMatcher() {
  return std::make_unique<VehicleMatcher>();
}

}  // namespace hedui
