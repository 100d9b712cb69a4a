// `hedui ingest`: department exports into the data directory, each through
// its mapping file; then compaction when a feed's space is mostly dead.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "engine/base/private_files.h"
#include "engine/cli/commands.h"
#include "hedui/feed_schema.h"

namespace hedui::cli {
namespace {

struct IngestArgs {
  std::string data_dir;
  std::string mapping;
  std::vector<std::string> files;
  std::vector<std::string> feeds;  // MAPPING=FILE
  bool no_compact = false;
  bool accept_shrink = false;
};

void PrintBatch(const BatchInfo& b, bool duplicate) {
  if (duplicate) {
    std::printf(
        "%s: already ingested as batch %u (%s, same content); nothing to do\n",
        b.file.c_str(), b.number, b.ingested_at.c_str());
    return;
  }
  std::printf(
      "%s → batch %u (%s): read %llu = accepted %llu + quarantined %llu, %.1f "
      "MB in %.2f s%s%s\n",
      b.file.c_str(), b.number, std::string(GetFeedSpec(b.kind).name).c_str(),
      static_cast<unsigned long long>(b.read),
      static_cast<unsigned long long>(b.accepted),
      static_cast<unsigned long long>(b.quarantined), double(b.bytes) / 1e6,
      b.seconds, b.quarantined ? "; quarantine: " : "",
      b.quarantined ? b.quarantine_file.c_str() : "");
}

int RunIngest(const IngestArgs& args) {
  std::vector<FeedFile> feeds;
  if (!args.files.empty() && args.mapping.empty()) {
    return Fail(Status::InvalidArgument(
        "files given without --mapping (or use --feed MAPPING=FILE)"));
  }
  for (const std::string& file : args.files)
    feeds.push_back(FeedFile{args.mapping, file});
  for (const std::string& pair : args.feeds) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size()) {
      return Fail(Status::InvalidArgument(
          fmt::format("--feed '{}' must be MAPPING=FILE", pair)));
    }
    feeds.push_back(FeedFile{pair.substr(0, eq), pair.substr(eq + 1)});
  }
  if (feeds.empty()) {
    return Fail(Status::InvalidArgument(
        "nothing to ingest: give --mapping M FILE… or --feed M=FILE"));
  }
  WarnIfOpenToOthers(args.data_dir);
  StatusOr<std::unique_ptr<DataDirectory>> data =
      DataDirectory::Open(args.data_dir, DataDirectory::Mode::kReadWrite);
  if (!data.ok()) return Fail(data.status());
  Status s = IngestAndPrint(data->get(), feeds, nullptr, args.accept_shrink);
  if (s.ok() && !args.no_compact) s = CompactAndPrint(data->get(), false);
  return s.ok() ? 0 : Fail(s);
}

}  // namespace

Status IngestAndPrint(DataDirectory* data, const std::vector<FeedFile>& feeds,
                      uint64_t* bytes, bool accept_shrink) {
  IngestOptions options;
  options.accept_shrink = accept_shrink;
  Progress progress("ingest");
  options.progress = progress.Callback();
  auto started = std::chrono::steady_clock::now();
  StatusOr<std::vector<IngestResult>> results =
      IngestFeeds(data, feeds, options);
  if (!results.ok()) return results.status();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  uint64_t total = 0;
  for (const IngestResult& r : *results) {
    PrintBatch(r.batch, r.duplicate);
    if (!r.duplicate) total += r.batch.bytes;
  }
  if (results->size() > 1 || total > 0) {
    std::printf("%.1f MB ingested in %.2f s (%.0f MB/s)\n", double(total) / 1e6,
                seconds, seconds > 0 ? double(total) / 1e6 / seconds : 0.0);
  }
  if (bytes) *bytes = total;
  return Status::OK();
}

Command AddIngestCommand(CLI::App& app) {
  auto* ingest = app.add_subcommand(
      "ingest",
      "load department export files into the index through a mapping file");
  auto args = std::make_shared<IngestArgs>();
  ingest
      ->add_option("--data", args->data_dir,
                   "data directory (created if missing)")
      ->required();
  ingest->add_option("--mapping", args->mapping,
                     "mapping file (configs/feeds/*.toml) describing FILES");
  ingest->add_option(
      "files", args->files,
      "export files read with --mapping (CSV or NDJSON as the mapping says)");
  ingest->add_option("--feed", args->feeds,
                     "MAPPING=FILE: one more file with its own mapping; repeat "
                     "for several feeds (they are "
                     "checked first, then loaded together)");
  ingest->footer(
      "Each file becomes one batch: its rows are parsed, normalised and "
      "validated; bad rows go to\n"
      "DATA/quarantine/ with file, line, field and reason; read = accepted + "
      "quarantined is printed.\n"
      "A file whose content was ingested before is skipped. A file with more "
      "than half its rows\n"
      "quarantined, or a snapshot with 30% fewer records than the one it "
      "replaces, is held back\n"
      "with nothing ingested (feed.max_quarantined_share, feed.max_shrink in "
      "the mapping);\n"
      "--accept-shrink ingests it anyway. `hedui quarantine` summarises the "
      "bad rows. Examples:\n"
      "  hedui ingest --data /srv/hedui --mapping configs/feeds/vehicles.toml "
      "vehicles.csv\n"
      "  hedui ingest --data /srv/hedui --feed configs/feeds/pop.toml=pop.csv "
      "--feed configs/feeds/death.toml=death.ndjson\n"
      "Afterwards, a feed whose superseded batches take three quarters of its "
      "space is compacted\n"
      "(their records dropped); --no-compact leaves that to `hedui "
      "compact`.");
  ingest->add_flag("--no-compact", args->no_compact,
                   "do not compact after the ingest");
  ingest->add_flag("--accept-shrink", args->accept_shrink,
                   "ingest files the shrink guard holds back (a snapshot much "
                   "smaller than the one it replaces, or mostly quarantined)");
  return Command{ingest, [args] { return RunIngest(*args); }};
}

}  // namespace hedui::cli
