// `hedui check-config` for mapping files (hedui/ingest.h).
#include "connectors/mapping.h"
#include "hedui/ingest.h"

namespace hedui {

StatusOr<std::string> CheckMappingFile(const std::string& path) {
  return Status::Internal("not implemented");
}

}  // namespace hedui
