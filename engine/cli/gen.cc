// `hedui gen`: a synthetic county's department exports and ground truth.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "engine/cli/commands.h"
#include "engine/demo/generator.h"

namespace hedui::cli {
namespace {

// "6%", "6" or "0.06": the roll's share of residents, in basis points.
StatusOr<int> ParseRollShare(const std::string& text) {
  std::string t = text;
  bool percent = !t.empty() && t.back() == '%';
  if (percent) t.pop_back();
  char* end = nullptr;
  double v = t.empty() ? -1 : std::strtod(t.c_str(), &end);
  if (end == nullptr || *end != '\0' || !(v > 0))
    return Status::InvalidArgument("--roll-share: not a share: " + text);
  if (!percent && v < 1) v *= 100;  // 0.06 is 6%
  long bp = std::lround(v * 100);
  if (bp < 1 || bp > 2000)
    return Status::InvalidArgument(
        "--roll-share: between 0.01% and 20% of residents: " + text);
  return static_cast<int>(bp);
}

struct GenArgs {
  std::string out;
  int residents = 200000;
  uint64_t seed = 20261122;
  std::string roll_share = "3%";
  std::string as_of = "2026-10-31";
};

int RunGen(const GenArgs& args) {
  StatusOr<Date> as_of = ParseAsOf(args.as_of);
  if (!as_of.ok()) return Fail(as_of.status());
  demo::GeneratorOptions options;
  options.out_dir = args.out;
  options.seed = args.seed;
  options.residents = args.residents;
  StatusOr<int> share = ParseRollShare(args.roll_share);
  if (!share.ok()) return Fail(share.status());
  options.roll_share_bp = *share;
  options.as_of = *as_of;
  demo::GeneratorReport report;
  auto started = std::chrono::steady_clock::now();
  Status s = demo::GenerateCounty(options, &report);
  if (!s.ok()) return Fail(s);
  std::printf(
      "generated %d residents, %d roll members in %d cases into %s in %.2f "
      "s\n",
      report.residents, report.roll_members, report.cases, args.out.c_str(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count());
  return 0;
}

}  // namespace

Command AddGenCommand(CLI::App& app) {
  auto* gen = app.add_subcommand(
      "gen",
      "write a synthetic county's department exports and its ground truth");
  auto args = std::make_shared<GenArgs>();
  gen->add_option("--out", args->out, "output directory")->required();
  gen->add_option("--residents", args->residents, "population register size")
      ->capture_default_str();
  gen->add_option("--roll-share", args->roll_share,
                  "the roll's share of residents: 3%, 6%, 10% (or 0.06)")
      ->capture_default_str();
  gen->add_option("--seed", args->seed,
                  "random seed; the same seed gives the same files")
      ->capture_default_str();
  gen->add_option("--as-of", args->as_of,
                  "date the ground truth is computed for")
      ->capture_default_str();
  return Command{gen, [args] { return RunGen(*args); }};
}

}  // namespace hedui::cli
