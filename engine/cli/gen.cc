// `hedui gen`: a synthetic county's department exports and ground truth.
#include <chrono>
#include <cstdio>
#include <memory>

#include "engine/cli/commands.h"
#include "engine/demo/generator.h"

namespace hedui::cli {
namespace {

struct GenArgs {
  std::string out;
  int residents = 200000;
  uint64_t seed = 20261122;
  std::string as_of = "2026-10-31";
};

int RunGen(const GenArgs& args) {
  StatusOr<Date> as_of = ParseAsOf(args.as_of);
  if (!as_of.ok()) return Fail(as_of.status());
  demo::GeneratorOptions options;
  options.out_dir = args.out;
  options.seed = args.seed;
  options.residents = args.residents;
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
  gen->add_option("--seed", args->seed,
                  "random seed; the same seed gives the same files")
      ->capture_default_str();
  gen->add_option("--as-of", args->as_of,
                  "date the ground truth is computed for")
      ->capture_default_str();
  return Command{gen, [args] { return RunGen(*args); }};
}

}  // namespace hedui::cli
