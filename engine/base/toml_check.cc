#include "engine/base/toml_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace hedui {

std::string TomlWhere(const std::string& path, const toml::node* node) {
  if (node == nullptr || !node->source().begin) return path;
  return fmt::format("{}:{}", path, node->source().begin.line);
}

namespace {

template <typename List>
Status CheckKeys(const std::string& path, const toml::table& table,
                 std::string_view where, const List& allowed) {
  for (const auto& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end())
      continue;
    std::string list;
    for (std::string_view a : allowed)
      list += (list.empty() ? "" : ", ") + std::string(a);
    return Status::InvalidArgument(
        fmt::format("{}: unknown key '{}' in {} (expected one of: {})",
                    TomlWhere(path, &node), key.str(), where, list));
  }
  return Status::OK();
}

}  // namespace

Status CheckTomlKeys(const std::string& path, const toml::table& table,
                     std::string_view where,
                     std::initializer_list<std::string_view> allowed) {
  return CheckKeys(path, table, where, allowed);
}

Status CheckTomlKeys(const std::string& path, const toml::table& table,
                     std::string_view where,
                     const std::vector<std::string_view>& allowed) {
  return CheckKeys(path, table, where, allowed);
}

Status GetTomlInt(const std::string& path, const toml::node& node,
                  std::string_view key, int64_t min, int64_t max,
                  int64_t* out) {
  if (!node.is_integer()) {
    return Status::InvalidArgument(
        fmt::format("{}: {} must be a whole number from {} to {}",
                    TomlWhere(path, &node), key, min, max));
  }
  const int64_t v = node.as_integer()->get();
  if (v < min || v > max) {
    // The wording rules files have always used for a negative count.
    if (min == 0 && v < 0) {
      return Status::InvalidArgument(
          fmt::format("{}: {} must not be negative (got {})",
                      TomlWhere(path, &node), key, v));
    }
    return Status::InvalidArgument(
        fmt::format("{}: {} must be a whole number from {} to {} (got {})",
                    TomlWhere(path, &node), key, min, max, v));
  }
  *out = v;
  return Status::OK();
}

StatusOr<toml::table> ParseTomlText(std::string_view text,
                                    const std::string& path) {
  // toml++ as Debian builds it reports syntax errors by exception; they
  // stop here and leave as a Status.
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(fmt::format("{}:{}: not valid TOML: {}",
                                               path, e.source().begin.line,
                                               e.description()));
  }
}

StatusOr<std::string> ReadConfigFile(const std::string& path,
                                     std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::IOError(fmt::format("{}: cannot read {}", path, what));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace hedui
