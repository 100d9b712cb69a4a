// `hedui score`: flags against a ground truth, per ground.
#include "engine/demo/score.h"

#include <cstdio>
#include <memory>

#include "engine/cli/commands.h"

namespace hedui::cli {
namespace {

struct ScoreArgs {
  std::string cases, truth;
};

int RunScore(const ScoreArgs& args) {
  StatusOr<demo::Score> result = demo::ScoreCases(args.cases, args.truth);
  if (!result.ok()) return Fail(result.status());
  std::printf("%s", demo::FormatScore(*result).c_str());
  for (const std::string& d : result->differences)
    std::printf("  %s\n", d.c_str());
  return 0;
}

}  // namespace

Command AddScoreCommand(CLI::App& app) {
  auto* score = app.add_subcommand(
      "score", "compare cases.ndjson with a ground-truth file");
  auto args = std::make_shared<ScoreArgs>();
  score->add_option("cases", args->cases, "cases.ndjson")->required();
  score->add_option("truth", args->truth, "truth.ndjson")->required();
  return Command{score, [args] { return RunScore(*args); }};
}

}  // namespace hedui::cli
