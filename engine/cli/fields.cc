// `hedui fields`: the canonical schema a mapping file maps onto.
#include <cstdio>
#include <memory>

#include "engine/cli/commands.h"
#include "hedui/feed_schema.h"

namespace hedui::cli {
namespace {

int ListFields(const std::string& only_kind) {
  for (int k = 0; k < kFeedKindCount; ++k) {
    const FeedSpec& spec = GetFeedSpec(static_cast<FeedKind>(k));
    if (!only_kind.empty() && spec.name != only_kind) continue;
    std::printf("%s (%s)\n", std::string(spec.name).c_str(),
                std::string(spec.chinese).c_str());
    for (const FieldSpec& f : spec.fields) {
      std::string codes;
      for (std::string_view c : f.codes)
        codes += (codes.empty() ? " codes: " : ", ") + std::string(c);
      std::printf("  %-20s %-7s %-9s %s%s\n", std::string(f.name).c_str(),
                  std::string(FieldTypeName(f.type)).c_str(),
                  f.required ? "required" : "",
                  std::string(f.description).c_str(), codes.c_str());
    }
  }
  return 0;
}

}  // namespace

Command AddFieldsCommand(CLI::App& app) {
  auto* fields = app.add_subcommand(
      "fields", "list feed kinds, their canonical fields, types and codes");
  auto kind = std::make_shared<std::string>();
  fields->add_option("kind", *kind, "one feed kind (default: all)");
  return Command{fields, [kind] { return ListFields(*kind); }};
}

}  // namespace hedui::cli
