#include "hedui/explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "hedui/case_output.h"
#include "hedui/cross_check.h"
#include "hedui/data_directory.h"
#include "hedui/rules.h"

namespace hedui {

StatusOr<std::string> ExplainCase(const std::string& data_dir,
                                  const std::string& rules_path, Date as_of,
                                  const std::string& case_id) {
  StatusOr<Rules> rules = LoadRules(rules_path);
  if (!rules.ok()) return rules.status();
  StatusOr<std::unique_ptr<DataDirectory>> data =
      DataDirectory::Open(data_dir, DataDirectory::Mode::kReadOnly);
  if (!data.ok()) return data.status();
  RunOptions options;
  options.as_of = as_of;
  options.rules = &*rules;
  StatusOr<RunResult> result = RunCrossCheck(**data, options);
  if (!result.ok()) return result.status();
  auto it = std::lower_bound(
      result->households.begin(), result->households.end(), case_id,
      [](const Household& h, const std::string& id) { return h.case_id < id; });
  if (it == result->households.end() || it->case_id != case_id) {
    return Status::NotFound(
        fmt::format("case '{}' is not on the roll in {}", case_id, data_dir));
  }
  return fmt::format(
      "Explanation as of {} (rules {})\n\n{}", as_of.ToString(), rules_path,
      FormatExplain(*result,
                    static_cast<size_t>(it - result->households.begin())));
}

}  // namespace hedui
