// Scores flagged cases against a ground-truth file (the generator's
// truth.ndjson): precision and recall per rule on (rule, case, ID), and
// whether `since` and `amount` agree to the day and the fen, and whether
// the flags of each group name the same group and all its cases.
#ifndef HEDUI_ENGINE_DEMO_SCORE_H_
#define HEDUI_ENGINE_DEMO_SCORE_H_

#include <map>
#include <string>
#include <vector>

#include "hedui/status.h"

namespace hedui::demo {

struct RuleScore {
  size_t expected = 0, flagged = 0, true_positives = 0;
  size_t since_mismatches = 0, amount_mismatches = 0;
  // Flags of a group (SPLIT, DUPLICATE, PAYMENT) whose group_cases or
  // counts_in_total differ from the truth's, or whose group_id differs from
  // another flag of the same group.
  size_t group_mismatches = 0;
  double precision() const {
    return flagged ? double(true_positives) / double(flagged) : 1.0;
  }
  double recall() const {
    return expected ? double(true_positives) / double(expected) : 1.0;
  }
};

struct Score {
  std::map<std::string, RuleScore> by_rule;
  std::vector<std::string> differences;  // first few, for messages
};

StatusOr<Score> ScoreCases(const std::string& cases_ndjson,
                           const std::string& truth_ndjson);
std::string FormatScore(const Score& score);

}  // namespace hedui::demo

#endif  // HEDUI_ENGINE_DEMO_SCORE_H_
