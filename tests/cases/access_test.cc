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

TEST(Access, RefusalNamesUserRoleAndOwnTownshipsOnly) {
  // Issue 19 defect 8: the refusal named the case's township, telling an
  // officer where a person they may not look up has a case.
  User u = MakeUser(Role::kTownship, {"城关镇"});
  Status s = CanReadCase(u, CaseIn("白沙镇"));
  EXPECT_EQ(s.message(),
            "用户 王五 (乡镇经办人: 城关镇) 无权查看此案件：案件不在其管辖乡镇"
            "内 / user 王五 (township officer of 城关镇) may not read this "
            "case: it is not in their jurisdiction")
      << s.message();
  for (Action a : {kRead, kWork, kDecide, kComment, kReReview}) {
    for (Role r : {Role::kTownship, Role::kInspector, Role::kAuditor}) {
      Status refused = Check(a, MakeUser(r, {"城关镇"}), CaseIn("白沙镇"));
      EXPECT_EQ(refused.message().find("白沙镇"), std::string::npos)
          << refused.message();
    }
  }
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

// A PAYMENT group across two townships: the account pays a case of 城关镇
// and one of 白沙镇 (issue 19 defect 12).
ReviewCase CrossTownshipPayment() {
  ReviewCase c;
  c.rule = "PAYMENT";
  c.case_id = "C1";
  c.id_number = "41032919800101006X";
  c.township = "城关镇";
  c.village = "东街村";
  c.group_cases = {"C1", "C2"};
  c.reason = "account 6222021234567890123 also pays case C2";
  c.evidence.push_back({"roll",
                        1,
                        "roll.csv",
                        2,
                        {{"case_id", "C1"},
                         {"id_number", "41032919800101006X"},
                         {"name", "张三"},
                         {"township", "城关镇"},
                         {"village", "东街村"},
                         {"address", "城关镇东街村1组3号"},
                         {"phone", "13800001111"},
                         {"bank_account", "6222021234567890123"}}});
  c.evidence.push_back({"roll",
                        1,
                        "roll.csv",
                        9,
                        {{"case_id", "C2"},
                         {"id_number", "410329198001010019"},
                         {"name", "李四"},
                         {"township", "白沙镇"},
                         {"village", "河口村"},
                         {"address", "白沙镇河口村5组8号"},
                         {"phone", "13900002222"},
                         {"bank_account", "6222021234567890123"}}});
  // The other person's register record: no township field of its own; the
  // roll record with the same ID says where they live.
  c.evidence.push_back({"population",
                        2,
                        "hukou.csv",
                        4,
                        {{"id_number", "410329198001010019"},
                         {"name", "李四"},
                         {"address", "白沙镇河口村5组8号"},
                         {"spouse_id", "410329198201020027"}}});
  // A register record of someone on no roll, whose address names 白沙镇.
  c.evidence.push_back({"population",
                        2,
                        "hukou.csv",
                        5,
                        {{"id_number", "410329198201020027"},
                         {"name", "王芳"},
                         {"address", "白沙镇河口村5组8号"}}});
  c.events.push_back({"2026-02-01T00:00:00Z", 2,
                      "新增证据 (new evidence): roll: case_id=C2 "
                      "id_number=410329198001010019 name=李四"});
  return c;
}

std::string Value(const EvidenceRecord& r, const std::string& field) {
  for (const auto& [f, v] : r.values)
    if (f == field) return v;
  return "(none)";
}

TEST(MaskOtherTownships, OtherTownshipsPersonsShownByNameAndVillageOnly) {
  const std::vector<std::string> county = {"城关镇", "白沙镇"};
  ReviewCase c = CrossTownshipPayment();
  MaskOtherTownships(MakeUser(Role::kTownship, {"城关镇"}), county, &c);
  // The officer's own person: whole.
  EXPECT_EQ(Value(c.evidence[0], "id_number"), "41032919800101006X");
  EXPECT_EQ(Value(c.evidence[0], "phone"), "13800001111");
  EXPECT_EQ(Value(c.evidence[0], "address"), "城关镇东街村1组3号");
  // 白沙镇's person: name, township, village (and the case number the group
  // list shows anyway); nothing else.
  EXPECT_EQ(Value(c.evidence[1], "name"), "李四");
  EXPECT_EQ(Value(c.evidence[1], "village"), "河口村");
  EXPECT_EQ(Value(c.evidence[1], "case_id"), "C2");
  for (const char* field : {"id_number", "address", "phone"})
    EXPECT_EQ(Value(c.evidence[1], field), "***") << field;
  // A value the officer sees on their own person's record is no secret:
  // the shared account is what the group is about.
  EXPECT_EQ(Value(c.evidence[1], "bank_account"), "6222021234567890123");
  EXPECT_NE(c.reason.find("6222021234567890123"), std::string::npos);
  EXPECT_EQ(Value(c.evidence[2], "name"), "李四");
  for (const char* field : {"id_number", "address", "spouse_id"})
    EXPECT_EQ(Value(c.evidence[2], field), "***") << field;
  EXPECT_EQ(Value(c.evidence[3], "name"), "王芳");
  EXPECT_EQ(Value(c.evidence[3], "id_number"), "***");
  EXPECT_EQ(Value(c.evidence[3], "address"), "***");
  // Nor anywhere else the case repeats a value of theirs.
  for (const char* secret :
       {"410329198001010019", "13900002222", "5组8号", "410329198201020027"}) {
    EXPECT_FALSE(Contains(c, secret)) << secret;
    for (const CaseEvent& e : c.events)
      EXPECT_EQ(e.what.find(secret), std::string::npos) << e.what;
  }

  // An officer of both townships, an admin, an inspector: everything.
  for (const User& u : {MakeUser(Role::kTownship, {"城关镇", "白沙镇"}),
                        MakeUser(Role::kAdmin), MakeUser(Role::kInspector)}) {
    ReviewCase whole = CrossTownshipPayment();
    MaskOtherTownships(u, county, &whole);
    EXPECT_EQ(Value(whole.evidence[1], "id_number"), "410329198001010019");
    EXPECT_EQ(Value(whole.evidence[1], "phone"), "13900002222");
    EXPECT_EQ(Value(whole.evidence[3], "address"), "白沙镇河口村5组8号");
  }
  // 白沙镇's officer reading C2's side sees 城关镇's person masked.
  ReviewCase other = CrossTownshipPayment();
  other.case_id = "C2";
  other.id_number = "410329198001010019";
  other.township = "白沙镇";
  MaskOtherTownships(MakeUser(Role::kTownship, {"白沙镇"}), county, &other);
  EXPECT_EQ(Value(other.evidence[0], "id_number"), "***");
  EXPECT_EQ(Value(other.evidence[0], "name"), "张三");
  EXPECT_EQ(Value(other.evidence[1], "id_number"), "410329198001010019");
}

TEST(MaskOtherTownships, RecordsWithoutAPlaceAreTheCasesOwn) {
  // A death record of the flagged member names no township: it is the
  // case's person, whom the officer may see.
  ReviewCase c;
  c.rule = "DECEASED";
  c.id_number = "41032919800101006X";
  c.township = "城关镇";
  c.evidence.push_back(
      {"death",
       1,
       "death.csv",
       2,
       {{"id_number", "41032919800101006X"}, {"death_date", "2026-01-05"}}});
  MaskOtherTownships(MakeUser(Role::kTownship, {"城关镇"}), {"城关镇"}, &c);
  EXPECT_EQ(Value(c.evidence[0], "id_number"), "41032919800101006X");
}

}  // namespace
}  // namespace hedui
