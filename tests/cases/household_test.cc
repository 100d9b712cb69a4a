// 一户一档: the flags of one roll case form one household review file with
// a file number given at import; assigning the household and recording a
// home visit on it touch every open flag of it and nothing else, in one
// write; the access rules are the flags'.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/json.h"
#include "engine/cases/case_codec.h"
#include "hedui/case_store.h"
#include "hedui/rules.h"
#include "hedui/run_log.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

namespace fs = std::filesystem;
using Code = Status::Code;

// A flag as a run writes it for the store (FlagToJson plus household_size).
struct Flag {
  std::string rule = "DECEASED";
  std::string case_id = "C1";
  std::string id_number = "410329199001011234";
  std::string name = "张三";
  std::string township = "A镇";
  std::string village = "一村";
  std::string monthly = "300.00";
  std::string relation;  // of the member, in a roll evidence record

  std::string flag_id() const { return FlagId(rule, case_id, id_number); }
};

std::string FlagLine(const Flag& f) {
  std::string roll;
  if (!f.relation.empty()) {
    roll =
        ",{\"feed\":\"roll\",\"batch\":1,\"file\":\"roll.csv\",\"line\":3,"
        "\"values\":{\"id_number\":" +
        JsonQuote(f.id_number) + ",\"name\":" + JsonQuote(f.name) +
        ",\"relation\":" + JsonQuote(f.relation) + "}}";
  }
  return "{\"flag_id\":\"" + f.flag_id() + "\",\"rule\":" + JsonQuote(f.rule) +
         ",\"matcher_version\":1,\"case_id\":" + JsonQuote(f.case_id) +
         ",\"id_number\":" + JsonQuote(f.id_number) +
         ",\"name\":" + JsonQuote(f.name) +
         ",\"township\":" + JsonQuote(f.township) +
         ",\"village\":" + JsonQuote(f.village) +
         ",\"since\":\"2026-01-01\",\"amount\":\"900.00\","
         "\"monthly_at_stake\":\"" +
         f.monthly +
         "\",\"scope\":\"member\",\"reason\":\"理由\",\"params\":{},"
         "\"evidence\":[{\"feed\":\"death\",\"batch\":1,\"file\":\"death.csv\","
         "\"line\":2,\"values\":{\"id_number\":" +
         JsonQuote(f.id_number) + ",\"rule\":" + JsonQuote(f.rule) + "}}" +
         roll + "],\"months\":[[\"2026-01\",\"" + f.monthly +
         "\"]],\"household_size\":3}";
}

void RecordRun(const std::string& data_dir, const std::string& as_of,
               const std::vector<Flag>& flags) {
  RunRecord record;
  record.as_of = as_of;
  record.flags = flags.size();
  std::vector<FlagKey> keys;
  std::string lines;
  for (const Flag& f : flags) {
    keys.push_back(FlagKey{f.flag_id(), f.rule, f.case_id, f.id_number});
    lines += FlagLine(f) + "\n";
  }
  Status s = RunLog(data_dir).Record(&record, keys, {}, lines);
  ASSERT_TRUE(s.ok()) << s.message();
}

Flag Make(const std::string& rule, const std::string& case_id,
          const std::string& id_number, const std::string& township = "A镇") {
  Flag f;
  f.rule = rule;
  f.case_id = case_id;
  f.id_number = id_number;
  f.township = township;
  return f;
}

User MakeUser(const std::string& name, Role role,
              std::vector<std::string> townships = {}) {
  User u;
  u.name = name;
  u.role = role;
  u.townships = std::move(townships);
  return u;
}

class HouseholdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = tmp_.path() + "/data";
    fs::create_directories(data_);
    rules_.region_codes = {"410329"};
  }

  std::unique_ptr<CaseStore> Open(bool with_rules = true) {
    CaseStore::Options options;
    if (with_rules) options.rules = &rules_;
    StatusOr<std::unique_ptr<CaseStore>> s = CaseStore::Open(data_, options);
    EXPECT_TRUE(s.ok()) << s.status().message();
    if (!s.ok()) return nullptr;
    StatusOr<ImportedRuns> imported = (*s)->ImportRuns();
    EXPECT_TRUE(imported.ok()) << imported.status().message();
    return std::move(s.value());
  }

  Actor Add(CaseStore& store, const Actor* by, const User& user) {
    Status s = store.AddUser(by, user, "pw-" + user.name + "-123456");
    EXPECT_TRUE(s.ok()) << s.message();
    StatusOr<Actor> a = store.SignIn(user.name, "pw-" + user.name + "-123456");
    EXPECT_TRUE(a.ok());
    return a.value();
  }

  // Every case by flag ID, read as the admin sees it (no audit entry).
  std::map<std::string, ReviewCase> All(CaseStore& store, const Actor& admin) {
    std::map<std::string, ReviewCase> out;
    StatusOr<std::vector<ReviewCase>> all = store.AllCases(admin, "test");
    EXPECT_TRUE(all.ok());
    for (ReviewCase& c : all.value()) out[c.flag_id] = std::move(c);
    return out;
  }

  size_t AuditSize(CaseStore& store, const Actor& admin) {
    StatusOr<std::vector<AuditEntry>> log = store.AuditLog(admin);
    EXPECT_TRUE(log.ok());
    return log.ok() ? log->size() : 0;
  }

  testing::TempDir tmp_;
  std::string data_;
  Rules rules_;
};

// C1: two members, three grounds; C2 another household of A镇; C3 of B镇.
const Flag kC1Dead = Make("DECEASED", "C1", "410329199001011234");
const Flag kC1Car = Make("VEHICLE", "C1", "410329199001011234");
const Flag kC1Income = Make("INCOME", "C1", "410329199202021111");
const Flag kC2Dead = Make("DECEASED", "C2", "410329198003033333");
const Flag kC3Dead = Make("DECEASED", "C3", "410329197004044444", "B镇");

TEST_F(HouseholdTest, FileNumbersUniqueStableAndSequentialPerYear) {
  Flag c4 = Make("DECEASED", "C4", "410329196005055555");
  c4.village = "二村";
  RecordRun(data_, "2026-01-31", {kC1Dead, kC1Car, kC2Dead, c4});
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  auto cases = All(*store, admin);
  // One number per household, in place order (township, village, case ID).
  EXPECT_EQ(cases[kC1Dead.flag_id()].file_number, "410329-2026-00001");
  EXPECT_EQ(cases[kC1Car.flag_id()].file_number, "410329-2026-00001");
  EXPECT_EQ(cases[kC2Dead.flag_id()].file_number, "410329-2026-00002");
  EXPECT_EQ(cases[c4.flag_id()].file_number, "410329-2026-00003");
  store.reset();

  // A month later: C1's new ground joins its file, open; C3 is new; C2's
  // flag is gone (and keeps its number).
  RecordRun(data_, "2026-02-28", {kC1Dead, kC1Car, kC1Income, kC3Dead, c4});
  store = Open();
  ASSERT_TRUE(store);
  StatusOr<Actor> signed_in = store->SignIn("admin", "pw-admin-123456");
  ASSERT_TRUE(signed_in.ok());
  cases = All(*store, *signed_in);
  EXPECT_EQ(cases[kC1Income.flag_id()].file_number, "410329-2026-00001");
  EXPECT_EQ(cases[kC1Income.flag_id()].status, CaseStatus::kNew);
  EXPECT_EQ(cases[kC1Dead.flag_id()].file_number, "410329-2026-00001");
  EXPECT_EQ(cases[kC2Dead.flag_id()].file_number, "410329-2026-00002");
  EXPECT_EQ(cases[kC3Dead.flag_id()].file_number, "410329-2026-00004");
  store.reset();

  // A new year starts its own sequence; numbers never move.
  Flag c5 = Make("DECEASED", "C5", "410329195006066666");
  RecordRun(data_, "2027-01-31", {kC1Dead, kC1Car, kC1Income, kC3Dead, c4, c5});
  store = Open();
  ASSERT_TRUE(store);
  signed_in = store->SignIn("admin", "pw-admin-123456");
  cases = All(*store, *signed_in);
  EXPECT_EQ(cases[c5.flag_id()].file_number, "410329-2027-00001");
  EXPECT_EQ(cases[kC3Dead.flag_id()].file_number, "410329-2026-00004");
  std::set<std::string> numbers;
  std::map<std::string, std::string> by_case;
  for (const auto& [id, c] : cases) {
    numbers.insert(c.file_number);
    auto [it, fresh] = by_case.emplace(c.case_id, c.file_number);
    EXPECT_EQ(it->second, c.file_number) << c.case_id;
  }
  EXPECT_EQ(numbers.size(), by_case.size());  // one number per household
}

TEST_F(HouseholdTest, CountyCodeFromTheDataWithoutRules) {
  RecordRun(data_, "2026-01-31", {kC1Dead});
  auto store = Open(/*with_rules=*/false);
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  // The first six digits of the member's resident ID.
  EXPECT_EQ(All(*store, admin)[kC1Dead.flag_id()].file_number,
            "410329-2026-00001");
}

TEST_F(HouseholdTest, ListAndShowHouseholds) {
  Flag head = kC1Car;
  head.name = "李大";
  head.relation = "head";
  Flag income = kC1Income;
  income.name = "李二";
  income.monthly = "150.50";
  RecordRun(data_, "2026-01-31", {kC1Dead, head, income, kC2Dead, kC3Dead});
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  Actor wang = Add(*store, &admin, MakeUser("wang", Role::kTownship, {"A镇"}));
  ASSERT_TRUE(store->Assign(admin, kC1Dead.flag_id(), "wang", 0).ok());

  size_t matched = 0;
  StatusOr<std::vector<HouseholdSummary>> list =
      store->ListHouseholds(admin, CaseFilter{}, &matched);
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ(matched, 3u);
  const HouseholdSummary& c1 = list->front();
  EXPECT_EQ(c1.case_id, "C1");
  EXPECT_EQ(c1.file_number, "410329-2026-00001");
  EXPECT_EQ(c1.name, "李大");  // the head, though another member comes first
  EXPECT_EQ(c1.township, "A镇");
  EXPECT_EQ(c1.village, "一村");
  EXPECT_EQ(c1.rules,
            (std::vector<std::string>{"DECEASED", "INCOME", "VEHICLE"}));
  EXPECT_EQ(c1.flags, 3u);
  EXPECT_EQ(c1.open, 3u);
  EXPECT_EQ(c1.statuses[static_cast<int>(CaseStatus::kNew)], 2);
  EXPECT_EQ(c1.statuses[static_cast<int>(CaseStatus::kAssigned)], 1);
  EXPECT_EQ(HouseholdStatusText(c1), "待分派 2、已分派 1");
  EXPECT_EQ(c1.assignee, "wang");
  // Each member's money once (DECEASED and VEHICLE name the same member).
  EXPECT_EQ(c1.monthly_at_stake_fen, 30000 + 15050);
  EXPECT_EQ(list->at(1).case_id, "C2");
  EXPECT_EQ(list->at(1).name, "张三");  // no head named: the first member

  // A township officer sees their township's households only.
  StatusOr<std::vector<HouseholdSummary>> mine =
      store->ListHouseholds(wang, CaseFilter{}, &matched);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->size(), 2u);
  for (const HouseholdSummary& h : mine.value()) EXPECT_EQ(h.township, "A镇");

  // Filters select households by their flags; the page is of households.
  CaseFilter by_rule;
  by_rule.rules = {"INCOME"};
  list = store->ListHouseholds(admin, by_rule, &matched);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().flags, 3u);  // the household whole
  CaseFilter page;
  page.sort = CaseFilter::Sort::kAtStakeDesc;
  page.limit = 1;
  page.offset = 0;
  list = store->ListHouseholds(admin, page, &matched);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(matched, 3u);
  EXPECT_EQ(list->front().case_id, "C1");
  CaseFilter text;
  text.text = "410329-2026-00002";
  list = store->ListHouseholds(admin, text, &matched);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().case_id, "C2");
  // The list of flags finds a household's flags by its file number too.
  StatusOr<std::vector<CaseSummary>> flags = store->List(admin, text);
  ASSERT_TRUE(flags.ok());
  ASSERT_EQ(flags->size(), 1u);
  EXPECT_EQ(flags->front().flag_id, kC2Dead.flag_id());

  // Shown by file number or case ID, every flag, each view audited.
  size_t audit = AuditSize(*store, admin);
  StatusOr<HouseholdFile> file =
      store->ShowHousehold(wang, "410329-2026-00001");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->summary.case_id, "C1");
  ASSERT_EQ(file->flags.size(), 3u);
  EXPECT_EQ(AuditSize(*store, admin), audit + 3);
  file = store->ShowHousehold(wang, "C1");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->summary.file_number, "410329-2026-00001");
  EXPECT_EQ(store->ShowHousehold(wang, "C9").status().code(), Code::kNotFound);
}

TEST_F(HouseholdTest, AssignAndVisitTouchEveryOpenFlagAndNothingElse) {
  RecordRun(data_, "2026-01-31", {kC1Dead, kC1Car, kC1Income, kC2Dead});
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  Add(*store, &admin, MakeUser("wang", Role::kTownship, {"A镇"}));
  // One flag of C1 already decided (cleared) on its own.
  ASSERT_TRUE(store->Assign(admin, kC1Car.flag_id(), "admin", 0).ok());
  ASSERT_TRUE(store
                  ->RecordStep(admin, kC1Car.flag_id(), StepKind::kHomeVisit,
                               "2026-02-01", "看过", {}, 0)
                  .ok());
  ASSERT_TRUE(
      store->Decide(admin, kC1Car.flag_id(), "合规", "2026-02-02", "无车", 0)
          .ok());
  auto before = All(*store, admin);
  size_t audit = AuditSize(*store, admin);

  // A stale version is refused whole.
  StatusOr<HouseholdFile> file = store->ShowHousehold(admin, "C1");
  ASSERT_TRUE(file.ok());
  uint64_t version = file->summary.version;
  audit = AuditSize(*store, admin);
  EXPECT_EQ(store->AssignHousehold(admin, "C1", "wang", version + 1).code(),
            Code::kFailedPrecondition);
  // So is an assignee who cannot work the township.
  EXPECT_EQ(store->AssignHousehold(admin, "C1", "nobody", 0).code(),
            Code::kNotFound);
  EXPECT_EQ(AuditSize(*store, admin), audit);

  Status s =
      store->AssignHousehold(admin, "410329-2026-00001", "wang", version);
  ASSERT_TRUE(s.ok()) << s.message();
  auto after = All(*store, admin);
  for (const Flag* f : {&kC1Dead, &kC1Income}) {
    const ReviewCase& c = after[f->flag_id()];
    EXPECT_EQ(c.assignee, "wang") << f->rule;
    EXPECT_EQ(c.status, CaseStatus::kAssigned) << f->rule;
    EXPECT_EQ(c.version, before[f->flag_id()].version + 1);
  }
  // The decided flag and the other household are untouched.
  EXPECT_EQ(after[kC1Car.flag_id()].version, before[kC1Car.flag_id()].version);
  EXPECT_EQ(after[kC1Car.flag_id()].assignee, "admin");
  EXPECT_EQ(after[kC2Dead.flag_id()].version,
            before[kC2Dead.flag_id()].version);
  EXPECT_TRUE(after[kC2Dead.flag_id()].assignee.empty());
  // One audit entry per flag changed.
  StatusOr<std::vector<AuditEntry>> log = store->AuditLog(admin);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), audit + 2 + 1);  // + the AllCases read
  std::set<std::string> audited;
  for (size_t i = audit; i < audit + 2; ++i) {
    EXPECT_EQ(log->at(i).action, "assign");
    audited.insert(log->at(i).flag_id);
  }
  EXPECT_EQ(audited,
            (std::set<std::string>{kC1Dead.flag_id(), kC1Income.flag_id()}));

  // One home visit, with its photo, on every open flag.
  before = after;
  audit = AuditSize(*store, admin);
  s = store->RecordHouseholdStep(admin, "C1", StepKind::kHomeVisit,
                                 "2026-02-05", "全家在家，已核实",
                                 {NewAttachment{"photo.jpg", "JPEGBYTES"}}, 0);
  ASSERT_TRUE(s.ok()) << s.message();
  after = All(*store, admin);
  std::string sha;
  for (const Flag* f : {&kC1Dead, &kC1Income}) {
    const ReviewCase& c = after[f->flag_id()];
    EXPECT_EQ(c.status, CaseStatus::kUnderReview);
    ASSERT_EQ(c.steps.size(), 1u);
    EXPECT_EQ(c.steps[0].kind, StepKind::kHomeVisit);
    EXPECT_EQ(c.steps[0].date, "2026-02-05");
    EXPECT_EQ(c.steps[0].notes, "全家在家，已核实");
    ASSERT_EQ(c.steps[0].attachments.size(), 1u);
    if (sha.empty()) sha = c.steps[0].attachments[0].sha256;
    EXPECT_EQ(c.steps[0].attachments[0].sha256, sha);
    // The photo reads back through either flag.
    StatusOr<std::string> bytes =
        store->ReadAttachment(admin, f->flag_id(), sha);
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(bytes.value(), "JPEGBYTES");
  }
  EXPECT_EQ(after[kC1Car.flag_id()].version, before[kC1Car.flag_id()].version);
  EXPECT_EQ(after[kC1Car.flag_id()].steps.size(), 1u);
  EXPECT_EQ(after[kC2Dead.flag_id()].version,
            before[kC2Dead.flag_id()].version);
  EXPECT_EQ(AuditSize(*store, admin), audit + 1 + 2 + 2);  // All, step, reads

  // Only a visit, a democratic review or a hearing is the household's.
  EXPECT_EQ(store
                ->RecordHouseholdStep(admin, "C1", StepKind::kNoticeDelivered,
                                      "2026-02-06", "x", {}, 0)
                .code(),
            Code::kInvalidArgument);

  // A decision per ground.
  ASSERT_TRUE(
      store->Decide(admin, kC1Dead.flag_id(), "死亡", "2026-02-06", "火化", 0)
          .ok());
  file = store->ShowHousehold(admin, "C1");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->summary.open, 1u);
  EXPECT_EQ(HouseholdStatusText(file->summary), "核查中 1、已确认 1、已排除 1");
}

TEST_F(HouseholdTest, AFlagArrivingLaterJoinsTheFileOpen) {
  RecordRun(data_, "2026-01-31", {kC1Dead});
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  ASSERT_TRUE(store->AssignHousehold(admin, "C1", "admin", 0).ok());
  store.reset();
  RecordRun(data_, "2026-02-28", {kC1Dead, kC1Income});
  store = Open();
  ASSERT_TRUE(store);
  StatusOr<Actor> a = store->SignIn("admin", "pw-admin-123456");
  ASSERT_TRUE(a.ok());
  auto cases = All(*store, *a);
  EXPECT_EQ(cases[kC1Income.flag_id()].file_number,
            cases[kC1Dead.flag_id()].file_number);
  EXPECT_EQ(cases[kC1Income.flag_id()].status, CaseStatus::kNew);
  // The visit waits for the household to be assigned whole; nothing is
  // written meanwhile.
  size_t audit = AuditSize(*store, *a);
  EXPECT_EQ(store
                ->RecordHouseholdStep(*a, "C1", StepKind::kHomeVisit,
                                      "2026-03-01", "入户", {}, 0)
                .code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(AuditSize(*store, *a), audit);
  EXPECT_EQ(All(*store, *a)[kC1Dead.flag_id()].version,
            cases[kC1Dead.flag_id()].version);
  ASSERT_TRUE(store->AssignHousehold(*a, "C1", "admin", 0).ok());
  ASSERT_TRUE(store
                  ->RecordHouseholdStep(*a, "C1", StepKind::kHomeVisit,
                                        "2026-03-01", "入户", {}, 0)
                  .ok());
  cases = All(*store, *a);
  EXPECT_EQ(cases[kC1Income.flag_id()].status, CaseStatus::kUnderReview);
  EXPECT_EQ(cases[kC1Dead.flag_id()].status, CaseStatus::kUnderReview);
}

TEST_F(HouseholdTest, TownshipOfficerCannotActOnAnotherTownshipsHousehold) {
  RecordRun(data_, "2026-01-31", {kC1Dead, kC3Dead});
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  Actor wang = Add(*store, &admin, MakeUser("wang", Role::kTownship, {"A镇"}));
  Actor li = Add(*store, &admin, MakeUser("li", Role::kInspector));
  Actor sun = Add(*store, &admin, MakeUser("sun", Role::kAuditor));
  ASSERT_TRUE(store->AssignHousehold(admin, "C3", "admin", 0).ok());
  auto before = All(*store, admin);
  size_t audit = AuditSize(*store, admin);
  std::string c3 = before[kC3Dead.flag_id()].file_number;
  for (const std::string& key : {std::string("C3"), c3}) {
    EXPECT_EQ(store->ShowHousehold(wang, key).status().code(),
              Code::kPermissionDenied);
    EXPECT_EQ(store->AssignHousehold(wang, key, "wang", 0).code(),
              Code::kPermissionDenied);
    EXPECT_EQ(store
                  ->RecordHouseholdStep(wang, key, StepKind::kHomeVisit,
                                        "2026-02-01", "x", {}, 0)
                  .code(),
              Code::kPermissionDenied);
  }
  // Nor hand their own household to an officer of another township.
  Add(*store, &admin, MakeUser("zhao", Role::kTownship, {"B镇"}));
  audit = AuditSize(*store, admin);
  EXPECT_EQ(store->AssignHousehold(wang, "C1", "zhao", 0).code(),
            Code::kInvalidArgument);
  // An inspector reads but does not work; an auditor does neither.
  EXPECT_TRUE(store->ShowHousehold(li, "C3").ok());
  EXPECT_EQ(store->AssignHousehold(li, "C3", "li", 0).code(),
            Code::kPermissionDenied);
  EXPECT_EQ(store
                ->RecordHouseholdStep(li, "C3", StepKind::kHomeVisit,
                                      "2026-02-01", "x", {}, 0)
                .code(),
            Code::kPermissionDenied);
  EXPECT_EQ(store->ShowHousehold(sun, "C3").status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(store->ListHouseholds(sun, CaseFilter{}).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(AuditSize(*store, admin), audit + 1);  // li's view only
  auto after = All(*store, admin);
  for (const auto& [id, c] : before) EXPECT_EQ(after[id].version, c.version);
}

TEST_F(HouseholdTest, AStoreWithoutFileNumbersIsNumberedOnOpen) {
  RecordRun(data_, "2026-01-31", {kC1Dead, kC1Car, kC2Dead});
  {
    auto store = Open();
    ASSERT_TRUE(store);
  }
  // Make it a store of an older hedui: the cases without their field and
  // no sequence kept.
  {
    rocksdb::DB* raw = nullptr;
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {
        {rocksdb::kDefaultColumnFamilyName, {}},
        {"cases", {}},
        {"users", {}},
        {"audit", {}}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    ASSERT_TRUE(
        rocksdb::DB::Open({}, data_ + "/cases/db", cfs, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, handles[1]));
    std::vector<std::pair<std::string, std::string>> old;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      StatusOr<ReviewCase> c = DecodeReviewCase(it->value().ToStringView());
      ASSERT_TRUE(c.ok());
      EXPECT_FALSE(c->file_number.empty());
      std::string json = it->value().ToString();
      std::string field = ",\"file_number\":" + JsonQuote(c->file_number);
      size_t at = json.find(field);
      ASSERT_NE(at, std::string::npos);
      json.erase(at, field.size());
      StatusOr<ReviewCase> decoded = DecodeReviewCase(json);
      ASSERT_TRUE(decoded.ok());  // an older case still decodes
      EXPECT_TRUE(decoded->file_number.empty());
      old.emplace_back(it->key().ToString(), json);
    }
    it.reset();
    for (const auto& [k, v] : old)
      ASSERT_TRUE(db->Put({}, handles[1], k, v).ok());
    std::vector<std::string> seq_keys;
    it.reset(db->NewIterator({}, handles[0]));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      if (it->key().starts_with("file_seq/"))
        seq_keys.push_back(it->key().ToString());
    it.reset();
    ASSERT_FALSE(seq_keys.empty());
    for (const std::string& k : seq_keys)
      ASSERT_TRUE(db->Delete({}, handles[0], k).ok());
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  }
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  auto cases = All(*store, admin);
  EXPECT_EQ(cases[kC1Dead.flag_id()].file_number, "410329-2026-00001");
  EXPECT_EQ(cases[kC1Car.flag_id()].file_number, "410329-2026-00001");
  EXPECT_EQ(cases[kC2Dead.flag_id()].file_number, "410329-2026-00002");
  StatusOr<AuditCheck> check = store->VerifyAudit(admin);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->ok) << check->problem;
  // And the next household continues the sequence.
  store.reset();
  RecordRun(data_, "2026-02-28", {kC1Dead, kC1Car, kC2Dead, kC3Dead});
  store = Open();
  ASSERT_TRUE(store);
  StatusOr<Actor> a = store->SignIn("admin", "pw-admin-123456");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(All(*store, *a)[kC3Dead.flag_id()].file_number,
            "410329-2026-00003");
}

TEST_F(HouseholdTest, AFlagOnTheWholeCasePutsTheWholePaymentAtStakeOnce) {
  Flag dead = kC1Dead, income = kC1Income, car = kC1Car, property = kC1Car;
  dead.monthly = "300.00";
  income.monthly = "150.50";
  car.monthly = "900.00";  // the case's whole payment
  property.rule = "PROPERTY";
  property.monthly = "900.00";
  RecordRun(data_, "2026-01-31", {dead, income});
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  StatusOr<HouseholdFile> file = store->ShowHousehold(admin, "C1");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->summary.monthly_at_stake_fen, 30000 + 15050);
  store.reset();
  // The case-scope lines are written by hand: FlagLine writes members.
  std::string lines;
  for (const Flag* f : {&dead, &income, &car, &property}) {
    std::string line = FlagLine(*f);
    if (f == &car || f == &property) {
      size_t at = line.find("\"scope\":\"member\"");
      line.replace(at, 16, "\"scope\":\"case\"");
    }
    lines += line + "\n";
  }
  RunRecord record;
  record.as_of = "2026-02-28";
  record.flags = 4;
  std::vector<FlagKey> keys;
  for (const Flag* f : {&dead, &income, &car, &property})
    keys.push_back(FlagKey{f->flag_id(), f->rule, f->case_id, f->id_number});
  ASSERT_TRUE(RunLog(data_).Record(&record, keys, {}, lines).ok());
  store = Open();
  ASSERT_TRUE(store);
  StatusOr<Actor> a = store->SignIn("admin", "pw-admin-123456");
  ASSERT_TRUE(a.ok());
  file = store->ShowHousehold(*a, "C1");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->summary.monthly_at_stake_fen, 90000);  // not 900+900+…
}

TEST_F(HouseholdTest, HouseholdSumOverflowIsAnError) {
  Flag a = kC1Dead, b = kC1Income;
  a.monthly = b.monthly = "50000000000000000.00";  // 5e18 fen each
  RecordRun(data_, "2026-01-31", {a, b});
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  EXPECT_EQ(store->ListHouseholds(admin, CaseFilter{}).status().code(),
            Code::kInternal);
}

TEST_F(HouseholdTest, ADecidedHouseholdStillNamesWhoWorkedIt) {
  RecordRun(data_, "2026-01-31", {kC2Dead});
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  ASSERT_TRUE(store->AssignHousehold(admin, "C2", "admin", 0).ok());
  ASSERT_TRUE(store
                  ->RecordHouseholdStep(admin, "C2", StepKind::kHomeVisit,
                                        "2026-02-01", "入户", {}, 0)
                  .ok());
  ASSERT_TRUE(
      store->Decide(admin, kC2Dead.flag_id(), "死亡", "2026-02-02", "火化", 0)
          .ok());
  StatusOr<std::vector<HouseholdSummary>> list =
      store->ListHouseholds(admin, CaseFilter{});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().open, 0u);
  EXPECT_EQ(list->front().assignee, "admin");
}

// The 告知书 of a stored case shows its household's file number (issue 19:
// the letter's 案件编号 was the internal flag hash).
TEST_F(HouseholdTest, TheNoticeShowsTheFileNumber) {
  RecordRun(data_, "2026-01-31", {kC2Dead});
  auto store = Open();
  ASSERT_TRUE(store);
  Actor admin = Add(*store, nullptr, MakeUser("admin", Role::kAdmin));
  ASSERT_TRUE(store->AssignHousehold(admin, "C2", "admin", 0).ok());
  ASSERT_TRUE(store
                  ->RecordHouseholdStep(admin, "C2", StepKind::kHomeVisit,
                                        "2026-02-01", "入户", {}, 0)
                  .ok());
  ASSERT_TRUE(
      store->Decide(admin, kC2Dead.flag_id(), "死亡", "2026-02-02", "火化", 0)
          .ok());
  StatusOr<std::string> html = store->Notice(admin, kC2Dead.flag_id());
  ASSERT_TRUE(html.ok()) << html.status().message();
  EXPECT_NE(html->find("410329-2026-00001"), std::string::npos);
  EXPECT_EQ(html->find(kC2Dead.flag_id()), std::string::npos);
}

}  // namespace
}  // namespace hedui
