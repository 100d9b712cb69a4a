// Point checks: every ground that would flag one person and their household
// today, for an applicant before approval or a recipient on the phone
// (the UK's AppCheck, the US Do Not Pay single search).
//
// A PointChecker loads the roll once (its cases and the links between them)
// and then answers each Check from the live index with a handful of Seeks.
// Create one per thread; Check does not modify shared state.
#ifndef HEDUI_POINT_CHECK_H_
#define HEDUI_POINT_CHECK_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "hedui/case_model.h"
#include "hedui/cross_check.h"
#include "hedui/data_directory.h"
#include "hedui/date.h"
#include "hedui/feed_schema.h"
#include "hedui/matcher.h"
#include "hedui/rules.h"
#include "hedui/status.h"

namespace hedui {

// The engine's index (engine/index/index.h); opaque to callers.
class Index;

struct PointCheckResult {
  std::string id_number;  // normalised
  bool on_roll = false;   // false: an applicant, checked as a case of one
  Household household;    // with every member's records
  std::vector<Flag> flags;
};

class PointChecker {
 public:
  // `data` (open for reading or writing) and `rules` must outlive the
  // checker.
  [[nodiscard]] static StatusOr<std::unique_ptr<PointChecker>> Create(
      const DataDirectory& data, const Rules& rules, Date as_of);
  // The engine's form, over the index itself (engine/check/point_check.h).
  static StatusOr<std::unique_ptr<PointChecker>> Create(const Index& index,
                                                        const Rules& rules,
                                                        Date as_of);

  // InvalidArgument for an ID that fails GB 11643 (with the reason code).
  StatusOr<PointCheckResult> Check(std::string_view raw_id);

  // Batch number → batch, for naming evidence files.
  const RunResult& context() const { return context_; }

 private:
  PointChecker(const Index& index, const Rules& rules, Date as_of)
      : index_(index), rules_(rules), as_of_(as_of) {}

  const Index& index_;
  const Rules& rules_;
  Date as_of_;
  RunResult context_;  // households of the roll, batches
  std::unordered_map<uint64_t, size_t> household_of_;  // ID body → household
  bool needs_[kFeedKindCount] = {};
  std::vector<const Matcher*> matchers_;
  CountyPlaces places_;  // the roll's townships and villages, for MOVED
};

}  // namespace hedui

#endif  // HEDUI_POINT_CHECK_H_
