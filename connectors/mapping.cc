#include "connectors/mapping.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/base/text.h"
#include "engine/base/toml_check.h"

namespace hedui {

namespace {

// The ranges of a mapping's integers (GetTomlInt): a column number beyond
// any export's width, a unit that is no unit of money (万元 is 10000; 亿元
// 10^8 is the largest in use), or more lines skipped than a header block
// ever has, is a typo, and each fits an int where it is stored.
constexpr int kMaxColumn = 100000;
constexpr int64_t kMaxUnit = 100000000;
constexpr int kMaxSkipLines = 1000000;

std::string JoinCodes(std::span<const std::string_view> codes) {
  std::string s;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i) s += ", ";
    s += codes[i];
  }
  return s;
}

bool IsCode(const FieldSpec& spec, std::string_view code) {
  if (spec.codes.empty()) return true;  // the county's own codes
  return std::find(spec.codes.begin(), spec.codes.end(), code) !=
         spec.codes.end();
}

Status ParseField(const std::string& path, const FeedSpec& feed,
                  std::string_view name, const toml::node& node,
                  FieldMapping* out) {
  int index = feed.FieldIndex(name);
  if (index < 0) {
    std::string list;
    for (const FieldSpec& f : feed.fields)
      list += (list.empty() ? "" : ", ") + std::string(f.name);
    return Status::InvalidArgument(
        fmt::format("{}: '{}' is not a field of feed kind '{}' (fields: {})",
                    TomlWhere(path, &node), name, feed.name, list));
  }
  out->field = index;
  out->spec = &feed.fields[index];
  out->required = out->spec->required;
  std::string key = fmt::format("fields.{}", name);
  if (const auto* s = node.as_string()) {
    out->column = s->get();
  } else if (const auto* t = node.as_table()) {
    HEDUI_RETURN_IF_ERROR(CheckTomlKeys(
        path, *t, key,
        {"column", "index", "values", "other", "default", "unit", "required"}));
    auto wrong_type = [&](std::string_view k, std::string_view expected) {
      return Status::InvalidArgument(fmt::format("{}: {}.{} must be {}",
                                                 TomlWhere(path, t->get(k)),
                                                 key, k, expected));
    };
    if (const toml::node* n = t->get("column")) {
      if (!n->is_string()) return wrong_type("column", "a string");
      out->column = n->as_string()->get();
    }
    if (const toml::node* n = t->get("index")) {
      int column = 0;
      HEDUI_RETURN_IF_ERROR(
          GetTomlInt(path, *n, key + ".index", 1, kMaxColumn, &column));
      out->column_index = column - 1;
    }
    if (const toml::node* n = t->get("default")) {
      if (!n->is_string()) return wrong_type("default", "a string");
      out->default_value = n->as_string()->get();
    }
    if (const toml::node* n = t->get("unit")) {
      HEDUI_RETURN_IF_ERROR(GetTomlInt(path, *n, key + ".unit", int64_t{1},
                                       kMaxUnit, &out->unit));
      if (out->spec->type != FieldType::kAmount) {
        return Status::InvalidArgument(fmt::format(
            "{}: {}.unit applies to amounts only; '{}' is {}",
            TomlWhere(path, n), key, name, FieldTypeName(out->spec->type)));
      }
    }
    if (const toml::node* n = t->get("required")) {
      if (!n->is_boolean()) return wrong_type("required", "true or false");
      bool r = n->as_boolean()->get();
      if (!r && out->spec->required) {
        return Status::InvalidArgument(
            fmt::format("{}: {}: '{}' is always required for feed '{}'",
                        TomlWhere(path, n), key, name, feed.name));
      }
      out->required = r;
    }
    bool is_enum = out->spec->type == FieldType::kEnum;
    // On any field: a county translates its own words (城关 → 城关镇, 无 →
    // 0, 不详 → blank) without waiting for a release. An enumeration's
    // values must be its codes; other fields take any text, parsed as the
    // field's type after the translation.
    if (const toml::node* n = t->get("values")) {
      const toml::table* values = n->as_table();
      if (values == nullptr)
        return wrong_type("values", "a table of \"spelling\" = \"code\"");
      for (const auto& [spelling, code_node] : *values) {
        const auto* code = code_node.as_string();
        if (code == nullptr) {
          return Status::InvalidArgument(
              fmt::format("{}: {}.values.\"{}\" must be a string",
                          TomlWhere(path, &code_node), key, spelling.str()));
        }
        if (is_enum && !IsCode(*out->spec, code->get())) {
          return Status::InvalidArgument(
              fmt::format("{}: {}: '{}' is not a code of {}.{} ({})",
                          TomlWhere(path, &code_node), key, code->get(),
                          feed.name, name, JoinCodes(out->spec->codes)));
        }
        out->values[FoldSpelling(spelling.str())] = code->get();
      }
    }
    if (const toml::node* n = t->get("other")) {
      if (!is_enum) return wrong_type("other", "used with enumerations only");
      if (!n->is_string()) return wrong_type("other", "a string code");
      if (!IsCode(*out->spec, n->as_string()->get())) {
        return Status::InvalidArgument(
            fmt::format("{}: {}.other: '{}' is not a code of {}.{} ({})",
                        TomlWhere(path, n), key, n->as_string()->get(),
                        feed.name, name, JoinCodes(out->spec->codes)));
      }
      out->other = n->as_string()->get();
    }
  } else {
    return Status::InvalidArgument(
        fmt::format("{}: {} must be a column name or a table such as {{ column "
                    "= \"...\" }}",
                    TomlWhere(path, &node), key));
  }
  // The schema's own spellings (GB/T codes and common words), under the
  // mapping's, and its code for anything else unless `other` says one.
  for (const Spelling& s : out->spec->spellings)
    out->values.try_emplace(FoldSpelling(s.written), s.code);
  if (!out->other && !out->spec->unrecognised.empty())
    out->other = std::string(out->spec->unrecognised);
  if (out->column.empty() && out->column_index < 0 && !out->default_value) {
    return Status::InvalidArgument(
        fmt::format("{}: {} names no column (set column, index or default)",
                    TomlWhere(path, &node), key));
  }
  size_t start = 0;
  while (true) {
    size_t dot = out->column.find('.', start);
    out->path.push_back(out->column.substr(
        start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return Status::OK();
}

}  // namespace

std::string FoldSpelling(std::string_view raw) {
  return FoldFullWidth(TrimBlank(raw));
}

std::string_view FeedModeName(FeedMode mode) {
  switch (mode) {
    case FeedMode::kSnapshot:
      return "snapshot";
    case FeedMode::kDelta:
      return "delta";
    case FeedMode::kAppend:
      return "append";
  }
  return "?";
}

namespace {

std::vector<std::string> SplitPath(const std::string& column) {
  std::vector<std::string> path;
  size_t start = 0;
  while (true) {
    size_t dot = column.find('.', start);
    path.push_back(
        column.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return path;
}

// mode, source, key and deleted of [feed], checked against the fields.
Status ParseFeedMode(const std::string& path, const toml::table& feed,
                     Mapping* m) {
  if (const toml::node* n = feed.get("mode")) {
    auto mode = n->value<std::string>();
    if (mode == "snapshot") {
      m->mode = FeedMode::kSnapshot;
    } else if (mode == "delta") {
      m->mode = FeedMode::kDelta;
    } else if (mode == "append") {
      m->mode = FeedMode::kAppend;
    } else {
      return Status::InvalidArgument(
          fmt::format("{}: feed.mode must be \"snapshot\" (the whole feed; "
                      "replaces the last one), \"delta\" (changes "
                      "since the last export) or \"append\"",
                      TomlWhere(path, n)));
    }
  }
  for (auto [key, slot] :
       {std::pair{"max_quarantined_share", &m->max_quarantined_share},
        std::pair{"max_shrink", &m->max_shrink}}) {
    const toml::node* n = feed.get(key);
    if (n == nullptr) continue;
    std::optional<double> v = n->value<double>();
    if (!v || !(*v >= 0 && *v <= 1)) {
      return Status::InvalidArgument(fmt::format(
          "{}: feed.{} must be a share between 0 and 1, such as 0.3 (1 turns "
          "the check off)",
          TomlWhere(path, n), key));
    }
    *slot = *v;
  }
  m->source = std::filesystem::path(path).stem().string();
  if (const toml::node* n = feed.get("source")) {
    if (!n->is_string() || n->as_string()->get().empty()) {
      return Status::InvalidArgument(
          fmt::format("{}: feed.source must be a name such as \"车管所\"",
                      TomlWhere(path, n)));
    }
    m->source = n->as_string()->get();
  }
  const FeedSpec& spec = GetFeedSpec(m->kind);
  if (const toml::node* n = feed.get("key")) {
    const toml::array* keys = n->as_array();
    if (keys == nullptr || keys->empty()) {
      return Status::InvalidArgument(fmt::format(
          "{}: feed.key must be a list of field names, e.g. [\"plate\"]",
          TomlWhere(path, n)));
    }
    for (const toml::node& k : *keys) {
      auto name = k.value<std::string>();
      int index = name ? spec.FieldIndex(*name) : -1;
      bool mapped =
          std::any_of(m->fields.begin(), m->fields.end(),
                      [&](const FieldMapping& f) { return f.field == index; });
      if (index < 0 || !mapped) {
        return Status::InvalidArgument(
            fmt::format("{}: feed.key: '{}' is not a mapped field of this file",
                        TomlWhere(path, &k), name.value_or("?")));
      }
      m->key_fields.push_back(index);
    }
  }
  if (const toml::node* n = feed.get("deleted")) {
    const toml::table* t = n->as_table();
    if (t == nullptr) {
      return Status::InvalidArgument(
          fmt::format("{}: feed.deleted must be a table such as {{ column = "
                      "\"操作类型\", values = [\"删除\", \"D\"] }}",
                      TomlWhere(path, n)));
    }
    HEDUI_RETURN_IF_ERROR(
        CheckTomlKeys(path, *t, "feed.deleted", {"column", "index", "values"}));
    DeletionMarker marker;
    if (auto c = (*t)["column"].value<std::string>()) marker.column = *c;
    if (const toml::node* i = t->get("index")) {
      int column = 0;
      HEDUI_RETURN_IF_ERROR(
          GetTomlInt(path, *i, "feed.deleted.index", 1, kMaxColumn, &column));
      marker.column_index = column - 1;
    }
    if (marker.column.empty() && marker.column_index < 0) {
      return Status::InvalidArgument(fmt::format(
          "{}: feed.deleted needs column (or index)", TomlWhere(path, n)));
    }
    const toml::array* values = (*t)["values"].as_array();
    if (values == nullptr || values->empty()) {
      return Status::InvalidArgument(fmt::format(
          "{}: feed.deleted needs values = [\"删除\", …]", TomlWhere(path, n)));
    }
    for (const toml::node& v : *values) {
      auto text = v.value<std::string>();
      if (!text)
        return Status::InvalidArgument(fmt::format(
            "{}: feed.deleted.values must be strings", TomlWhere(path, &v)));
      marker.values.push_back(FoldSpelling(*text));
    }
    marker.path = SplitPath(marker.column);
    if (m->mode != FeedMode::kDelta) {
      return Status::InvalidArgument(
          fmt::format("{}: feed.deleted applies to mode = \"delta\" only",
                      TomlWhere(path, n)));
    }
    m->deleted = std::move(marker);
  }
  if (m->mode == FeedMode::kDelta && m->key_fields.empty()) {
    return Status::InvalidArgument(
        fmt::format("{}: a delta needs feed.key, the fields that identify a "
                    "record across the feed (e.g. [\"plate\"] for "
                    "vehicles, [\"certificate\", \"id_number\"] for property)",
                    path));
  }
  return Status::OK();
}

}  // namespace

StatusOr<Mapping> ParseMapping(std::string_view toml_text,
                               const std::string& path) {
  StatusOr<toml::table> parsed = ParseTomlText(toml_text, path);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = parsed.value();
  HEDUI_RETURN_IF_ERROR(
      CheckTomlKeys(path, root, "the top level", {"feed", "fields"}));
  const toml::table* feed = root["feed"].as_table();
  if (feed == nullptr)
    return Status::InvalidArgument(
        fmt::format("{}: missing [feed] table", path));
  HEDUI_RETURN_IF_ERROR(
      CheckTomlKeys(path, *feed, "[feed]",
                    {"kind", "format", "encoding", "delimiter", "header",
                     "skip_lines", "description", "mode", "source", "key",
                     "deleted", "max_quarantined_share", "max_shrink"}));
  Mapping m;
  m.path = path;
  auto kind_name = (*feed)["kind"].value<std::string>();
  if (!kind_name)
    return Status::InvalidArgument(
        fmt::format("{}: [feed] needs kind = \"roll\", \"vehicle\", …", path));
  auto kind = FeedKindFromName(*kind_name);
  if (!kind) {
    return Status::InvalidArgument(
        fmt::format("{}: feed.kind '{}' is unknown (roll, population, death, "
                    "migration, vehicle, property, tax, bank, "
                    "business, payroll, cadre)",
                    TomlWhere(path, feed->get("kind")), *kind_name));
  }
  m.kind = *kind;
  std::string format = (*feed)["format"].value_or(std::string("csv"));
  if (format == "csv") {
    m.format = SourceFormat::kCsv;
  } else if (format == "ndjson" || format == "jsonl") {
    m.format = SourceFormat::kNdjson;
  } else {
    return Status::InvalidArgument(
        fmt::format("{}: feed.format '{}' is unknown (csv, ndjson)",
                    TomlWhere(path, feed->get("format")), format));
  }
  std::string encoding = (*feed)["encoding"].value_or(std::string("utf-8"));
  std::transform(encoding.begin(), encoding.end(), encoding.begin(), ::tolower);
  if (encoding == "utf-8" || encoding == "utf8") {
    m.encoding = Encoding::kUtf8;
  } else if (encoding == "gb18030" || encoding == "gbk" ||
             encoding == "gb2312") {
    m.encoding = Encoding::kGb18030;  // GB18030 is a superset of both
  } else {
    return Status::InvalidArgument(
        fmt::format("{}: feed.encoding '{}' is unknown (utf-8, gb18030, gbk)",
                    TomlWhere(path, feed->get("encoding")), encoding));
  }
  if (const toml::node* n = feed->get("delimiter")) {
    if (!n->is_string() || n->as_string()->get().size() != 1) {
      return Status::InvalidArgument(
          fmt::format("{}: feed.delimiter must be one ASCII character such as "
                      "\",\" or \"\\t\"",
                      TomlWhere(path, n)));
    }
    m.delimiter = n->as_string()->get()[0];
  }
  if (const toml::node* n = feed->get("header")) {
    if (!n->is_boolean())
      return Status::InvalidArgument(fmt::format(
          "{}: feed.header must be true or false", TomlWhere(path, n)));
    m.header = n->as_boolean()->get();
  }
  if (const toml::node* n = feed->get("skip_lines")) {
    HEDUI_RETURN_IF_ERROR(GetTomlInt(path, *n, "feed.skip_lines", 0,
                                     kMaxSkipLines, &m.skip_lines));
  }
  m.description = (*feed)["description"].value_or(std::string());
  const toml::table* fields = root["fields"].as_table();
  if (fields == nullptr)
    return Status::InvalidArgument(
        fmt::format("{}: missing [fields] table", path));
  const FeedSpec& spec = GetFeedSpec(m.kind);
  for (const auto& [name, node] : *fields) {
    FieldMapping f;
    HEDUI_RETURN_IF_ERROR(ParseField(path, spec, name.str(), node, &f));
    if (m.format == SourceFormat::kNdjson && f.column_index >= 0) {
      return Status::InvalidArgument(fmt::format(
          "{}: fields.{}: index applies to CSV; NDJSON needs column",
          TomlWhere(path, &node), name.str()));
    }
    if (m.format == SourceFormat::kCsv && !m.header && f.column_index < 0 &&
        !f.column.empty()) {
      return Status::InvalidArgument(
          fmt::format("{}: fields.{}: the file has no header (header = false), "
                      "so name the column by index",
                      TomlWhere(path, &node), name.str()));
    }
    m.fields.push_back(std::move(f));
  }
  for (const FieldSpec& f : spec.fields) {
    if (!f.required) continue;
    bool mapped =
        std::any_of(m.fields.begin(), m.fields.end(),
                    [&](const FieldMapping& fm) { return fm.spec == &f; });
    if (!mapped) {
      return Status::InvalidArgument(
          fmt::format("{}: feed '{}' needs field '{}' ({}) in [fields]", path,
                      spec.name, f.name, f.description));
    }
  }
  std::sort(m.fields.begin(), m.fields.end(),
            [](const FieldMapping& a, const FieldMapping& b) {
              return a.field < b.field;
            });
  HEDUI_RETURN_IF_ERROR(ParseFeedMode(path, *feed, &m));
  return m;
}

StatusOr<Mapping> LoadMapping(const std::string& path) {
  StatusOr<std::string> text = ReadConfigFile(path, "mapping file");
  if (!text.ok()) return text.status();
  return ParseMapping(text.value(), path);
}

}  // namespace hedui
