#include "hedui/review_case.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace hedui {

namespace {

// One table per enum, indexed by the enum's value, so that a name, its
// label and the parser cannot drift apart.
struct Names {
  std::string_view name;
  std::string_view label;
};

constexpr std::array<Names, kCaseStatusCount> kCaseStatusNames = {{
    {"new", "待分派"},
    {"assigned", "已分派"},
    {"under_review", "核查中"},
    {"confirmed", "已确认"},
    {"cleared", "已排除"},
    {"stopped", "已停发"},
    {"gone", "数据已消失"},
}};

constexpr std::array<Names, 6> kStepKindNames = {{
    {"home_visit", "入户核查"},
    {"democratic_review", "民主评议"},
    {"hearing", "听证"},
    {"notice_delivered", "告知书送达"},
    {"comment", "意见"},
    {"re_review", "要求复核"},
}};

constexpr std::array<Names, 4> kRoleNames = {{
    {"admin", "管理员"},
    {"township", "乡镇经办人"},
    {"inspector", "纪检监察"},
    {"auditor", "审计"},
}};

template <typename Enum, size_t N>
std::optional<Enum> Parse(const std::array<Names, N>& table,
                          std::string_view text) {
  for (size_t i = 0; i < N; ++i) {
    if (text == table[i].name || text == table[i].label)
      return static_cast<Enum>(i);
  }
  return std::nullopt;
}

// An out-of-range value (a cast from a corrupt stored byte) reads as "?"
// rather than reading past the table.
template <size_t N>
const Names& At(const std::array<Names, N>& table, size_t i) {
  static constexpr Names kUnknown = {"?", "?"};
  return i < N ? table[i] : kUnknown;
}

}  // namespace

std::string_view CaseStatusName(CaseStatus status) {
  return At(kCaseStatusNames, static_cast<size_t>(status)).name;
}
std::string_view CaseStatusLabel(CaseStatus status) {
  return At(kCaseStatusNames, static_cast<size_t>(status)).label;
}
std::optional<CaseStatus> ParseCaseStatus(std::string_view text) {
  return Parse<CaseStatus>(kCaseStatusNames, text);
}
bool IsOpen(CaseStatus status) {
  return status == CaseStatus::kNew || status == CaseStatus::kAssigned ||
         status == CaseStatus::kUnderReview;
}

std::string_view StepKindName(StepKind kind) {
  return At(kStepKindNames, static_cast<size_t>(kind)).name;
}
std::string_view StepKindLabel(StepKind kind) {
  return At(kStepKindNames, static_cast<size_t>(kind)).label;
}
std::optional<StepKind> ParseStepKind(std::string_view text) {
  return Parse<StepKind>(kStepKindNames, text);
}

std::string_view RoleName(Role role) {
  return At(kRoleNames, static_cast<size_t>(role)).name;
}
std::string_view RoleLabel(Role role) {
  return At(kRoleNames, static_cast<size_t>(role)).label;
}
std::optional<Role> ParseRole(std::string_view text) {
  return Parse<Role>(kRoleNames, text);
}

std::string AuditActionLabel(std::string_view action) {
  constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
      {"assign", "分派"},
      {"comment", "意见"},
      {"decide", "处理决定"},
      {"re_review", "要求复核"},
      {"recover", "追回资金"},
      {"stop", "停发"},
      {"notice", "生成告知书"},
      {"view", "查看案件"},
      {"read_all", "查看全部案件"},
      {"attachment_view", "查看附件"},
      {"user_add", "新增用户"},
      {"user_grant", "调整用户权限"},
      {"user_password", "重设密码"},
      {"user_disable", "停用用户"},
      {"user_enable", "启用用户"},
      {"refused", "操作被拒绝"},
      {"file_number", "编入低保户档案"},
      // What a run did to a case (run<N>:<what>).
      {"opened", "新案件"},
      {"returned", "疑点重新出现"},
      {"reopened", "证据变化，重新打开"},
      {"evidence_changed", "证据变化"},
      {"gone", "数据已消失"},
  };
  auto find = [&](std::string_view code) -> std::optional<std::string_view> {
    for (const auto& [c, label] : kLabels) {
      if (c == code) return label;
    }
    return std::nullopt;
  };
  if (action.starts_with("step:")) {
    std::optional<StepKind> kind = ParseStepKind(action.substr(5));
    if (kind) return fmt::format("记录步骤：{}", StepKindLabel(*kind));
  }
  if (action.starts_with("run")) {
    size_t colon = action.find(':');
    std::string_view number = action.substr(3, colon - 3);
    if (colon != std::string_view::npos && !number.empty() &&
        number.find_first_not_of("0123456789") == std::string_view::npos) {
      std::optional<std::string_view> what = find(action.substr(colon + 1));
      return fmt::format("第 {} 次核查：{}", number,
                         what ? *what : action.substr(colon + 1));
    }
  }
  std::optional<std::string_view> label = find(action);
  return label ? std::string(*label) : std::string(action);
}

int64_t ReviewCase::recovered_fen() const {
  int64_t total = 0;
  for (const MoneyRecovered& r : recovered) total += r.fen;
  return total;
}

}  // namespace hedui
