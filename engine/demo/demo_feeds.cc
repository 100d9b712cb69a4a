#include "engine/demo/demo_feeds.h"

#include <fmt/format.h>

#include "connectors/ingest.h"
#include "connectors/mapping.h"

namespace hedui::demo {

Status IngestDemoFeeds(
    Index* index, const std::string& configs_dir, const std::string& feeds_dir,
    const std::function<void(const BatchInfo&, bool duplicate)>& on_batch,
    const IngestOptions& options) {
  std::vector<Mapping> mappings;
  for (const DemoFeed& feed : kDemoFeeds) {
    StatusOr<Mapping> mapping = LoadMapping(
        fmt::format("{}/feeds/demo/{}.toml", configs_dir, feed.kind));
    if (!mapping.ok()) return mapping.status();
    mappings.push_back(std::move(mapping.value()));
  }
  std::vector<IngestJob> jobs;
  for (size_t i = 0; i < mappings.size(); ++i) {
    jobs.push_back(IngestJob{
        &mappings[i], fmt::format("{}/{}", feeds_dir, kDemoFeeds[i].file)});
  }
  StatusOr<std::vector<IngestResult>> results =
      IngestFiles(index, jobs, options);
  if (!results.ok()) return results.status();
  for (const IngestResult& r : *results) {
    if (on_batch) on_batch(r.batch, r.duplicate);
  }
  return Status::OK();
}

}  // namespace hedui::demo
