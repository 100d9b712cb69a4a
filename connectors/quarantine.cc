// hedui/quarantine.h: not yet written (the test comes first).
#include "hedui/quarantine.h"

namespace hedui {

std::string_view QuarantineReasonText(std::string_view) { return {}; }

StatusOr<QuarantineSummary> SummarizeQuarantine(const DataDirectory&,
                                                const QuarantineOptions&) {
  return Status::Internal("not written yet");
}

}  // namespace hedui
