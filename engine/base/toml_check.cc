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

Status CheckTomlKeys(const std::string& path, const toml::table& table,
                     std::string_view where,
                     std::initializer_list<std::string_view> allowed) {
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
