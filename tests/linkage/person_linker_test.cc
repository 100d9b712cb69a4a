#include "engine/linkage/person_linker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/base/id_number.h"

namespace hedui {
namespace {

using F = PersonField;

// A valid ID for region 410329, the given birth date and sequence.
std::string MakeId(int yyyymmdd, int seq) {
  char body[18];
  std::snprintf(body, sizeof body, "410329%08d%03d", yyyymmdd, seq);
  return std::string(body) + IdCheckCharacter(body);
}

PersonRecord Person(std::string rid, std::string id, std::string name,
                    std::string birth, std::string sex = "",
                    std::string locality = "", std::string dwelling = "",
                    std::string phone = "") {
  PersonRecord r;
  r.record_id = std::move(rid);
  r.id_number = std::move(id);
  r[F::kName] = std::move(name);
  r[F::kBirthDate] = std::move(birth);
  r[F::kSex] = std::move(sex);
  r[F::kLocality] = std::move(locality);
  r[F::kDwelling] = std::move(dwelling);
  r[F::kPhone] = std::move(phone);
  return r;
}

// A register of distinct people so that u and EM have something to learn
// from; the same people appear in every test.
std::vector<PersonRecord> Register() {
  const char* surnames[] = {"王", "李", "张", "刘", "陈",
                            "杨", "赵", "黄", "周", "吴"};
  const char* given[] = {"伟", "芳", "娜", "敏", "静", "丽",
                         "强", "磊", "军", "洋", "勇", "艳"};
  std::vector<PersonRecord> out;
  for (int i = 0; i < 600; ++i) {
    int y = 1940 + i % 60, m = 1 + (i * 7) % 12, d = 1 + (i * 11) % 28;
    int date = y * 10000 + m * 100 + d;
    std::string name = std::string(surnames[i % 10]) + given[(i / 10) % 12] +
                       given[(i / 120) % 12];
    out.push_back(Person("reg-" + std::to_string(i), MakeId(date, i % 1000),
                         name, std::to_string(date), i % 2 ? "男" : "女",
                         i % 3 ? "鸣皋镇" : "白沙镇",
                         "house|" + std::to_string(i)));
  }
  return out;
}

const PersonLink* Find(const LinkResult& r, uint32_t left, uint32_t right) {
  for (const PersonLink& m : r.matches) {
    if (m.left == left && m.right == right) return &m;
  }
  return nullptr;
}

TEST(PersonLinkerTest, ValidIdDecides) {
  std::vector<PersonRecord> reg = Register();
  std::vector<PersonRecord> feed = {
      // Same ID, name written in traditional characters and a lowercase x:
      // exact by ID.
      Person("f0", reg[5].id_number, "另一个名字", "19000101"),
      // Same name and birth date, different valid ID: never a match.
      Person("f1", MakeId(std::stoi(reg[7][F::kBirthDate]), 999),
             reg[7][F::kName], reg[7][F::kBirthDate], reg[7][F::kSex],
             reg[7][F::kLocality], reg[7][F::kDwelling]),
  };
  StatusOr<LinkResult> r = LinkPersons(ChinesePersonModel(), feed, reg);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const PersonLink* m = Find(*r, 0, 5);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->confidence, LinkConfidence::kExactId);
  EXPECT_EQ(m->probability, 1.0);
  EXPECT_EQ(Find(*r, 1, 7), nullptr);
  EXPECT_GE(r->stats.id_conflicts, 1u);
}

TEST(PersonLinkerTest, WithoutIdNameBirthAndPlaceDecideWithConfidence) {
  std::vector<PersonRecord> reg = Register();
  reg[42][F::kName] = "张国强";
  const PersonRecord& p = reg[42];
  std::string date = p[F::kBirthDate];
  std::string dashed = date.substr(0, 4) + "年" +
                       std::to_string(std::stoi(date.substr(4, 2))) + "月" +
                       std::to_string(std::stoi(date.substr(6, 2))) + "日";
  std::vector<PersonRecord> feed = {
      // No ID, traditional characters, date in another spelling: a strong
      // match.
      Person("bank-0", "", "張國強", dashed, p[F::kSex], p[F::kLocality],
             p[F::kDwelling]),
      // A broken check digit counts as no ID.
      Person("bank-1",
             p.id_number.substr(0, 17) + (p.id_number[17] == '1' ? "2" : "1"),
             p[F::kName], date, p[F::kSex], p[F::kLocality]),
      // Same name, other birth date, other place: no match.
      Person("bank-2", "", p[F::kName], "20010101", "",
             p[F::kLocality] == "白沙镇" ? "鸣皋镇" : "白沙镇"),
  };
  StatusOr<LinkResult> r = LinkPersons(ChinesePersonModel(), feed, reg);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const PersonLink* m0 = Find(*r, 0, 42);
  ASSERT_NE(m0, nullptr);
  EXPECT_EQ(m0->confidence, LinkConfidence::kHigh);
  EXPECT_NE(std::find(m0->agreed.begin(), m0->agreed.end(), "birth_date=exact"),
            m0->agreed.end());
  EXPECT_NE(std::find(m0->agreed.begin(), m0->agreed.end(), "dwelling=exact"),
            m0->agreed.end());
  const PersonLink* m1 = Find(*r, 1, 42);
  ASSERT_NE(m1, nullptr);
  EXPECT_NE(m1->confidence, LinkConfidence::kExactId);
  for (const PersonLink& m : r->matches) {
    std::string agreed;
    for (const std::string& a : m.agreed) agreed += a + " ";
    EXPECT_NE(m.left, 2u) << reg[m.right].record_id << " " << m.weight << " "
                          << agreed;
  }
}

TEST(PersonLinkerTest, TraditionalAndPinyinNamesMatch) {
  std::vector<PersonRecord> reg = Register();
  reg[10][F::kName] = "张三";
  reg[11][F::kName] = "買買提·艾力";
  std::vector<PersonRecord> feed = {
      Person("a", "", "章三", reg[10][F::kBirthDate], reg[10][F::kSex],
             reg[10][F::kLocality], reg[10][F::kDwelling]),
      Person("b", "", "买买提・艾力", reg[11][F::kBirthDate], reg[11][F::kSex],
             reg[11][F::kLocality]),
  };
  StatusOr<LinkResult> r = LinkPersons(ChinesePersonModel(), feed, reg);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const PersonLink* a = Find(*r, 0, 10);
  ASSERT_NE(a, nullptr);
  EXPECT_NE(std::find(a->agreed.begin(), a->agreed.end(), "name=same_pinyin"),
            a->agreed.end());
  const PersonLink* b = Find(*r, 1, 11);
  ASSERT_NE(b, nullptr);
  EXPECT_NE(std::find(b->agreed.begin(), b->agreed.end(), "name=exact"),
            b->agreed.end());
}

TEST(PersonLinkerTest, DeterministicAndDedupe) {
  std::vector<PersonRecord> reg = Register();
  reg.push_back(reg[3]);
  reg.back().record_id = "dup-3";
  reg.back().id_number.clear();
  StatusOr<LinkResult> a = DedupePersons(ChinesePersonModel(), reg);
  StatusOr<LinkResult> b = DedupePersons(ChinesePersonModel(), reg);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->matches.size(), b->matches.size());
  for (size_t i = 0; i < a->matches.size(); ++i) {
    EXPECT_EQ(a->matches[i].left, b->matches[i].left);
    EXPECT_EQ(a->matches[i].right, b->matches[i].right);
    EXPECT_EQ(a->matches[i].weight, b->matches[i].weight);
  }
  EXPECT_NE(Find(*a, 3, static_cast<uint32_t>(reg.size() - 1)), nullptr);
  EXPECT_LT(a->stats.candidate_pairs, reg.size() * (reg.size() - 1) / 2 / 10);
}

TEST(PersonLinkerTest, GenericValuesAreReportedAndIgnored) {
  std::vector<PersonRecord> reg = Register();
  // One phone on twelve strangers' records, one ID on five different people.
  for (int i = 100; i < 112; ++i) reg[i][F::kPhone] = "138 0000 0000";
  reg[200][F::kPhone] = reg[201][F::kPhone] = "13912345678";  // a couple
  std::string shared_id = reg[300].id_number;
  for (int i = 301; i < 305; ++i) reg[i].id_number = shared_id;
  std::vector<PersonField> fields = {F::kPhone, F::kCount};
  std::vector<GenericValue> g = FindGenericValues(reg, fields, 3);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].field, F::kPhone);
  EXPECT_EQ(g[0].value, "138 0000 0000");
  EXPECT_EQ(g[0].people, 12u);
  EXPECT_EQ(g[1].field, F::kCount);
  EXPECT_EQ(g[1].value, shared_id);
  EXPECT_EQ(g[1].people, 5u);
  // Ignored, the shared ID links nobody as exact.
  StatusOr<LinkResult> r =
      DedupePersons(ChinesePersonModel(), reg, ToIgnored(g));
  ASSERT_TRUE(r.ok());
  for (const PersonLink& m : r->matches) {
    EXPECT_FALSE(m.left >= 300 && m.left < 305 && m.right >= 300 &&
                 m.right < 305 && m.confidence == LinkConfidence::kExactId);
  }
  StatusOr<LinkResult> raw = DedupePersons(ChinesePersonModel(), reg);
  ASSERT_TRUE(raw.ok());
  EXPECT_NE(Find(*raw, 300, 301), nullptr);  // without the list it would link
}

TEST(PersonLinkerTest, ModelIsValidated) {
  PersonModel m = ChinesePersonModel();
  EXPECT_TRUE(ValidatePersonModel(m).ok());
  PersonModel bad = m;
  std::swap(bad.comparisons[0].levels.front(),
            bad.comparisons[0].levels.back());
  EXPECT_EQ(ValidatePersonModel(bad).code(), Status::Code::kInvalidArgument);
  bad = m;
  bad.comparisons[1].levels[1].m = 0;
  EXPECT_FALSE(ValidatePersonModel(bad).ok());
  bad = m;
  bad.blocking.push_back({"empty", {}});
  std::vector<PersonRecord> none;
  EXPECT_FALSE(DedupePersons(bad, none).ok());
  PersonField f;
  EXPECT_TRUE(ParsePersonField("birth_date", &f));
  EXPECT_EQ(f, F::kBirthDate);
  EXPECT_FALSE(ParsePersonField("shoe_size", &f));
}

}  // namespace
}  // namespace hedui
