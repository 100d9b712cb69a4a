// `hedui explain`: one case in full, as text for a reviewer — every member,
// every flag with its rule parameters, the source records that prove it and
// the money month by month.
#ifndef HEDUI_EXPLAIN_H_
#define HEDUI_EXPLAIN_H_

#include <string>

#include "hedui/date.h"
#include "hedui/status.h"

namespace hedui {

// Runs the whole cross-check (DUPLICATE and PAYMENT look across cases) on
// `data_dir` with the rules file, then formats case `case_id`, starting
// with an "Explanation as of …" line. NotFound when the case is not on the
// roll; the rules' and the data directory's errors otherwise.
[[nodiscard]] StatusOr<std::string> ExplainCase(const std::string& data_dir,
                                                const std::string& rules_path,
                                                Date as_of,
                                                const std::string& case_id);

}  // namespace hedui

#endif  // HEDUI_EXPLAIN_H_
