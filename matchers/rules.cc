#include "hedui/rules.h"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "engine/base/toml_check.h"
#include "hedui/feed_schema.h"
#include "hedui/matcher.h"

namespace hedui {

namespace {

Status GetBool(const std::string& path, const toml::node& n,
               std::string_view key, bool* out) {
  if (!n.is_boolean()) {
    return Status::InvalidArgument(
        fmt::format("{}: {} must be true or false", TomlWhere(path, &n), key));
  }
  *out = n.as_boolean()->get();
  return Status::OK();
}

Status GetAmount(const std::string& path, const toml::node& n,
                 std::string_view key, int64_t* out) {
  double v;
  if (n.is_integer()) {
    v = static_cast<double>(n.as_integer()->get());
  } else if (n.is_floating_point()) {
    v = n.as_floating_point()->get();
  } else {
    return Status::InvalidArgument(
        fmt::format("{}: {} must be an amount in 元 (a number such as 780.00)",
                    TomlWhere(path, &n), key));
  }
  if (!(v >= 0)) {
    return Status::InvalidArgument(fmt::format(
        "{}: {} must not be negative (got {})", TomlWhere(path, &n), key, v));
  }
  // Kept in fen as int64, and multiplied by months and members: bounded.
  if (v > 1e12) {
    return Status::InvalidArgument(
        fmt::format("{}: {} must be an amount from 0 to 1000000000000 元 "
                    "(got {})",
                    TomlWhere(path, &n), key, v));
  }
  *out = std::llround(v * 100);
  return Status::OK();
}

// A list of canonical codes of one field of one feed kind.
Status GetCodes(const std::string& path, const toml::node& n,
                std::string_view key, FeedKind kind, int field_index,
                std::vector<std::string>* out) {
  const FieldSpec& spec =
      GetFeedSpec(kind).fields[static_cast<size_t>(field_index)];
  std::string list;
  for (std::string_view c : spec.codes)
    list += (list.empty() ? "" : ", ") + std::string(c);
  const toml::array* a = n.as_array();
  if (a == nullptr) {
    return Status::InvalidArgument(
        fmt::format("{}: {} must be a list of {} codes ({})",
                    TomlWhere(path, &n), key, spec.name, list));
  }
  out->clear();
  for (const toml::node& item : *a) {
    auto code = item.value<std::string>();
    if (!code || std::find(spec.codes.begin(), spec.codes.end(), *code) ==
                     spec.codes.end()) {
      return Status::InvalidArgument(fmt::format(
          "{}: {}: '{}' is not a {} code ({})", TomlWhere(path, &item), key,
          code.value_or("?"), spec.name, list));
    }
    out->push_back(*code);
  }
  return Status::OK();
}

// One ground's section: every key declared, each checked as its type says;
// keys the file leaves out keep their defaults.
Status ParseSection(const std::string& path, const toml::table& t,
                    const RuleSection& section, RuleValues* values) {
  std::vector<std::string_view> allowed = {"enabled"};
  for (const RuleKey& k : section.keys) allowed.push_back(k.name);
  HEDUI_RETURN_IF_ERROR(
      CheckTomlKeys(path, t, fmt::format("[{}]", section.name), allowed));
  if (const toml::node* n = t.get("enabled")) {
    bool enabled = true;
    HEDUI_RETURN_IF_ERROR(
        GetBool(path, *n, fmt::format("{}.enabled", section.name), &enabled));
    values->Set("enabled", enabled);
  }
  for (const RuleKey& k : section.keys) {
    const toml::node* n = t.get(k.name);
    if (n == nullptr) continue;
    const std::string key = fmt::format("{}.{}", section.name, k.name);
    switch (k.type) {
      case RuleKey::Type::kBool: {
        bool v = false;
        HEDUI_RETURN_IF_ERROR(GetBool(path, *n, key, &v));
        values->Set(k.name, v);
        break;
      }
      case RuleKey::Type::kCount: {
        int64_t v = 0;
        HEDUI_RETURN_IF_ERROR(GetTomlInt(path, *n, key, k.min, k.max, &v));
        values->Set(k.name, v);
        break;
      }
      case RuleKey::Type::kAmount: {
        int64_t fen = 0;
        HEDUI_RETURN_IF_ERROR(GetAmount(path, *n, key, &fen));
        values->Set(k.name, fen);
        break;
      }
      case RuleKey::Type::kCodes: {
        std::vector<std::string> codes;
        HEDUI_RETURN_IF_ERROR(GetCodes(path, *n, key, k.feed, k.field, &codes));
        values->Set(k.name, std::move(codes));
        break;
      }
    }
  }
  return Status::OK();
}

RuleValues Defaults(const RuleSection& section) {
  RuleValues values;
  values.Set("enabled", true);
  for (const RuleKey& k : section.keys) values.Set(k.name, k.default_value);
  return values;
}

std::vector<RuleSection> MatcherSections() {
  std::vector<RuleSection> sections;
  for (const auto& m : AllMatchers())
    sections.push_back({std::string(m->Section()), m->RuleKeys()});
  return sections;
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
      HEDUI_RETURN_IF_ERROR(GetAmount(path, *t.get("monthly"),
                                      "standard.monthly", &s.monthly_fen));
    } else {
      HEDUI_RETURN_IF_ERROR(
          GetAmount(path, *t.get("yearly"), "standard.yearly", &s.yearly_fen));
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

RuleKey RuleKey::Bool(std::string_view name, bool default_value) {
  RuleKey k;
  k.name = name;
  k.type = Type::kBool;
  k.default_value = default_value;
  return k;
}

RuleKey RuleKey::Count(std::string_view name, int64_t default_value,
                       int64_t min, int64_t max) {
  RuleKey k;
  k.name = name;
  k.type = Type::kCount;
  k.default_value = default_value;
  k.min = min;
  k.max = max;
  return k;
}

RuleKey RuleKey::Amount(std::string_view name, int64_t default_fen) {
  RuleKey k;
  k.name = name;
  k.type = Type::kAmount;
  k.default_value = default_fen;
  return k;
}

RuleKey RuleKey::Codes(std::string_view name, FeedKind feed, int field,
                       std::vector<std::string> default_codes) {
  RuleKey k;
  k.name = name;
  k.type = Type::kCodes;
  k.default_value = std::move(default_codes);
  k.feed = feed;
  k.field = field;
  return k;
}

const RuleValue* RuleValues::Find(std::string_view key) const {
  auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

bool RuleValues::Has(std::string_view key) const {
  return Find(key) != nullptr;
}

bool RuleValues::Bool(std::string_view key) const {
  const RuleValue* v = Find(key);
  const bool* b = v ? std::get_if<bool>(v) : nullptr;
  return b != nullptr && *b;
}

int64_t RuleValues::Int(std::string_view key) const {
  const RuleValue* v = Find(key);
  const int64_t* i = v ? std::get_if<int64_t>(v) : nullptr;
  return i ? *i : 0;
}

const std::vector<std::string>& RuleValues::Codes(std::string_view key) const {
  static const std::vector<std::string> kNone;
  const RuleValue* v = Find(key);
  const auto* codes = v ? std::get_if<std::vector<std::string>>(v) : nullptr;
  return codes ? *codes : kNone;
}

void RuleValues::Set(std::string_view key, RuleValue value) {
  auto it = values_.find(key);
  if (it == values_.end()) {
    values_.emplace(std::string(key), std::move(value));
  } else {
    it->second = std::move(value);
  }
}

Rules::Rules() {
  for (const RuleSection& section : MatcherSections())
    grounds[section.name] = Defaults(section);
}

const RuleValues& Rules::ground(std::string_view name) const {
  static const RuleValues kNone;
  auto it = grounds.find(name);
  return it == grounds.end() ? kNone : it->second;
}

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
  return ParseRules(toml_text, path, MatcherSections());
}

namespace {

// [county] region_codes, place_names and foreign_rolls: lists of strings; each
// code six ASCII digits (a GB/T 2260 county code).
Status ParseCountyPlaces(const std::string& path, const toml::table& county,
                         Rules* rules) {
  auto strings = [&](std::string_view key, std::string_view example,
                     std::vector<std::string>* out) -> Status {
    const toml::node* n = county.get(key);
    if (n == nullptr) return Status::OK();
    const toml::array* list = n->as_array();
    if (list == nullptr) {
      return Status::InvalidArgument(
          fmt::format("{}: county.{} must be a list such as {}",
                      TomlWhere(path, n), key, example));
    }
    for (const toml::node& item : *list) {
      const auto* text = item.as_string();
      if (text == nullptr || text->get().empty()) {
        return Status::InvalidArgument(
            fmt::format("{}: county.{} must be a list such as {}",
                        TomlWhere(path, &item), key, example));
      }
      out->push_back(text->get());
    }
    return Status::OK();
  };
  constexpr std::string_view kCodes = "[\"410329\"]";
  HEDUI_RETURN_IF_ERROR(strings("region_codes", kCodes, &rules->region_codes));
  for (size_t i = 0; i < rules->region_codes.size(); ++i) {
    const std::string& code = rules->region_codes[i];
    bool six_digits = code.size() == 6 &&
                      std::all_of(code.begin(), code.end(),
                                  [](char c) { return c >= '0' && c <= '9'; });
    if (!six_digits) {
      return Status::InvalidArgument(fmt::format(
          "{}: county.region_codes: '{}' is not a 6-digit county code such "
          "as \"410329\"",
          TomlWhere(path, county.get("region_codes")->as_array()->get(i)),
          code));
    }
  }
  HEDUI_RETURN_IF_ERROR(
      strings("place_names", "[\"伊川县\"]", &rules->place_names));
  return strings("foreign_rolls", "[\"汝阳县\"]", &rules->foreign_rolls);
}

// A list of outcome codes: non-empty strings, no repeats.
Status ParseOutcomeList(const std::string& path, const toml::table& t,
                        std::string_view key, std::vector<std::string>* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  const toml::array* list = n->as_array();
  if (list == nullptr || list->empty()) {
    return Status::InvalidArgument(fmt::format(
        "{}: cases.{} must be a non-empty list of outcome codes, e.g. "
        "[\"死亡\", \"迁出\"]",
        TomlWhere(path, n), key));
  }
  out->clear();
  for (const toml::node& item : *list) {
    std::optional<std::string> code = item.value<std::string>();
    if (!code || code->empty()) {
      return Status::InvalidArgument(
          fmt::format("{}: cases.{}: every outcome code must be a non-empty "
                      "string",
                      TomlWhere(path, &item), key));
    }
    if (std::find(out->begin(), out->end(), *code) != out->end()) {
      return Status::InvalidArgument(
          fmt::format("{}: cases.{}: '{}' is listed twice",
                      TomlWhere(path, &item), key, *code));
    }
    out->push_back(*code);
  }
  return Status::OK();
}

Status ParseCasesSection(const std::string& path, const toml::table& t,
                         Rules* rules) {
  HEDUI_RETURN_IF_ERROR(
      CheckTomlKeys(path, t, "[cases]",
                    {"confirmed_outcomes", "cleared_outcomes", "notice_days"}));
  HEDUI_RETURN_IF_ERROR(ParseOutcomeList(path, t, "confirmed_outcomes",
                                         &rules->confirmed_outcomes));
  HEDUI_RETURN_IF_ERROR(
      ParseOutcomeList(path, t, "cleared_outcomes", &rules->cleared_outcomes));
  for (const std::string& code : rules->cleared_outcomes) {
    if (std::find(rules->confirmed_outcomes.begin(),
                  rules->confirmed_outcomes.end(),
                  code) != rules->confirmed_outcomes.end()) {
      return Status::InvalidArgument(fmt::format(
          "{}: [cases]: '{}' is both a confirmed and a cleared outcome", path,
          code));
    }
  }
  if (const toml::node* n = t.get("notice_days")) {
    HEDUI_RETURN_IF_ERROR(GetTomlInt(path, *n, "cases.notice_days", 0,
                                     kMaxNoticeDays, &rules->notice_days));
  }
  return Status::OK();
}

Status ParseCampaigns(const std::string& path, const toml::node* n,
                      Rules* rules) {
  const toml::array* list = n->as_array();
  if (list == nullptr) {
    return Status::InvalidArgument(fmt::format(
        "{}: campaigns are written [[campaign]] with name, from and to",
        TomlWhere(path, n)));
  }
  for (const toml::node& item : *list) {
    const toml::table* c = item.as_table();
    if (c == nullptr) {
      return Status::InvalidArgument(fmt::format(
          "{}: [[campaign]] must be a table", TomlWhere(path, &item)));
    }
    HEDUI_RETURN_IF_ERROR(
        CheckTomlKeys(path, *c, "[[campaign]]", {"name", "from", "to"}));
    Rules::Campaign campaign;
    campaign.name = (*c)["name"].value_or(std::string());
    if (campaign.name.empty()) {
      return Status::InvalidArgument(
          fmt::format("{}: [[campaign]] needs a name", TomlWhere(path, &item)));
    }
    for (auto [key, date] :
         {std::pair{"from", &campaign.from}, std::pair{"to", &campaign.to}}) {
      std::string text = (*c)[key].value_or(std::string());
      if (!ParseDate(text, date)) {
        return Status::InvalidArgument(fmt::format(
            "{}: campaign '{}': {} must be a date written \"YYYY-MM-DD\"",
            TomlWhere(path, &item), campaign.name, key));
      }
    }
    if (campaign.to < campaign.from) {
      return Status::InvalidArgument(
          fmt::format("{}: campaign '{}' ends before it starts",
                      TomlWhere(path, &item), campaign.name));
    }
    for (const Rules::Campaign& other : rules->campaigns) {
      if (other.name == campaign.name) {
        return Status::InvalidArgument(
            fmt::format("{}: campaign '{}' is defined twice",
                        TomlWhere(path, &item), campaign.name));
      }
    }
    rules->campaigns.push_back(std::move(campaign));
  }
  return Status::OK();
}

}  // namespace

StatusOr<Rules> ParseRules(std::string_view toml_text, const std::string& path,
                           const std::vector<RuleSection>& sections) {
  StatusOr<toml::table> parsed = ParseTomlText(toml_text, path);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = parsed.value();
  Rules rules;
  rules.path = path;
  rules.content_hash = XXH64(toml_text.data(), toml_text.size(), 0);
  rules.grounds.clear();
  std::vector<std::string_view> top = {"county", "standard", "review", "cases",
                                       "campaign"};
  for (const RuleSection& section : sections) {
    top.push_back(section.name);
    rules.grounds[section.name] = Defaults(section);
  }
  HEDUI_RETURN_IF_ERROR(CheckTomlKeys(path, root, "the top level", top));
  if (const toml::node* n = root.get("standard"))
    HEDUI_RETURN_IF_ERROR(ParseStandards(path, n, &rules));
  if (const toml::node* n = root.get("county")) {
    const toml::table* t = n->as_table();
    if (t == nullptr)
      return Status::InvalidArgument(
          fmt::format("{}: [county] must be a table", TomlWhere(path, n)));
    HEDUI_RETURN_IF_ERROR(CheckTomlKeys(
        path, *t, "[county]",
        {"name", "region_codes", "place_names", "foreign_rolls"}));
    rules.county = (*t)["name"].value_or(std::string());
    HEDUI_RETURN_IF_ERROR(ParseCountyPlaces(path, *t, &rules));
  }
  auto table = [&](std::string_view name, const toml::table** out) -> Status {
    *out = nullptr;
    const toml::node* n = root.get(name);
    if (n == nullptr) return Status::OK();
    *out = n->as_table();
    if (*out == nullptr)
      return Status::InvalidArgument(
          fmt::format("{}: [{}] must be a table", TomlWhere(path, n), name));
    return Status::OK();
  };
  const toml::table* t;
  for (const RuleSection& section : sections) {
    HEDUI_RETURN_IF_ERROR(table(section.name, &t));
    if (t) {
      HEDUI_RETURN_IF_ERROR(
          ParseSection(path, *t, section, &rules.grounds[section.name]));
    }
  }
  HEDUI_RETURN_IF_ERROR(table("review", &t));
  if (t) {
    HEDUI_RETURN_IF_ERROR(CheckTomlKeys(path, *t, "[review]", {"months"}));
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
        int every = 0;
        HEDUI_RETURN_IF_ERROR(GetTomlInt(
            path, value, fmt::format("review.months.{}", category.str()), 1,
            kMaxReviewMonths, &every));
        rules.review_months[std::string(category.str())] = every;
      }
    }
  }
  HEDUI_RETURN_IF_ERROR(table("cases", &t));
  if (t) HEDUI_RETURN_IF_ERROR(ParseCasesSection(path, *t, &rules));
  if (const toml::node* n = root.get("campaign"))
    HEDUI_RETURN_IF_ERROR(ParseCampaigns(path, n, &rules));
  return rules;
}

StatusOr<Rules> LoadRules(const std::string& path) {
  StatusOr<std::string> text = ReadConfigFile(path, "rules file");
  if (!text.ok()) return text.status();
  return ParseRules(text.value(), path);
}

StatusOr<std::string> CheckRulesFile(const std::string& path) {
  StatusOr<Rules> rules = LoadRules(path);
  if (!rules.ok()) return rules.status();
  // What an officer checks by eye: the county, each zone's standards and
  // the grounds switched off (a typo in a value is an error above; a ground
  // left off on purpose is not).
  std::string zones;
  for (const auto& [zone, list] : rules->standards) {
    zones += fmt::format("{}{} ({} from {})", zones.empty() ? "" : ", ", zone,
                         list.size(), list.front().from.ToString());
  }
  std::vector<std::string> off;
  size_t grounds = 0;
  for (const auto& m : AllMatchers()) {
    ++grounds;
    if (!m->Enabled(*rules)) off.push_back(std::string(m->Name()));
  }
  std::string disabled;
  for (const std::string& name : off)
    disabled += (disabled.empty() ? "" : ", ") + name;
  return fmt::format("county '{}'; standards: {}; {} of {} grounds enabled{}",
                     rules->county, zones.empty() ? "none" : zones,
                     grounds - off.size(), grounds,
                     off.empty() ? "" : " (off: " + disabled + ")");
}

}  // namespace hedui
