// `hedui check-config` for mapping files (hedui/ingest.h): the mapping is
// loaded exactly as ingest loads it, so what passes here passes there.
#include <fmt/format.h>

#include "connectors/mapping.h"
#include "hedui/ingest.h"

namespace hedui {

StatusOr<std::string> CheckMappingFile(const std::string& path) {
  StatusOr<Mapping> mapping = LoadMapping(path);
  if (!mapping.ok()) return mapping.status();
  const Mapping& m = *mapping;
  const char* mode = m.mode == FeedMode::kSnapshot ? "snapshot"
                     : m.mode == FeedMode::kDelta  ? "delta"
                                                   : "append";
  return fmt::format("feed {}, {} of source '{}', {} of {} field(s) mapped",
                     m.spec().name, mode, m.source, m.fields.size(),
                     m.spec().fields.size());
}

}  // namespace hedui
