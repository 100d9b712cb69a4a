// `hedui compact`: give back the space of superseded batches now.
#include <cstdio>
#include <memory>

#include "engine/cli/commands.h"
#include "hedui/feed_schema.h"

namespace hedui::cli {

Status CompactAndPrint(DataDirectory* data, bool force) {
  CompactOptions options;
  options.force = force;
  StatusOr<std::vector<FamilyCompaction>> done =
      CompactIfWorthwhile(data, options);
  if (!done.ok()) return done.status();
  for (const FamilyCompaction& c : *done) {
    std::printf(
        "compacted %s: %.1f MB in %llu file%s → %.1f MB in %llu file%s "
        "(%.2f s)\n",
        std::string(GetFeedSpec(c.kind).name).c_str(),
        double(c.bytes_before) / 1e6,
        static_cast<unsigned long long>(c.files_before),
        c.files_before == 1 ? "" : "s", double(c.bytes_after) / 1e6,
        static_cast<unsigned long long>(c.files_after),
        c.files_after == 1 ? "" : "s", c.seconds);
  }
  if (force && done->empty()) std::printf("nothing to compact\n");
  return Status::OK();
}

Command AddCompactCommand(CLI::App& app) {
  auto* compact = app.add_subcommand(
      "compact",
      "drop the records of superseded batches and merge each feed's files");
  auto data_dir = std::make_shared<std::string>();
  compact->add_option("--data", *data_dir, "data directory")->required();
  compact->footer(
      "Readers already skip superseded batches; this gives their space back. "
      "`hedui ingest`\n"
      "does it by itself when three quarters of a feed's space is dead "
      "records.");
  return Command{compact, [data_dir] {
                   StatusOr<std::unique_ptr<DataDirectory>> data =
                       DataDirectory::Open(*data_dir,
                                           DataDirectory::Mode::kReadWrite);
                   if (!data.ok()) return Fail(data.status());
                   Status s = CompactAndPrint(data->get(), true);
                   return s.ok() ? 0 : Fail(s);
                 }};
}

}  // namespace hedui::cli
