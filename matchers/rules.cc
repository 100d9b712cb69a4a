#include "hedui/rules.h"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "hedui/feed_schema.h"
#include "engine/base/toml_check.h"

namespace hedui {

namespace {

Status GetBool(const std::string& path, const toml::table& t,
               std::string_view section, std::string_view key, bool* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  if (!n->is_boolean()) {
    return Status::InvalidArgument(fmt::format(
        "{}: {}.{} must be true or false", TomlWhere(path, n), section, key));
  }
  *out = n->as_boolean()->get();
  return Status::OK();
}

Status GetCount(const std::string& path, const toml::table& t,
                std::string_view section, std::string_view key, int* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  if (!n->is_integer()) {
    return Status::InvalidArgument(fmt::format(
        "{}: {}.{} must be a whole number", TomlWhere(path, n), section, key));
  }
  int64_t v = n->as_integer()->get();
  if (v < 0) {
    return Status::InvalidArgument(
        fmt::format("{}: {}.{} must not be negative (got {})",
                    TomlWhere(path, n), section, key, v));
  }
  *out = static_cast<int>(v);
  return Status::OK();
}

Status GetAmount(const std::string& path, const toml::table& t,
                 std::string_view section, std::string_view key, int64_t* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  double v;
  if (n->is_integer()) {
    v = static_cast<double>(n->as_integer()->get());
  } else if (n->is_floating_point()) {
    v = n->as_floating_point()->get();
  } else {
    return Status::InvalidArgument(fmt::format(
        "{}: {}.{} must be an amount in 元 (a number such as 780.00)",
        TomlWhere(path, n), section, key));
  }
  if (!(v >= 0) || v > 1e12) {
    return Status::InvalidArgument(
        fmt::format("{}: {}.{} must not be negative (got {})",
                    TomlWhere(path, n), section, key, v));
  }
  *out = std::llround(v * 100);
  return Status::OK();
}

// A list of canonical codes of one field of one feed kind.
Status GetCodes(const std::string& path, const toml::table& t,
                std::string_view section, std::string_view key, FeedKind kind,
                int field_index, std::vector<std::string>* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  const FieldSpec& spec =
      GetFeedSpec(kind).fields[static_cast<size_t>(field_index)];
  std::string list;
  for (std::string_view c : spec.codes)
    list += (list.empty() ? "" : ", ") + std::string(c);
  const toml::array* a = n->as_array();
  if (a == nullptr) {
    return Status::InvalidArgument(
        fmt::format("{}: {}.{} must be a list of {} codes ({})",
                    TomlWhere(path, n), section, key, spec.name, list));
  }
  out->clear();
  for (const toml::node& item : *a) {
    auto code = item.value<std::string>();
    if (!code || std::find(spec.codes.begin(), spec.codes.end(), *code) ==
                     spec.codes.end()) {
      return Status::InvalidArgument(fmt::format(
          "{}: {}.{}: '{}' is not a {} code ({})", TomlWhere(path, &item),
          section, key, code.value_or("?"), spec.name, list));
    }
    out->push_back(*code);
  }
  return Status::OK();
}

Status GetDate(const std::string& path, const toml::node* n,
               std::string_view what, Date* out) {
  if (n->is_date()) {
    toml::date d = n->as_date()->get();
    if (IsValidCivilDate(d.year, d.month, d.day)) {
      *out = Date::FromYmd(d.year, d.month, d.day);
      return Status::OK();
    }
  } else if (auto s = n->value<std::string>()) {
    if (ParseDate(*s, out)) return Status::OK();
  }
  return Status::InvalidArgument(
      fmt::format("{}: {} must be a date such as \"2025-07-01\"",
                  TomlWhere(path, n), what));
}

Status ParseStandards(const std::string& path, const toml::node* node,
                      Rules* rules) {
  const toml::array* a = node->as_array();
  if (a == nullptr || !a->is_array_of_tables()) {
    return Status::InvalidArgument(
        fmt::format("{}: standard must be written as [[standard]] tables "
                    "(zone, monthly or yearly, from)",
                    TomlWhere(path, node)));
  }
  for (const toml::node& item : *a) {
    const toml::table& t = *item.as_table();
    HEDUI_RETURN_IF_ERROR(CheckTomlKeys(path, t, "[[standard]]",
                                        {"zone", "monthly", "yearly", "from"}));
    Standard s;
    s.line =
        item.source().begin ? static_cast<int>(item.source().begin.line) : 0;
    const toml::node* zone = t.get("zone");
    if (zone == nullptr || !zone->is_string() ||
        zone->value<std::string>()->empty()) {
      return Status::InvalidArgument(fmt::format(
          "{}: standard.zone must be the roll's zone code, e.g. \"urban\"",
          TomlWhere(path, zone ? zone : &item)));
    }
    s.zone = *zone->value<std::string>();
    const toml::node* from = t.get("from");
    if (from == nullptr) {
      return Status::InvalidArgument(fmt::format(
          "{}: standard.from is missing: the date the standard takes effect",
          TomlWhere(path, &item)));
    }
    HEDUI_RETURN_IF_ERROR(GetDate(path, from, "standard.from", &s.from));
    bool monthly = t.contains("monthly"), yearly = t.contains("yearly");
    if (monthly == yearly) {
      return Status::InvalidArgument(
          fmt::format("{}: a standard has exactly one of standard.monthly "
                      "(元/人/月) or standard.yearly (元/人/年)",
                      TomlWhere(path, &item)));
    }
    if (monthly) {
      HEDUI_RETURN_IF_ERROR(
          GetAmount(path, t, "standard", "monthly", &s.monthly_fen));
    } else {
      HEDUI_RETURN_IF_ERROR(
          GetAmount(path, t, "standard", "yearly", &s.yearly_fen));
      s.monthly_fen = (s.yearly_fen * 2 + 12) / 24;  // ÷ 12, half up
    }
    std::vector<Standard>& zone_list = rules->standards[s.zone];
    if (!zone_list.empty() && !(zone_list.back().from < s.from)) {
      const Standard& prev = zone_list.back();
      return Status::InvalidArgument(
          fmt::format("{}:{}: standard.from {} of zone '{}' is {} the entry on "
                      "line {} ({}): list each zone's standards in the "
                      "order they took effect, one per date",
                      path, s.line, s.from.ToString(), s.zone,
                      prev.from == s.from ? "the same date as" : "before",
                      prev.line, prev.from.ToString()));
    }
    zone_list.push_back(std::move(s));
  }
  return Status::OK();
}

}  // namespace

const Standard* Rules::StandardFor(std::string_view zone,
                                   int month_index) const {
  auto it = standards.find(std::string(zone));
  if (it == standards.end()) return nullptr;
  // The entry must be in force on the month's first day.
  const Date first = Date::FromYmd(month_index / 12, month_index % 12 + 1, 1);
  const Standard* found = nullptr;
  for (const Standard& s : it->second) {
    if (s.from > first) break;  // sorted by `from`
    found = &s;
  }
  return found;
}

StatusOr<Rules> ParseRules(std::string_view toml_text,
                           const std::string& path) {
  StatusOr<toml::table> parsed = ParseTomlText(toml_text, path);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = parsed.value();
  Rules rules;
  rules.path = path;
  rules.content_hash = XXH64(toml_text.data(), toml_text.size(), 0);
  HEDUI_RETURN_IF_ERROR(CheckTomlKeys(
      path, root, "the top level",
      {"county", "standard", "review", "deceased", "vehicle", "property",
       "moved", "income", "assets", "business", "public_pay", "duplicate",
       "payment", "underpaid", "split", "merge", "cadre_kin"}));
  if (const toml::node* n = root.get("standard"))
    HEDUI_RETURN_IF_ERROR(ParseStandards(path, n, &rules));
  if (const toml::node* n = root.get("county")) {
    const toml::table* t = n->as_table();
    if (t == nullptr)
      return Status::InvalidArgument(
          fmt::format("{}: [county] must be a table", TomlWhere(path, n)));
    HEDUI_RETURN_IF_ERROR(CheckTomlKeys(path, *t, "[county]", {"name"}));
    rules.county = (*t)["name"].value_or(std::string());
  }
  auto section = [&](std::string_view name,
                     std::initializer_list<std::string_view> keys,
                     const toml::table** out) -> Status {
    *out = nullptr;
    const toml::node* n = root.get(name);
    if (n == nullptr) return Status::OK();
    *out = n->as_table();
    if (*out == nullptr)
      return Status::InvalidArgument(
          fmt::format("{}: [{}] must be a table", TomlWhere(path, n), name));
    return CheckTomlKeys(path, **out, fmt::format("[{}]", name), keys);
  };
  const toml::table* t;
  HEDUI_RETURN_IF_ERROR(section("deceased", {"enabled"}, &t));
  if (t)
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "deceased", "enabled", &rules.deceased_enabled));
  HEDUI_RETURN_IF_ERROR(section("vehicle", {"enabled", "exempt_types"}, &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "vehicle", "enabled", &rules.vehicle_enabled));
    if (const toml::node* n = t->get("exempt_types")) {
      const toml::array* a = n->as_array();
      if (a == nullptr) {
        return Status::InvalidArgument(fmt::format(
            "{}: vehicle.exempt_types must be a list of vehicle_type codes",
            TomlWhere(path, n)));
      }
      const FieldSpec& type_field =
          GetFeedSpec(FeedKind::kVehicle).fields[field::kVehType];
      rules.vehicle_exempt_types.clear();
      for (const toml::node& item : *a) {
        auto code = item.value<std::string>();
        if (!code || std::find(type_field.codes.begin(), type_field.codes.end(),
                               *code) == type_field.codes.end()) {
          std::string list;
          for (std::string_view c : type_field.codes)
            list += (list.empty() ? "" : ", ") + std::string(c);
          return Status::InvalidArgument(fmt::format(
              "{}: vehicle.exempt_types: '{}' is not a vehicle_type code ({})",
              TomlWhere(path, &item), code.value_or("?"), list));
        }
        rules.vehicle_exempt_types.push_back(*code);
      }
    }
  }
  HEDUI_RETURN_IF_ERROR(
      section("property",
              {"enabled", "dwellings_allowed", "commercial_counts",
               "bought_after_enrolment_counts"},
              &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "property", "enabled", &rules.property_enabled));
    HEDUI_RETURN_IF_ERROR(GetCount(path, *t, "property", "dwellings_allowed",
                                   &rules.property_dwellings_allowed));
    HEDUI_RETURN_IF_ERROR(GetBool(path, *t, "property", "commercial_counts",
                                  &rules.property_commercial_counts));
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "property", "bought_after_enrolment_counts",
                &rules.property_bought_after_enrolment_counts));
  }
  HEDUI_RETURN_IF_ERROR(section("moved", {"enabled", "imprisoned_counts"}, &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "moved", "enabled", &rules.moved_enabled));
    HEDUI_RETURN_IF_ERROR(GetBool(path, *t, "moved", "imprisoned_counts",
                                  &rules.moved_imprisoned_counts));
  }
  HEDUI_RETURN_IF_ERROR(section(
      "income", {"enabled", "payroll_kinds", "welfare_job_disregard"}, &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "income", "enabled", &rules.income_enabled));
    HEDUI_RETURN_IF_ERROR(GetCodes(path, *t, "income", "payroll_kinds",
                                   FeedKind::kPayroll, 2,
                                   &rules.income_payroll_kinds));
    HEDUI_RETURN_IF_ERROR(GetAmount(path, *t, "income", "welfare_job_disregard",
                                    &rules.income_welfare_job_disregard_fen));
  }
  HEDUI_RETURN_IF_ERROR(section("assets", {"enabled", "months"}, &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "assets", "enabled", &rules.assets_enabled));
    HEDUI_RETURN_IF_ERROR(
        GetCount(path, *t, "assets", "months", &rules.assets_months));
  }
  HEDUI_RETURN_IF_ERROR(
      section("business", {"enabled", "capital_threshold", "roles"}, &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "business", "enabled", &rules.business_enabled));
    HEDUI_RETURN_IF_ERROR(GetAmount(path, *t, "business", "capital_threshold",
                                    &rules.business_capital_threshold_fen));
    HEDUI_RETURN_IF_ERROR(GetCodes(path, *t, "business", "roles",
                                   FeedKind::kBusiness, 3,
                                   &rules.business_roles));
  }
  HEDUI_RETURN_IF_ERROR(section("public_pay",
                                {"enabled", "public_payroll_counts",
                                 "welfare_job_counts", "pension_line"},
                                &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "public_pay", "enabled", &rules.public_pay_enabled));
    HEDUI_RETURN_IF_ERROR(GetBool(path, *t, "public_pay",
                                  "public_payroll_counts",
                                  &rules.public_pay_public_payroll_counts));
    HEDUI_RETURN_IF_ERROR(GetBool(path, *t, "public_pay", "welfare_job_counts",
                                  &rules.public_pay_welfare_job_counts));
    HEDUI_RETURN_IF_ERROR(GetAmount(path, *t, "public_pay", "pension_line",
                                    &rules.public_pay_pension_line_fen));
  }
  for (auto [name, flag] : {std::pair<std::string_view, bool*>{
                                "duplicate", &rules.duplicate_enabled},
                            {"payment", &rules.payment_enabled},
                            {"underpaid", &rules.underpaid_enabled}}) {
    HEDUI_RETURN_IF_ERROR(section(name, {"enabled"}, &t));
    if (t) HEDUI_RETURN_IF_ERROR(GetBool(path, *t, name, "enabled", flag));
  }
  HEDUI_RETURN_IF_ERROR(section("split", {"enabled", "generic_max_cases"}, &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *t, "split", "enabled", &rules.split_enabled));
    HEDUI_RETURN_IF_ERROR(GetCount(path, *t, "split", "generic_max_cases",
                                   &rules.split_generic_max_cases));
    if (rules.split_generic_max_cases < 2) {
      return Status::InvalidArgument(
          fmt::format("{}: split.generic_max_cases must be at least 2 (got {})",
                      TomlWhere(path, t->get("generic_max_cases")),
                      rules.split_generic_max_cases));
    }
  }
  for (auto [name, flag] :
       {std::pair<std::string_view, bool*>{"merge", &rules.merge_enabled},
        {"cadre_kin", &rules.cadre_kin_enabled}}) {
    HEDUI_RETURN_IF_ERROR(section(name, {"enabled"}, &t));
    if (t) HEDUI_RETURN_IF_ERROR(GetBool(path, *t, name, "enabled", flag));
  }
  HEDUI_RETURN_IF_ERROR(section("review", {"months"}, &t));
  if (t) {
    if (const toml::node* n = t->get("months")) {
      const toml::table* months = n->as_table();
      if (months == nullptr) {
        return Status::InvalidArgument(
            fmt::format("{}: review.months must be a table of category = "
                        "months, e.g. {{ \"一类\" = 6 }}",
                        TomlWhere(path, n)));
      }
      rules.review_months.clear();
      for (const auto& [category, value] : *months) {
        if (!value.is_integer() || value.as_integer()->get() <= 0) {
          return Status::InvalidArgument(fmt::format(
              "{}: review.months.{} must be a whole number of months above 0",
              TomlWhere(path, &value), category.str()));
        }
        rules.review_months[std::string(category.str())] =
            static_cast<int>(value.as_integer()->get());
      }
    }
  }
  return rules;
}

StatusOr<Rules> LoadRules(const std::string& path) {
  StatusOr<std::string> text = ReadConfigFile(path, "rules file");
  if (!text.ok()) return text.status();
  return ParseRules(text.value(), path);
}

}  // namespace hedui
