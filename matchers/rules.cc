#include "matchers/rules.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "engine/feed_schema.h"

namespace hedui {

namespace {

std::string Where(const std::string& path, const toml::node* node) {
  if (node == nullptr || !node->source().begin) return path;
  return fmt::format("{}:{}", path, node->source().begin.line);
}

Status CheckKeys(const std::string& path, const toml::table& table, std::string_view where,
                 std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    std::string list;
    for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return Status::InvalidArgument(fmt::format("{}: unknown key '{}' in {} (expected one of: {})",
                                               Where(path, &node), key.str(), where, list));
  }
  return Status::OK();
}

Status GetBool(const std::string& path, const toml::table& t, std::string_view section, std::string_view key,
               bool* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  if (!n->is_boolean()) {
    return Status::InvalidArgument(fmt::format("{}: {}.{} must be true or false", Where(path, n), section, key));
  }
  *out = n->as_boolean()->get();
  return Status::OK();
}

Status GetCount(const std::string& path, const toml::table& t, std::string_view section, std::string_view key,
                int* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  if (!n->is_integer()) {
    return Status::InvalidArgument(fmt::format("{}: {}.{} must be a whole number", Where(path, n), section, key));
  }
  int64_t v = n->as_integer()->get();
  if (v < 0) {
    return Status::InvalidArgument(fmt::format("{}: {}.{} must not be negative (got {})", Where(path, n), section, key, v));
  }
  *out = static_cast<int>(v);
  return Status::OK();
}

}  // namespace

StatusOr<Rules> ParseRules(std::string_view toml_text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(toml_text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(
        fmt::format("{}:{}: not valid TOML: {}", path, e.source().begin.line, e.description()));
  }
  Rules rules;
  rules.path = path;
  rules.content_hash = XXH64(toml_text.data(), toml_text.size(), 0);
  HEDUI_RETURN_IF_ERROR(CheckKeys(path, root, "the top level", {"county", "deceased", "vehicle", "property"}));
  if (const toml::node* n = root.get("county")) {
    const toml::table* t = n->as_table();
    if (t == nullptr) return Status::InvalidArgument(fmt::format("{}: [county] must be a table", Where(path, n)));
    HEDUI_RETURN_IF_ERROR(CheckKeys(path, *t, "[county]", {"name"}));
    rules.county = (*t)["name"].value_or(std::string());
  }
  auto section = [&](std::string_view name, std::initializer_list<std::string_view> keys,
                     const toml::table** out) -> Status {
    *out = nullptr;
    const toml::node* n = root.get(name);
    if (n == nullptr) return Status::OK();
    *out = n->as_table();
    if (*out == nullptr) return Status::InvalidArgument(fmt::format("{}: [{}] must be a table", Where(path, n), name));
    return CheckKeys(path, **out, fmt::format("[{}]", name), keys);
  };
  const toml::table* t;
  HEDUI_RETURN_IF_ERROR(section("deceased", {"enabled"}, &t));
  if (t) HEDUI_RETURN_IF_ERROR(GetBool(path, *t, "deceased", "enabled", &rules.deceased_enabled));
  HEDUI_RETURN_IF_ERROR(section("vehicle", {"enabled", "exempt_types"}, &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(GetBool(path, *t, "vehicle", "enabled", &rules.vehicle_enabled));
    if (const toml::node* n = t->get("exempt_types")) {
      const toml::array* a = n->as_array();
      if (a == nullptr) {
        return Status::InvalidArgument(fmt::format("{}: vehicle.exempt_types must be a list of vehicle_type codes",
                                                   Where(path, n)));
      }
      const FieldSpec& type_field = GetFeedSpec(FeedKind::kVehicle).fields[field::kVehType];
      rules.vehicle_exempt_types.clear();
      for (const toml::node& item : *a) {
        auto code = item.value<std::string>();
        if (!code || std::find(type_field.codes.begin(), type_field.codes.end(), *code) == type_field.codes.end()) {
          std::string list;
          for (std::string_view c : type_field.codes) list += (list.empty() ? "" : ", ") + std::string(c);
          return Status::InvalidArgument(fmt::format("{}: vehicle.exempt_types: '{}' is not a vehicle_type code ({})",
                                                     Where(path, &item), code.value_or("?"), list));
        }
        rules.vehicle_exempt_types.push_back(*code);
      }
    }
  }
  HEDUI_RETURN_IF_ERROR(section(
      "property", {"enabled", "dwellings_allowed", "commercial_counts", "bought_after_enrolment_counts"}, &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(GetBool(path, *t, "property", "enabled", &rules.property_enabled));
    HEDUI_RETURN_IF_ERROR(GetCount(path, *t, "property", "dwellings_allowed", &rules.property_dwellings_allowed));
    HEDUI_RETURN_IF_ERROR(GetBool(path, *t, "property", "commercial_counts", &rules.property_commercial_counts));
    HEDUI_RETURN_IF_ERROR(GetBool(path, *t, "property", "bought_after_enrolment_counts",
                                  &rules.property_bought_after_enrolment_counts));
  }
  return rules;
}

StatusOr<Rules> LoadRules(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(fmt::format("{}: cannot read rules file", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseRules(buffer.str(), path);
}

}  // namespace hedui
