#include "engine/cases/access.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hedui {
namespace {

User MakeUser(Role role, std::vector<std::string> townships = {}) {
  User u;
  u.name = "王五";
  u.role = role;
  u.townships = std::move(townships);
  return u;
}

ReviewCase CaseIn(const std::string& township) {
  ReviewCase c;
  c.flag_id = "DECEASED:C1:1";
  c.township = township;
  return c;
}

enum Action { kRead, kWork, kDecide, kComment, kReReview, kAudit, kUsers };

Status Check(Action a, const User& u, const ReviewCase& c) {
  switch (a) {
    case kRead:
      return CanReadCase(u, c);
    case kWork:
      return CanWorkCase(u, c);
    case kDecide:
      return CanDecide(u, c);
    case kComment:
      return CanComment(u, c);
    case kReReview:
      return CanRequestReReview(u, c);
    case kAudit:
      return CanReadAudit(u);
    case kUsers:
      return CanManageUsers(u);
  }
  return Status::Internal("unreachable");
}

struct Rule {
  Role role;
  Action action;
  bool own;  // own township (for a township officer: 城关镇; else 白沙镇)
  bool allowed;
};

TEST(Access, RolesTimesActionsTimesTownship) {
  const Role A = Role::kAdmin, T = Role::kTownship, I = Role::kInspector,
             U = Role::kAuditor;
  // Every combination, written out so that the table is the rule.
  const Rule table[] = {
      {A, kRead, true, true},      {A, kRead, false, true},
      {A, kWork, true, true},      {A, kWork, false, true},
      {A, kDecide, true, true},    {A, kDecide, false, true},
      {A, kComment, true, true},   {A, kComment, false, true},
      {A, kReReview, true, true},  {A, kReReview, false, true},
      {A, kAudit, true, true},     {A, kAudit, false, true},
      {A, kUsers, true, true},     {A, kUsers, false, true},

      {T, kRead, true, true},      {T, kRead, false, false},
      {T, kWork, true, true},      {T, kWork, false, false},
      {T, kDecide, true, true},    {T, kDecide, false, false},
      {T, kComment, true, true},   {T, kComment, false, false},
      {T, kReReview, true, false}, {T, kReReview, false, false},
      {T, kAudit, true, false},    {T, kAudit, false, false},
      {T, kUsers, true, false},    {T, kUsers, false, false},

      {I, kRead, true, true},      {I, kRead, false, true},
      {I, kWork, true, false},     {I, kWork, false, false},
      {I, kDecide, true, false},   {I, kDecide, false, false},
      {I, kComment, true, true},   {I, kComment, false, true},
      {I, kReReview, true, true},  {I, kReReview, false, true},
      {I, kAudit, true, false},    {I, kAudit, false, false},
      {I, kUsers, true, false},    {I, kUsers, false, false},

      {U, kRead, true, false},     {U, kRead, false, false},
      {U, kWork, true, false},     {U, kWork, false, false},
      {U, kDecide, true, false},   {U, kDecide, false, false},
      {U, kComment, true, false},  {U, kComment, false, false},
      {U, kReReview, true, false}, {U, kReReview, false, false},
      {U, kAudit, true, true},     {U, kAudit, false, true},
      {U, kUsers, true, false},    {U, kUsers, false, false},
  };
  for (const Rule& r : table) {
    // Every user "works" 城关镇 (only an officer's list means anything).
    User u = MakeUser(r.role, {"城关镇"});
    ReviewCase c = CaseIn(r.own ? "城关镇" : "白沙镇");
    Status s = Check(r.action, u, c);
    SCOPED_TRACE(testing::Message() << RoleName(r.role) << " action "
                                    << r.action << " own " << r.own);
    EXPECT_EQ(s.ok(), r.allowed) << s.message();
    if (!r.allowed) {
      EXPECT_EQ(s.code(), Status::Code::kPermissionDenied);
      EXPECT_NE(s.message().find("王五"), std::string::npos);
      EXPECT_NE(s.message().find(std::string(RoleLabel(r.role))),
                std::string::npos)
          << s.message();
    }
    if (r.action == kRead) {
      EXPECT_EQ(InJurisdiction(u, c.township), r.allowed);
    }
  }
}

TEST(Access, RefusalNamesUserRoleAndTownships) {
  User u = MakeUser(Role::kTownship, {"城关镇"});
  Status s = CanReadCase(u, CaseIn("白沙镇"));
  EXPECT_EQ(s.message(),
            "用户 王五 (乡镇经办人: 城关镇) 无权查看 白沙镇 的案件 / user 王五 "
            "(township officer of 城关镇) may not read cases of 白沙镇")
      << s.message();
}

TEST(Access, OfficerOfSeveralTownships) {
  User u = MakeUser(Role::kTownship, {"城关镇", "白沙镇"});
  EXPECT_TRUE(CanDecide(u, CaseIn("白沙镇")).ok());
  EXPECT_FALSE(CanDecide(u, CaseIn("黄河镇")).ok());
  // A case with no township is no officer's.
  EXPECT_FALSE(CanReadCase(u, CaseIn("")).ok());
  EXPECT_FALSE(CanReadCase(MakeUser(Role::kTownship, {""}), CaseIn("")).ok());
  EXPECT_TRUE(CanReadCase(MakeUser(Role::kAdmin), CaseIn("")).ok());
  // An officer with no township sees nothing.
  EXPECT_FALSE(InJurisdiction(MakeUser(Role::kTownship), "城关镇"));
}

TEST(MaskAccount, KeepsFirstAndLastFour) {
  EXPECT_EQ(MaskAccount("6222021234567890123"), "6222***********0123");
  EXPECT_EQ(MaskAccount("123456789"), "1234*6789");
  EXPECT_EQ(MaskAccount("12345678"), "********");
  EXPECT_EQ(MaskAccount("1234"), "****");
  EXPECT_EQ(MaskAccount(""), "");
  // UTF-8: characters, not bytes.
  EXPECT_EQ(MaskAccount("农行账户六二二二零一二三四五"),
            "农行账户******二三四五");
  EXPECT_EQ(MaskAccount("农行账户"), "****");
}

ReviewCase BankCase() {
  ReviewCase c;
  c.rule = "ASSETS";
  c.case_id = "4103290000123";
  c.id_number = "41032919800101006X";
  c.reason =
      "deposits 123456.78 on 2026-05-01 above 6 months × 700.00 × 3 members "
      "= 12600.00";
  c.evidence.push_back({"bank",
                        3,
                        "bank.csv",
                        7,
                        {{"id_number", "41032919800101006X"},
                         {"institution", "农业银行"},
                         {"account", "6228480012345678901"},
                         {"balance", "98765.43"},
                         {"as_of", "2026-05-01"}}});
  c.evidence.push_back({"roll",
                        1,
                        "roll.csv",
                        2,
                        {{"case_id", "4103290000123"},
                         {"id_number", "41032919800101006X"},
                         {"bank_account", "6217000099998888777"}}});
  return c;
}

bool Contains(const ReviewCase& c, const std::string& s) {
  if (c.reason.find(s) != std::string::npos) return true;
  if (c.params_json.find(s) != std::string::npos) return true;
  for (const EvidenceRecord& r : c.evidence)
    for (const auto& [f, v] : r.values)
      if (v.find(s) != std::string::npos) return true;
  return false;
}

TEST(MaskBankData, BankEvidenceAndAssetsReason) {
  ReviewCase c = BankCase();
  MaskBankData(&c);
  for (const char* secret : {"0012345678", "98765.43", "98765", "0099998888",
                             "123456.78", "123456", "12600.00"}) {
    EXPECT_FALSE(Contains(c, secret)) << secret;
  }
  EXPECT_EQ(c.evidence[0].values[2].second, "6228***********8901");
  EXPECT_EQ(c.evidence[0].values[3].second, "***");
  EXPECT_EQ(c.evidence[1].values[2].second, "6217***********8777");
  // Not bank data: kept.
  EXPECT_EQ(c.evidence[0].values[0].second, "41032919800101006X");
  EXPECT_EQ(c.evidence[0].values[1].second, "农业银行");
  EXPECT_EQ(c.evidence[0].values[4].second, "2026-05-01");
  EXPECT_EQ(c.evidence[1].values[0].second, "4103290000123");
  EXPECT_EQ(
      c.reason,
      "deposits *** on 2026-05-01 above 6 months × *** × 3 members = ***");
}

TEST(MaskBankData, PaymentReasonAccountsMaskedIdsKept) {
  ReviewCase c;
  c.rule = "PAYMENT";
  c.case_id = "4103290000123";
  c.group_cases = {"4103290000123", "4103290000456"};
  c.reason =
      "account 6222021234567890123 also pays case 4103290000456; holder "
      "41032919800101006X, 410329198001010019 and 6217000099998888（农行）";
  c.params_json = R"({"account":"6222021234567890123"})";
  MaskBankData(&c);
  EXPECT_FALSE(Contains(c, "0212345678"));
  EXPECT_FALSE(Contains(c, "0000999988"));
  EXPECT_NE(c.reason.find("6222***********0123"), std::string::npos)
      << c.reason;
  EXPECT_NE(c.reason.find("6217********8888（农行）"), std::string::npos)
      << c.reason;
  // Resident IDs (valid check character, X or digit) and case IDs stay.
  EXPECT_NE(c.reason.find("41032919800101006X"), std::string::npos);
  EXPECT_NE(c.reason.find("410329198001010019"), std::string::npos);
  EXPECT_NE(c.reason.find("4103290000456"), std::string::npos);
  EXPECT_EQ(c.params_json, R"({"account":"6222***********0123"})");
}

TEST(MaskBankData, EighteenDigitAccountIsNotAnId) {
  // 18 digits whose last is not the check character of the first 17.
  ReviewCase c;
  c.rule = "PAYMENT";
  c.reason = "account 410329198001010039 and 41032919800101006X";
  MaskBankData(&c);
  EXPECT_EQ(c.reason, "account 4103**********0039 and 41032919800101006X");
}

TEST(MaskBankData, SummaryReasonMaskedTheSameWay) {
  EXPECT_EQ(MaskReason("PAYMENT",
                       "account 6222021234567890123 also pays case "
                       "4103290000456",
                       {"4103290000456"}),
            "account 6222***********0123 also pays case 4103290000456");
  EXPECT_EQ(MaskReason("ASSETS", "deposits 123456.78 on 2026-05-01"),
            "deposits *** on 2026-05-01");
  ReviewCase c = BankCase();
  const std::string summary = MaskReason(c.rule, c.reason, {c.case_id});
  MaskBankData(&c);
  EXPECT_EQ(summary, c.reason);
}

TEST(MaskBankData, NonAssetsAmountsStay) {
  ReviewCase c;
  c.rule = "INCOME";
  c.reason = "income 3456.00 a month in 2026-03, above 700.00";
  MaskBankData(&c);
  EXPECT_EQ(c.reason, "income 3456.00 a month in 2026-03, above 700.00");
}

}  // namespace
}  // namespace hedui
