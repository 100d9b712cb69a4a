// The review workflow (hedui/review_case.h): what each action does to a
// case, and which statuses allow it. Pure functions over one case: the
// store checks who may act (engine/cases/access.h), calls these, and
// writes the result with its audit entry in one atomic write.
//
// clang-format off
// | action            | allowed from                         | goes to      |
// |-------------------|--------------------------------------|--------------|
// | assign            | new, assigned, under_review          | assigned*    |
// | step (核查/评议/听证) | assigned, under_review; 听证 also confirmed | under_review* |
// | notice delivered  | confirmed                            | confirmed    |
// | decide            | under_review; confirmed (after a hearing) | confirmed / cleared |
// | stop              | confirmed, notice delivered, notice period over | stopped |
// | recover           | confirmed, stopped                   | (same)       |
// Dates: every date given lies between the flag's first run's as-of date
// (first_seen) and today, in workflow order: review steps <= decision <=
// notice delivered <= stop (after the notice period) <= recovery.
// | comment           | any                                  | (same)       |
// | request re-review | confirmed, cleared, stopped          | under_review |
// * unchanged when already further along.
// clang-format on
#ifndef HEDUI_ENGINE_CASES_WORKFLOW_H_
#define HEDUI_ENGINE_CASES_WORKFLOW_H_

#include <string>
#include <vector>

#include "hedui/review_case.h"
#include "hedui/status.h"

namespace hedui {

struct WorkflowRules {
  std::vector<std::string> confirmed_outcomes, cleared_outcomes;
  int notice_days = 15;
};

// Who acts and when: `user` names them in the case's history, `date` is
// the day written (YYYY-MM-DD) for what happened, `now` the UTC time of
// recording, `today` the county's calendar day (YYYY-MM-DD, the case
// store's clock): no date may be after it. Without a valid `today` every
// dated action is refused.
struct ActionContext {
  std::string user;
  std::string date;
  std::string now;
  std::string today;
};

[[nodiscard]] Status ApplyAssign(ReviewCase* c, const ActionContext& ctx,
                                 const std::string& assignee);
[[nodiscard]] Status ApplyStep(ReviewCase* c, const ActionContext& ctx,
                               StepKind kind, const std::string& notes,
                               std::vector<Attachment> attachments);
[[nodiscard]] Status ApplyDecide(ReviewCase* c, const ActionContext& ctx,
                                 const WorkflowRules& rules,
                                 const std::string& outcome,
                                 const std::string& note);
[[nodiscard]] Status ApplyStop(ReviewCase* c, const ActionContext& ctx,
                               const WorkflowRules& rules, int64_t monthly_fen);
// At most what remains of the money paid since the flag's `since`
// (amount_fen) after earlier recoveries; dated on or after the stop (on a
// confirmed case not yet stopped: on or after the decision).
[[nodiscard]] Status ApplyRecover(ReviewCase* c, const ActionContext& ctx,
                                  int64_t fen, const std::string& note);
[[nodiscard]] Status ApplyComment(ReviewCase* c, const ActionContext& ctx,
                                  const std::string& text);
[[nodiscard]] Status ApplyReReviewRequest(ReviewCase* c,
                                          const ActionContext& ctx,
                                          const std::string& reason);

// Whether `outcome` is a confirmed code (true), a cleared one (false), or
// neither (nullopt).
std::optional<bool> OutcomeConfirms(const WorkflowRules& rules,
                                    const std::string& outcome);

// The last day of the notice period. It runs from the notice's delivery,
// the day of delivery not counted (as Chinese administrative practice
// counts periods): delivered on 2026-11-03 with 15 days, the last day is
// 2026-11-18. Empty when no notice has been delivered.
std::string NoticePeriodLastDay(const ReviewCase& c,
                                const WorkflowRules& rules);

// The first day the payment may be marked stopped: the day after the
// notice period's last day; empty when no notice has been delivered.
std::string FirstStopDay(const ReviewCase& c, const WorkflowRules& rules);

// One line of a case's state for the audit log's before and after.
std::string CaseStateLine(const ReviewCase& c);

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_WORKFLOW_H_
