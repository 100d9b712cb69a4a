// What every TOML file hedui reads (mapping files, rules files) needs: one-
// line errors that name the file and line, a check that refuses unknown
// keys, and syntax errors as a Status rather than an exception.
#ifndef HEDUI_ENGINE_BASE_TOML_CHECK_H_
#define HEDUI_ENGINE_BASE_TOML_CHECK_H_

#include <toml++/toml.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "hedui/status.h"

namespace hedui {

// "file:line" of a node, or the file alone when the node is unknown.
std::string TomlWhere(const std::string& path, const toml::node* node);

// InvalidArgument naming the first key of `table` not in `allowed`, with
// its line and the keys that are allowed.
Status CheckTomlKeys(const std::string& path, const toml::table& table,
                     std::string_view where,
                     std::initializer_list<std::string_view> allowed);

// Parses TOML text; a syntax error is "file:line: not valid TOML: …".
StatusOr<toml::table> ParseTomlText(std::string_view text,
                                    const std::string& path);

// The whole file, or "file: cannot read <what>".
StatusOr<std::string> ReadConfigFile(const std::string& path,
                                     std::string_view what);

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_TOML_CHECK_H_
