#include "hedui/review_case.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hedui {
namespace {

TEST(ReviewCaseNames, CaseStatusRoundTripsByNameAndLabel) {
  std::set<std::string_view> names, labels;
  for (int i = 0; i < kCaseStatusCount; ++i) {
    CaseStatus s = static_cast<CaseStatus>(i);
    names.insert(CaseStatusName(s));
    labels.insert(CaseStatusLabel(s));
    EXPECT_EQ(ParseCaseStatus(CaseStatusName(s)), s);
    EXPECT_EQ(ParseCaseStatus(CaseStatusLabel(s)), s);
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(kCaseStatusCount));
  EXPECT_EQ(labels.size(), static_cast<size_t>(kCaseStatusCount));
  EXPECT_EQ(CaseStatusName(CaseStatus::kUnderReview), "under_review");
  EXPECT_EQ(CaseStatusLabel(CaseStatus::kGone), "数据已消失");
  EXPECT_EQ(ParseCaseStatus("已停发"), CaseStatus::kStopped);
  EXPECT_FALSE(ParseCaseStatus("closed").has_value());
  EXPECT_FALSE(ParseCaseStatus("").has_value());
  EXPECT_FALSE(ParseCaseStatus("New").has_value());
}

TEST(ReviewCaseNames, OpenStatuses) {
  EXPECT_TRUE(IsOpen(CaseStatus::kNew));
  EXPECT_TRUE(IsOpen(CaseStatus::kAssigned));
  EXPECT_TRUE(IsOpen(CaseStatus::kUnderReview));
  EXPECT_FALSE(IsOpen(CaseStatus::kConfirmed));
  EXPECT_FALSE(IsOpen(CaseStatus::kCleared));
  EXPECT_FALSE(IsOpen(CaseStatus::kStopped));
  EXPECT_FALSE(IsOpen(CaseStatus::kGone));
}

TEST(ReviewCaseNames, StepKinds) {
  for (int i = 0; i < 6; ++i) {
    StepKind k = static_cast<StepKind>(i);
    EXPECT_EQ(ParseStepKind(StepKindName(k)), k);
    EXPECT_EQ(ParseStepKind(StepKindLabel(k)), k);
  }
  EXPECT_EQ(StepKindName(StepKind::kReReviewRequest), "re_review");
  EXPECT_EQ(StepKindLabel(StepKind::kNoticeDelivered), "告知书送达");
  EXPECT_EQ(ParseStepKind("听证"), StepKind::kHearing);
  EXPECT_FALSE(ParseStepKind("visit").has_value());
}

TEST(ReviewCaseNames, Roles) {
  for (int i = 0; i < 4; ++i) {
    Role r = static_cast<Role>(i);
    EXPECT_EQ(ParseRole(RoleName(r)), r);
    EXPECT_EQ(ParseRole(RoleLabel(r)), r);
  }
  EXPECT_EQ(RoleName(Role::kTownship), "township");
  EXPECT_EQ(RoleLabel(Role::kInspector), "纪检监察");
  EXPECT_EQ(ParseRole("审计"), Role::kAuditor);
  EXPECT_FALSE(ParseRole("root").has_value());
}

TEST(ReviewCaseNames, RecoveredSumsEveryRepayment) {
  ReviewCase c;
  EXPECT_EQ(c.recovered_fen(), 0);
  c.recovered.push_back({12345, "2026-01-05", "王五", ""});
  c.recovered.push_back({655, "2026-02-05", "王五", "second"});
  EXPECT_EQ(c.recovered_fen(), 13000);
}

TEST(ReviewCaseNames, AuditActionsHaveChineseLabels) {
  EXPECT_EQ(AuditActionLabel("read_all"), "查看全部案件");
  EXPECT_EQ(AuditActionLabel("user_add"), "新增用户");
  EXPECT_EQ(AuditActionLabel("decide"), "处理决定");
  EXPECT_EQ(AuditActionLabel("step:home_visit"), "记录步骤：入户核查");
  EXPECT_EQ(AuditActionLabel("run3:opened"), "第 3 次核查：新案件");
  EXPECT_EQ(AuditActionLabel("run12:gone"), "第 12 次核查：数据已消失");
  // Not known: the code, never an empty cell.
  EXPECT_EQ(AuditActionLabel("something_new"), "something_new");
  EXPECT_EQ(AuditActionLabel("runx:opened"), "runx:opened");
}

}  // namespace
}  // namespace hedui
