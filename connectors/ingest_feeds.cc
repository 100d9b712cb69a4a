// The public ingest call (hedui/ingest.h): mapping paths in, mappings
// loaded here, so that callers never handle the connector's Mapping.
#include <map>
#include <memory>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/index/index.h"
#include "hedui/ingest.h"

namespace hedui {

StatusOr<std::vector<IngestResult>> IngestFeeds(
    DataDirectory* data, const std::vector<FeedFile>& feeds,
    const IngestOptions& options) {
  std::vector<std::unique_ptr<Mapping>> mappings;
  std::map<std::string, Mapping*> by_path;
  std::vector<IngestJob> jobs;
  for (const FeedFile& feed : feeds) {
    if (!by_path.count(feed.mapping)) {
      StatusOr<Mapping> mapping = LoadMapping(feed.mapping);
      if (!mapping.ok()) return mapping.status();
      mappings.push_back(std::make_unique<Mapping>(std::move(mapping.value())));
      by_path[feed.mapping] = mappings.back().get();
    }
    jobs.push_back(IngestJob{by_path[feed.mapping], feed.file});
  }
  return IngestFiles(&IndexOf(*data), jobs, options);
}

}  // namespace hedui
