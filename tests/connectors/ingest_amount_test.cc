// Issue 14, defect 1, at the level an operator sees it: a row whose amount
// does not fit in fen once the mapping's unit is applied lands in quarantine
// as bad_amount with the value as written; it is never indexed as a wrapped,
// different amount. The rows beside it are unaffected.
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/base/id_number.h"
#include "engine/index/index.h"
#include "hedui/record.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::Lines;
using testing::ReadFile;
using testing::TempDir;

// The issue's reproducer: with unit = 10000 this was accepted as
// 82317885.44 元.
constexpr char kHuge[] = "34028236692093846346337460744万元";

struct Quarantined {
  int line;
  std::string field, reason, value;
  bool operator==(const Quarantined&) const = default;
  friend void PrintTo(const Quarantined& q, std::ostream* os) {
    *os << "{line " << q.line << ", " << q.field << ", " << q.reason << ", "
        << q.value << "}";
  }
};

class IngestAmountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Index::Open(dir_.path() + "/data", Index::Mode::kReadWrite);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    index_ = std::move(opened.value());
  }

  StatusOr<IngestResult> Ingest(const std::string& mapping_text,
                                const std::string& name,
                                const std::string& contents) {
    StatusOr<Mapping> mapping =
        LoadMapping(dir_.Write(name + ".toml", mapping_text));
    if (!mapping.ok()) return mapping.status();
    return IngestFile(index_.get(), *mapping, dir_.Write(name, contents),
                      IngestOptions());
  }

  static std::vector<Quarantined> Quarantine(const BatchInfo& b) {
    std::vector<Quarantined> rows;
    std::vector<std::string> lines = Lines(ReadFile(b.quarantine_file));
    for (size_t i = 1; i < lines.size(); ++i) {  // [0] is the header
      std::vector<std::string> cells;
      std::stringstream s(lines[i]);
      std::string cell;
      while (std::getline(s, cell, '\t')) cells.push_back(cell);
      if (cells.size() < 6) {
        ADD_FAILURE() << "short quarantine row: " << lines[i];
        continue;
      }
      rows.push_back({std::stoi(cells[2]), cells[3], cells[4], cells[5]});
    }
    return rows;
  }

  // The value of `field` in every record of `kind` for `id`, in line order.
  std::vector<std::string> Values(FeedKind kind, const std::string& id,
                                  int field) {
    ResidentId rid;
    EXPECT_EQ(ParseResidentId(id, &rid), IdError::kNone);
    std::vector<Index::Record> records;
    EXPECT_TRUE(
        index_->GetPersonRecords(kind, rid.body, nullptr, &records).ok());
    std::vector<std::string> out;
    for (const auto& r : records) {
      std::vector<std::string_view> fields;
      EXPECT_TRUE(DecodeRecordFields(r.value, &fields));
      out.emplace_back(fields.at(field));
    }
    return out;
  }

  TempDir dir_;
  std::unique_ptr<Index> index_;
};

TEST_F(IngestAmountTest, BusinessCapitalThatOverflowsIsQuarantined) {
  const std::string mapping = R"(
[feed]
kind = "business"
format = "csv"

[fields]
id_number = "证件号码"
company = "企业名称"
registered_capital = { column = "注册资本（万元）", unit = 10000 }
role = { column = "角色", values = { "法定代表人" = "legal_rep" } }
status = { column = "登记状态", values = { "存续" = "active" } }
)";
  const std::string csv =
      "证件号码,企业名称,注册资本（万元）,角色,登记状态\n"
      "11010519491231002X,甲公司,50,法定代表人,存续\n" +
      std::string("11010519491231002X,乙公司,") + kHuge +
      ",法定代表人,存续\n"
      "11010519491231002X,丙公司,34028236692093846346337460744,法定代表人,"
      "存续\n"
      "11010519491231002X,丁公司,1.5万,法定代表人,存续\n";
  auto result = Ingest(mapping, "business.csv", csv);
  ASSERT_TRUE(result.ok()) << result.status().message();
  const BatchInfo& b = result->batch;
  EXPECT_EQ(b.read, 4u);
  EXPECT_EQ(b.accepted, 2u);
  EXPECT_EQ(b.quarantined, 2u);
  std::vector<Quarantined> expected = {
      {3, "registered_capital", "bad_amount", kHuge},
      {4, "registered_capital", "bad_amount", "34028236692093846346337460744"}};
  EXPECT_EQ(Quarantine(b), expected);
  // 50 万元 and 1.5 万 × 万元: the good rows keep their exact amounts.
  std::vector<std::string> capital =
      Values(FeedKind::kBusiness, "11010519491231002X",
             GetFeedSpec(FeedKind::kBusiness).FieldIndex("registered_capital"));
  EXPECT_EQ(capital, (std::vector<std::string>{"500000.00", "150000000.00"}));
}

TEST_F(IngestAmountTest, RollAmountThatOverflowsIsQuarantined) {
  const std::string mapping = R"(
[feed]
kind = "roll"
format = "csv"

[fields]
case_id = "编号"
id_number = "身份证号码"
name = "姓名"
monthly_amount = { column = "月保障金", unit = 10000 }
)";
  const std::string csv =
      "编号,身份证号码,姓名,月保障金\n"
      "C1,11010519491231002X,张三,0.05\n" +
      std::string("C2,11010519491231002X,张三,") + kHuge + "\n";
  auto result = Ingest(mapping, "roll.csv", csv);
  ASSERT_TRUE(result.ok()) << result.status().message();
  const BatchInfo& b = result->batch;
  EXPECT_EQ(b.accepted, 1u);
  EXPECT_EQ(b.quarantined, 1u);
  std::vector<Quarantined> expected = {
      {3, "monthly_amount", "bad_amount", kHuge}};
  EXPECT_EQ(Quarantine(b), expected);
  EXPECT_EQ(
      Values(FeedKind::kRoll, "11010519491231002X", field::kRollMonthlyAmount),
      (std::vector<std::string>{"500.00"}));
}

}  // namespace
}  // namespace hedui
