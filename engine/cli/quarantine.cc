// `hedui quarantine`: what ingest could not read, per feed, field and
// reason with a few examples, for one message to each department.
#include "hedui/quarantine.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <optional>

#include "engine/cli/commands.h"

namespace hedui::cli {
namespace {

struct QuarantineArgs {
  std::string data_dir;
  std::optional<uint32_t> batch;
  size_t examples = 3;
};

int RunQuarantine(const QuarantineArgs& args) {
  StatusOr<std::unique_ptr<DataDirectory>> data =
      DataDirectory::Open(args.data_dir, DataDirectory::Mode::kReadOnly);
  if (!data.ok()) return Fail(data.status());
  QuarantineOptions options;
  options.batch = args.batch;
  options.examples = args.examples;
  StatusOr<QuarantineSummary> summary = SummarizeQuarantine(**data, options);
  if (!summary.ok()) return Fail(summary.status());
  std::string clean;  // feeds with nothing quarantined, named once
  for (const QuarantineFeed& f : summary->feeds) {
    if (f.quarantined == 0) {
      clean += (clean.empty() ? "" : ", ") + f.feed;
      continue;
    }
    std::string batches;
    for (uint32_t b : f.batches)
      batches += fmt::format("{}{}", batches.empty() ? "" : ", ", b);
    std::printf("%s (batch %s): %llu of %llu rows quarantined\n",
                f.feed.c_str(), batches.c_str(),
                static_cast<unsigned long long>(f.quarantined),
                static_cast<unsigned long long>(f.read));
    for (const QuarantineGroup& g : summary->groups) {
      if (g.feed != f.feed) continue;
      std::string_view text = QuarantineReasonText(g.reason);
      std::printf("  %s%s%s: %llu row%s — %s\n",
                  g.field.empty() ? "the row" : g.field.c_str(), ", ",
                  g.reason.c_str(), static_cast<unsigned long long>(g.rows),
                  g.rows == 1 ? "" : "s",
                  text.empty() ? g.reason.c_str() : std::string(text).c_str());
      for (const QuarantineExample& e : g.examples) {
        std::printf("      %s line %llu: %s\n", e.file.c_str(),
                    static_cast<unsigned long long>(e.line),
                    e.value.empty() ? "(empty)" : e.value.c_str());
      }
    }
  }
  if (summary->feeds.empty()) std::printf("no batches\n");
  if (!clean.empty()) std::printf("nothing quarantined: %s\n", clean.c_str());
  return 0;
}

}  // namespace

Command AddQuarantineCommand(CLI::App& app) {
  auto* quarantine = app.add_subcommand(
      "quarantine",
      "summarise the rows ingest could not read: per feed, field and reason, "
      "with examples");
  auto args = std::make_shared<QuarantineArgs>();
  quarantine->add_option("--data", args->data_dir, "data directory")
      ->required();
  quarantine->add_option(
      "--batch", args->batch,
      "one batch (hedui batches lists them); default: every batch in force");
  quarantine->add_option("--examples", args->examples,
                         "examples per reason (default 3)");
  quarantine->footer(
      "Each line counts the rows of one feed that failed one check on one "
      "field; a row that\n"
      "failed several checks counts under each. The files themselves are "
      "DATA/quarantine/*.tsv.");
  return Command{quarantine, [args] { return RunQuarantine(*args); }};
}

}  // namespace hedui::cli
