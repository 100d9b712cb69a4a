// What every TOML file hedui reads (mapping files, rules files) needs: one-
// line errors that name the file and line, a check that refuses unknown
// keys, and syntax errors as a Status rather than an exception.
#ifndef HEDUI_ENGINE_BASE_TOML_CHECK_H_
#define HEDUI_ENGINE_BASE_TOML_CHECK_H_

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "hedui/status.h"

namespace hedui {

// "file:line" of a node, or the file alone when the node is unknown.
std::string TomlWhere(const std::string& path, const toml::node* node);

// InvalidArgument naming the first key of `table` not in `allowed`, with
// its line and the keys that are allowed.
Status CheckTomlKeys(const std::string& path, const toml::table& table,
                     std::string_view where,
                     std::initializer_list<std::string_view> allowed);

Status CheckTomlKeys(const std::string& path, const toml::table& table,
                     std::string_view where,
                     const std::vector<std::string_view>& allowed);

// The one checked conversion of an integer a TOML file gives (rules,
// mappings): InvalidArgument naming the file, line, `key` and the allowed
// range [min, max] when `node` is not an integer or lies outside it.
// Narrowing the result to a type that holds [min, max] is then safe; a
// value such as 4294967296 never reaches a static_cast<int> to become 0.
//   "r.toml:2: assets.months must be a whole number from 0 to 1200 (got
//    4294967296)"; below 0 when 0 is allowed: "... must not be negative
//    (got -3)".
Status GetTomlInt(const std::string& path, const toml::node& node,
                  std::string_view key, int64_t min, int64_t max, int64_t* out);

// The same into a narrower integer type; [min, max] must fit in T.
template <typename T>
Status GetTomlInt(const std::string& path, const toml::node& node,
                  std::string_view key, T min, T max, T* out) {
  static_assert(std::numeric_limits<T>::is_integer &&
                std::numeric_limits<T>::is_signed &&
                sizeof(T) <= sizeof(int64_t));
  int64_t v = 0;
  Status s = GetTomlInt(path, node, key, static_cast<int64_t>(min),
                        static_cast<int64_t>(max), &v);
  if (s.ok()) *out = static_cast<T>(v);  // within [min, max]: fits
  return s;
}

// Parses TOML text; a syntax error is "file:line: not valid TOML: …".
StatusOr<toml::table> ParseTomlText(std::string_view text,
                                    const std::string& path);

// The whole file, or "file: cannot read <what>".
StatusOr<std::string> ReadConfigFile(const std::string& path,
                                     std::string_view what);

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_TOML_CHECK_H_
