// `hedui explain`: one case in full (hedui/explain.h).
#include "hedui/explain.h"

#include <cstdio>
#include <memory>

#include "engine/cli/commands.h"

namespace hedui::cli {
namespace {

struct ExplainArgs {
  std::string case_id, data_dir, rules_path, as_of;
};

int RunExplain(const ExplainArgs& args) {
  StatusOr<Date> as_of = ParseAsOf(args.as_of);
  if (!as_of.ok()) return Fail(as_of.status());
  StatusOr<std::string> text =
      ExplainCase(args.data_dir, args.rules_path, *as_of, args.case_id);
  if (!text.ok()) return Fail(text.status());
  std::fputs(text->c_str(), stdout);
  return 0;
}

}  // namespace

Command AddExplainCommand(CLI::App& app) {
  auto* explain = app.add_subcommand(
      "explain",
      "show one case: members, flags with rule parameters, source records, "
      "month-by-month money");
  auto args = std::make_shared<ExplainArgs>();
  explain->add_option("case_id", args->case_id, "the case (低保户编号)")
      ->required();
  explain->add_option("--data", args->data_dir, "data directory")->required();
  explain
      ->add_option("--rules", args->rules_path,
                   "the county's rules file (configs/rules/*.toml)")
      ->required();
  explain->add_option("--as-of", args->as_of, "as-of date (YYYY-MM-DD)")
      ->required();
  return Command{explain, [args] { return RunExplain(*args); }};
}

}  // namespace hedui::cli
