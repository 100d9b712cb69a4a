#include "engine/cases/workflow.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/base/text.h"
#include "hedui/date.h"

namespace hedui {
namespace {

// "案件 … 为「待分派」: …/ case … is new: …": the refusal names the case,
// its status in both languages, and what to do instead.
Status Refuse(const ReviewCase& c, std::string_view zh, std::string_view en) {
  return Status::FailedPrecondition(fmt::format(
      "案件 {} 当前状态为「{}」，{} / case {} is {}: {}", c.flag_id,
      CaseStatusLabel(c.status), zh, c.flag_id, CaseStatusName(c.status), en));
}

bool IsDate(const std::string& text) {
  Date d;
  return text.size() == 10 && ParseDate(text, &d) && d.ToString() == text;
}

// The date is a day, and not after today: a future-dated step, decision or
// stop would take effect now and bend the order of what follows.
Status CheckContext(const ActionContext& ctx) {
  if (!IsDate(ctx.date)) {
    return Status::InvalidArgument(fmt::format(
        "日期 '{}' 不是 YYYY-MM-DD / the date '{}' is not YYYY-MM-DD", ctx.date,
        ctx.date));
  }
  if (!IsDate(ctx.today)) {
    return Status::Internal(fmt::format(
        "今天的日期 '{}' 无效 / the store's clock gave no valid today ('{}')",
        ctx.today, ctx.today));
  }
  if (ctx.date > ctx.today) {
    return Status::InvalidArgument(fmt::format(
        "日期 {} 晚于今天 {}，不能预填将来的日期 / the date {} is after today "
        "({}): nothing can be recorded as done in the future",
        ctx.date, ctx.today, ctx.date, ctx.today));
  }
  return Status::OK();
}

// A dated action on the case itself (a step, a decision, a stop, a
// recovery) cannot come before the flag existed: its first run's as-of
// date. (YYYY-MM-DD strings compare as the days they name.)
Status CheckNotBeforeFlag(const ReviewCase& c, const ActionContext& ctx) {
  if (IsDate(c.first_seen) && ctx.date < c.first_seen) {
    return Status::InvalidArgument(fmt::format(
        "日期 {} 早于案件 {} 的疑点首次发现之日 {}（首次核查的数据截止日）/ "
        "the date {} is before case {} was first flagged on {} (the as-of "
        "date of its first run)",
        ctx.date, c.flag_id, c.first_seen, ctx.date, c.flag_id, c.first_seen));
  }
  return Status::OK();
}

// `date` is not before `bound`, the day of an earlier step of the workflow.
Status CheckNotBefore(const ActionContext& ctx, std::string_view what_zh,
                      std::string_view what_en, const std::string& bound,
                      std::string_view bound_zh, std::string_view bound_en) {
  if (IsDate(bound) && ctx.date < bound) {
    return Status::InvalidArgument(fmt::format(
        "{}日期 {} 早于{}日期 {} / the {} ({}) cannot be dated before the {} "
        "({})",
        what_zh, ctx.date, bound_zh, bound, what_en, ctx.date, bound_en,
        bound));
  }
  return Status::OK();
}

Status RequireText(const std::string& text, std::string_view what_zh,
                   std::string_view what_en) {
  if (TrimBlank(text).empty()) {
    return Status::InvalidArgument(
        fmt::format("需要填写{} / {} is required", what_zh, what_en));
  }
  return Status::OK();
}

}  // namespace

std::optional<bool> OutcomeConfirms(const WorkflowRules& rules,
                                    const std::string& outcome) {
  auto has = [&](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), outcome) != list.end();
  };
  if (has(rules.confirmed_outcomes)) return true;
  if (has(rules.cleared_outcomes)) return false;
  return std::nullopt;
}

std::string NoticePeriodLastDay(const ReviewCase& c,
                                const WorkflowRules& rules) {
  Date delivered;
  if (!IsDate(c.notice_delivered_on) ||
      !ParseDate(c.notice_delivered_on, &delivered))
    return {};
  // The delivery day is day 0; day 1 is the day after it.
  return Date{delivered.days + rules.notice_days}.ToString();
}

std::string FirstStopDay(const ReviewCase& c, const WorkflowRules& rules) {
  Date last;
  std::string last_day = NoticePeriodLastDay(c, rules);
  if (last_day.empty() || !ParseDate(last_day, &last)) return {};
  return Date{last.days + 1}.ToString();
}

Status ApplyAssign(ReviewCase* c, const ActionContext& ctx,
                   const std::string& assignee) {
  if (!IsOpen(c->status)) {
    if (c->status == CaseStatus::kGone) {
      return Refuse(*c, "该疑点已从数据中消失，无需分派",
                    "the flag has gone from the data; there is nothing to "
                    "assign");
    }
    return Refuse(*c, "已作出结论，不能再分派（纪检可要求复核）",
                  "it has been decided; it cannot be assigned (an inspector "
                  "may request a re-review)");
  }
  HEDUI_RETURN_IF_ERROR(RequireText(assignee, "承办人", "an assignee"));
  c->assignee = assignee;
  if (c->status == CaseStatus::kNew) c->status = CaseStatus::kAssigned;
  (void)ctx;
  return Status::OK();
}

Status ApplyStep(ReviewCase* c, const ActionContext& ctx, StepKind kind,
                 const std::string& notes,
                 std::vector<Attachment> attachments) {
  HEDUI_RETURN_IF_ERROR(CheckContext(ctx));
  switch (kind) {
    case StepKind::kComment:
      return ApplyComment(c, ctx, notes);
    case StepKind::kReReviewRequest:
      return ApplyReReviewRequest(c, ctx, notes);
    case StepKind::kNoticeDelivered:
      if (c->status != CaseStatus::kConfirmed) {
        return Refuse(*c, "只有已确认的案件才送达告知书",
                      "a notice is delivered only on a confirmed case");
      }
      HEDUI_RETURN_IF_ERROR(CheckNotBeforeFlag(*c, ctx));
      HEDUI_RETURN_IF_ERROR(CheckNotBefore(ctx, "告知书送达",
                                           "notice's delivery", c->confirmed_on,
                                           "确认", "confirmation of the case"));
      c->notice_delivered_on = ctx.date;
      break;
    case StepKind::kHearing:
      if (c->status == CaseStatus::kConfirmed) {  // the household's
        HEDUI_RETURN_IF_ERROR(CheckNotBeforeFlag(*c, ctx));
        HEDUI_RETURN_IF_ERROR(CheckNotBefore(ctx, "听证", "hearing",
                                             c->confirmed_on, "确认",
                                             "confirmation it challenges"));
        c->heard_on = ctx.date;
        break;
      }
      [[fallthrough]];
    case StepKind::kHomeVisit:
    case StepKind::kDemocraticReview:
      if (c->status == CaseStatus::kNew) {
        return Refuse(*c, "请先分派承办人，再录入核查步骤",
                      "assign it before recording a review step");
      }
      if (c->status == CaseStatus::kGone) {
        return Refuse(*c, "该疑点已从数据中消失",
                      "the flag has gone from the data");
      }
      if (!IsOpen(c->status)) {
        return Refuse(*c, "已作出结论；如需重新核查，请纪检或管理员要求复核",
                      "it has been decided; an inspector or administrator "
                      "may request a re-review");
      }
      HEDUI_RETURN_IF_ERROR(CheckNotBeforeFlag(*c, ctx));
      c->status = CaseStatus::kUnderReview;
      break;
  }
  Step step;
  step.kind = kind;
  step.date = ctx.date;
  step.by = ctx.user;
  step.recorded_at = ctx.now;
  step.notes = notes;
  step.attachments = std::move(attachments);
  c->steps.push_back(std::move(step));
  return Status::OK();
}

Status ApplyDecide(ReviewCase* c, const ActionContext& ctx,
                   const WorkflowRules& rules, const std::string& outcome,
                   const std::string& note) {
  HEDUI_RETURN_IF_ERROR(CheckContext(ctx));
  std::optional<bool> confirms = OutcomeConfirms(rules, outcome);
  if (!confirms) {
    std::string codes;
    for (const auto& list : {rules.confirmed_outcomes, rules.cleared_outcomes})
      for (const std::string& code : list)
        codes += (codes.empty() ? "" : "、") + code;
    return Status::InvalidArgument(fmt::format(
        "'{}' 不是本县配置的结论代码（规则文件 [cases]）；可用: {} / '{}' is "
        "not an outcome code of the county's rules file ([cases]); use one "
        "of: {}",
        outcome, codes, outcome, codes));
  }
  switch (c->status) {
    case CaseStatus::kUnderReview:
      break;
    case CaseStatus::kConfirmed: {
      // A hearing held after confirmation may change the decision; without
      // one, a confirmed case stays as decided.
      if (c->heard_on.empty()) {
        return Refuse(*c, "已确认；只有确认后举行听证，才能改变结论",
                      "it is confirmed; the decision can change only after a "
                      "hearing held since the confirmation");
      }
      break;
    }
    case CaseStatus::kNew:
    case CaseStatus::kAssigned:
      return Refuse(*c, "尚未核查；请先录入入户核查、民主评议或听证",
                    "it has not been reviewed: record a home visit, a "
                    "democratic review or a hearing first");
    case CaseStatus::kCleared:
      return Refuse(*c, "已排除；如需重新核查，请要求复核",
                    "it is cleared; request a re-review to look at it again");
    case CaseStatus::kStopped:
      return Refuse(*c, "已停发，结论不能再改",
                    "the payment is stopped; the decision stands");
    case CaseStatus::kGone:
      return Refuse(*c, "该疑点已从数据中消失",
                    "the flag has gone from the data");
  }
  HEDUI_RETURN_IF_ERROR(
      RequireText(note, "结论说明", "a note on the decision"));
  HEDUI_RETURN_IF_ERROR(CheckNotBeforeFlag(*c, ctx));
  // A decision rests on the review before it: it cannot be dated before a
  // home visit, democratic review, hearing or re-review request.
  for (const Step& step : c->steps) {
    if (step.kind == StepKind::kComment ||
        step.kind == StepKind::kNoticeDelivered)
      continue;
    HEDUI_RETURN_IF_ERROR(CheckNotBefore(ctx, "决定", "decision", step.date,
                                         StepKindLabel(step.kind),
                                         StepKindName(step.kind)));
  }
  c->outcome = outcome;
  c->decided_by = ctx.user;
  c->decided_on = ctx.date;
  c->decision_note = note;
  c->heard_on.clear();  // a new decision needs a new hearing to change
  if (*confirms) {
    c->status = CaseStatus::kConfirmed;
    c->confirmed_on = ctx.date;
    c->notice_delivered_on.clear();  // a new decision needs a new notice
  } else {
    c->status = CaseStatus::kCleared;
    c->confirmed_on.clear();
    c->notice_delivered_on.clear();
  }
  return Status::OK();
}

Status ApplyStop(ReviewCase* c, const ActionContext& ctx,
                 const WorkflowRules& rules, int64_t monthly_fen) {
  HEDUI_RETURN_IF_ERROR(CheckContext(ctx));
  if (c->status != CaseStatus::kConfirmed) {
    return Refuse(*c, "只有已确认的案件才能停发",
                  "only a confirmed case can have its payment stopped");
  }
  if (c->notice_delivered_on.empty()) {
    return Refuse(*c, "告知书尚未送达；停发前须先送达告知书",
                  "the notice (告知书) has not been delivered; deliver it "
                  "before stopping the payment");
  }
  HEDUI_RETURN_IF_ERROR(CheckNotBeforeFlag(*c, ctx));
  std::string first = FirstStopDay(*c, rules);
  if (ctx.date < first) {
    return Refuse(
        *c,
        fmt::format("告知期自告知书送达（{}）次日起算 {} 天，至 {} 届满，{} "
                    "起方可停发",
                    c->notice_delivered_on, rules.notice_days,
                    NoticePeriodLastDay(*c, rules), first),
        fmt::format("the notice period runs {} days from the delivery on {} "
                    "(the day of delivery not counted) to {}; the payment may "
                    "be stopped from {}",
                    rules.notice_days, c->notice_delivered_on,
                    NoticePeriodLastDay(*c, rules), first));
  }
  if (monthly_fen < 0) {
    return Status::InvalidArgument(
        "停发金额不能为负 / the monthly amount stopped cannot be negative");
  }
  c->status = CaseStatus::kStopped;
  c->stopped_on = ctx.date;
  c->monthly_stopped_fen = monthly_fen;
  return Status::OK();
}

Status ApplyRecover(ReviewCase* c, const ActionContext& ctx, int64_t fen,
                    const std::string& note) {
  HEDUI_RETURN_IF_ERROR(CheckContext(ctx));
  if (c->status != CaseStatus::kConfirmed &&
      c->status != CaseStatus::kStopped) {
    return Refuse(*c, "只有已确认或已停发的案件才能登记追回",
                  "money is recovered only on a confirmed or stopped case");
  }
  if (fen <= 0) {
    return Status::InvalidArgument(
        "追回金额须大于零 / the amount recovered must be above zero");
  }
  HEDUI_RETURN_IF_ERROR(CheckNotBeforeFlag(*c, ctx));
  if (c->status == CaseStatus::kStopped) {
    HEDUI_RETURN_IF_ERROR(CheckNotBefore(ctx, "追回", "recovery", c->stopped_on,
                                         "停发", "stop of the payment"));
  } else {
    HEDUI_RETURN_IF_ERROR(CheckNotBefore(ctx, "追回", "recovery", c->decided_on,
                                         "决定", "decision"));
  }
  // What can be recovered is what was paid since the flag's `since` (the
  // flag's amount, the sum of its months) less what is recovered already.
  // Summed with a check: a store written before this rule may hold
  // recoveries that add up past int64.
  int64_t recovered = 0;
  bool overflow = false;
  for (const MoneyRecovered& r : c->recovered)
    overflow |= __builtin_add_overflow(recovered, r.fen, &recovered);
  int64_t remaining =
      overflow ? 0 : std::max<int64_t>(0, c->amount_fen - recovered);
  if (fen > remaining) {
    return Status::InvalidArgument(fmt::format(
        "追回金额 {} 元超过可追回的余额 {} 元（自 {} 起发放 {} 元，已追回 {} "
        "元）/ the amount {} exceeds what remains to recover, {} (paid {} "
        "since {}, {} recovered already)",
        FormatFen(fen), FormatFen(remaining), c->since,
        FormatFen(c->amount_fen), overflow ? "?" : FormatFen(recovered),
        FormatFen(fen), FormatFen(remaining), FormatFen(c->amount_fen),
        c->since, overflow ? "?" : FormatFen(recovered)));
  }
  c->recovered.push_back(MoneyRecovered{fen, ctx.date, ctx.user, note});
  return Status::OK();
}

Status ApplyComment(ReviewCase* c, const ActionContext& ctx,
                    const std::string& text) {
  HEDUI_RETURN_IF_ERROR(CheckContext(ctx));
  HEDUI_RETURN_IF_ERROR(RequireText(text, "意见内容", "the comment's text"));
  c->steps.push_back(
      Step{StepKind::kComment, ctx.date, ctx.user, ctx.now, text, {}});
  return Status::OK();
}

Status ApplyReReviewRequest(ReviewCase* c, const ActionContext& ctx,
                            const std::string& reason) {
  HEDUI_RETURN_IF_ERROR(CheckContext(ctx));
  if (c->status != CaseStatus::kConfirmed &&
      c->status != CaseStatus::kCleared && c->status != CaseStatus::kStopped) {
    return Refuse(*c, "尚未作出结论，无需复核",
                  "it has not been decided yet; there is nothing to "
                  "re-review");
  }
  HEDUI_RETURN_IF_ERROR(RequireText(reason, "复核理由", "a reason"));
  c->steps.push_back(Step{
      StepKind::kReReviewRequest, ctx.date, ctx.user, ctx.now, reason, {}});
  c->status = CaseStatus::kUnderReview;
  c->events.push_back(CaseEvent{
      ctx.now, 0,
      fmt::format("{} 要求复核，原结论「{}」({} {}) 待重新核查", ctx.user,
                  c->outcome, c->decided_by, c->decided_on)});
  return Status::OK();
}

std::string CaseStateLine(const ReviewCase& c) {
  std::string line = fmt::format("status={}", CaseStatusName(c.status));
  if (!c.assignee.empty()) line += " assignee=" + c.assignee;
  if (!c.outcome.empty())
    line += fmt::format(" outcome={} decided_on={}", c.outcome, c.decided_on);
  if (!c.notice_delivered_on.empty())
    line += " notice_delivered_on=" + c.notice_delivered_on;
  if (!c.stopped_on.empty())
    line += fmt::format(" stopped_on={} monthly_stopped={}", c.stopped_on,
                        FormatFen(c.monthly_stopped_fen));
  if (!c.recovered.empty())
    line += " recovered=" + FormatFen(c.recovered_fen());
  line += fmt::format(" steps={} version={}", c.steps.size(), c.version);
  return line;
}

}  // namespace hedui
