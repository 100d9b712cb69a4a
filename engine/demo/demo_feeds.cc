#include "engine/demo/demo_feeds.h"

#include <fmt/format.h>

#include "connectors/ingest.h"
#include "connectors/mapping.h"

namespace hedui::demo {

Status IngestDemoFeeds(Index* index, const std::string& configs_dir, const std::string& feeds_dir,
                       const std::function<void(const BatchInfo&, bool duplicate)>& on_batch) {
  for (const DemoFeed& feed : kDemoFeeds) {
    StatusOr<Mapping> mapping = LoadMapping(fmt::format("{}/feeds/demo/{}.toml", configs_dir, feed.kind));
    if (!mapping.ok()) return mapping.status();
    StatusOr<IngestResult> result =
        IngestFile(index, *mapping, fmt::format("{}/{}", feeds_dir, feed.file), IngestOptions());
    if (!result.ok()) return result.status();
    if (on_batch) on_batch(result->batch, result->duplicate);
  }
  return Status::OK();
}

}  // namespace hedui::demo
