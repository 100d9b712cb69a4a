#include "engine/demo/demo_feeds.h"

#include <fmt/format.h>

namespace hedui::demo {

Status IngestDemoFeeds(
    DataDirectory* data, const std::string& configs_dir,
    const std::string& feeds_dir,
    const std::function<void(const BatchInfo&, bool duplicate)>& on_batch,
    const IngestOptions& options) {
  std::vector<FeedFile> feeds;
  for (const DemoFeed& feed : kDemoFeeds) {
    feeds.push_back(
        FeedFile{fmt::format("{}/feeds/demo/{}.toml", configs_dir, feed.kind),
                 fmt::format("{}/{}", feeds_dir, feed.file)});
  }
  StatusOr<std::vector<IngestResult>> results =
      IngestFeeds(data, feeds, options);
  if (!results.ok()) return results.status();
  for (const IngestResult& r : *results) {
    if (on_batch) on_batch(r.batch, r.duplicate);
  }
  return Status::OK();
}

}  // namespace hedui::demo
