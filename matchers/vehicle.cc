// VEHICLE 有车: a member owns a vehicle in use (status active) of a type the
// rules count; exempt types (motorcycles, three-wheel and low-speed farm
// vehicles, disability vehicles by default) and transferred, cancelled or
// scrapped vehicles do not count. The whole case is at stake.
#include <fmt/format.h>

#include <algorithm>

#include "matchers/case_money.h"
#include "hedui/matcher.h"

namespace hedui {

namespace {

class VehicleMatcher : public Matcher {
 public:
  std::string_view Name() const override { return "VEHICLE"; }
  int Version() const override { return 1; }
  std::vector<FeedKind> Needs() const override { return {FeedKind::kVehicle}; }
  bool Enabled(const Rules& rules) const override {
    return rules.vehicle_enabled;
  }

  void Check(const Household& household, const RunContext& context,
             std::vector<Flag>* flags) const override {
    const std::vector<std::string>& exempt =
        context.rules->vehicle_exempt_types;
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
      flag.rule = Name();
      flag.matcher_version = Version();
      flag.member = i;
      flag.since = *since;
      flag.scope = FlagScope::kCase;
      SetCaseMoney(household, FirstAffectedMonth(household, *since),
                   context.as_of, &flag);
      flag.reason = fmt::format("{} vehicle(s) in use, first registered {}",
                                evidence.size(), since->ToString());
      std::string list;
      for (const std::string& t : exempt)
        list += (list.empty() ? "\"" : ",\"") + t + "\"";
      flag.params = fmt::format("{{\"exempt_types\":[{}]}}", list);
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
