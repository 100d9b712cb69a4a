#include "engine/demo/generator.h"

#include <gtest/gtest.h>
#include <iconv.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/base/id_number.h"
#include "engine/demo/places.h"
#include "hedui/feed_schema.h"

namespace hedui::demo {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out.push_back(line);
  }
  return out;
}

bool ValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80         ? 1
                 : (c >> 5) == 6  ? 2
                 : (c >> 4) == 14 ? 3
                 : (c >> 3) == 30 ? 4
                                  : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

bool Gb18030ToUtf8(const std::string& in, std::string* out) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  out->assign(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out->data();
  size_t dst_left = out->size();
  size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1) || src_left != 0) return false;
  out->resize(out->size() - dst_left);
  return true;
}

// A string field of a flat JSON line: "key":"value".
std::string JsonField(const std::string& line, const std::string& key) {
  std::string needle = "\"" + key + "\":\"";
  size_t p = line.find(needle);
  if (p == std::string::npos) return "";
  p += needle.size();
  return line.substr(p, line.find('"', p) - p);
}

class GeneratorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(fs::temp_directory_path() /
                         ("hedui_generator_test_" + std::to_string(getpid())));
    fs::remove_all(*root_);
    report_ = new GeneratorReport;
    GeneratorOptions options;
    options.out_dir = (*root_ / "a").string();
    options.residents = 20000;
    ASSERT_TRUE(GenerateCounty(options, report_).ok());
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root_);
    delete root_;
    delete report_;
  }
  static fs::path Dir() { return *root_ / "a"; }

  static fs::path* root_;
  static GeneratorReport* report_;
};
fs::path* GeneratorTest::root_ = nullptr;
GeneratorReport* GeneratorTest::report_ = nullptr;

constexpr const char* kFiles[] = {
    "roll.csv",     "population.csv",   "death.ndjson", "vehicle.csv",
    "property.csv", "migration.ndjson", "tax.csv",      "payroll.ndjson",
    "bank.csv",     "business.csv",     "cadre.csv",    "roll_neighbour.csv",
    "truth.ndjson", "truth_counts.json"};

TEST(HukouIdTest, NoTwoHouseholdsShareOnePastAMillion) {
  const std::string township = "410329001";
  EXPECT_EQ(HukouId(township, 5, 80000), "001000005");
  // A province slice: serial 1,438,797 must not read as 438,797.
  EXPECT_NE(HukouId(township, 1438797, 3500000),
            HukouId(township, 438797, 3500000));
  EXPECT_EQ(HukouId(township, 1438797, 3500000), "0011438797");
}

TEST_F(GeneratorTest, SameSeedSameBytesOtherSeedOtherBytes) {
  GeneratorOptions options;
  options.out_dir = (*root_ / "b").string();
  options.residents = 20000;
  options.threads = 1;  // the output must not depend on threads
  GeneratorReport again;
  ASSERT_TRUE(GenerateCounty(options, &again).ok());
  for (const char* f : kFiles) {
    EXPECT_TRUE(ReadAll(Dir() / f) == ReadAll(*root_ / "b" / f)) << f;
  }
  options.out_dir = (*root_ / "c").string();
  options.seed = 7;
  GeneratorReport other;
  ASSERT_TRUE(GenerateCounty(options, &other).ok());
  for (const char* f : {"roll.csv", "population.csv", "vehicle.csv",
                        "property.csv", "truth.ndjson"}) {
    EXPECT_FALSE(ReadAll(Dir() / f) == ReadAll(*root_ / "c" / f)) << f;
  }
}

TEST_F(GeneratorTest, WritesEveryFile) {
  ASSERT_EQ(report_->files.size(), std::size(kFiles));
  for (const char* f : kFiles) EXPECT_TRUE(fs::exists(Dir() / f)) << f;
  EXPECT_EQ(report_->residents, 20000);
}

TEST_F(GeneratorTest, RollIsAboutThreePercentInCasesOfOneToFive) {
  EXPECT_GE(report_->roll_members, 20000 * 25 / 1000);
  EXPECT_LE(report_->roll_members, 20000 * 35 / 1000);
  std::string roll = ReadAll(Dir() / "roll.csv");
  ASSERT_EQ(roll.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_TRUE(ValidUtf8(roll));
  std::vector<std::string> lines = Lines(roll.substr(3));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].rfind("低保户编号,身份证号码,姓名", 0), 0u);
  std::map<std::string, int> case_sizes;
  for (size_t i = 1; i < lines.size(); ++i)
    ++case_sizes[lines[i].substr(0, lines[i].find(','))];
  EXPECT_EQ(static_cast<int>(lines.size()) - 1, report_->roll_members);
  EXPECT_EQ(static_cast<int>(case_sizes.size()), report_->cases);
  for (const auto& [id, n] : case_sizes) {
    EXPECT_GE(n, 1);
    EXPECT_LE(n, 5);
  }
  double average = static_cast<double>(report_->roll_members) / report_->cases;
  EXPECT_GT(average, 1.8);
  EXPECT_LT(average, 2.7);
}

TEST_F(GeneratorTest, TruthCoversEveryRuleAndNamesRollMembers) {
  std::string roll = ReadAll(Dir() / "roll.csv");
  std::set<std::string> members;  // "case,id"
  for (const std::string& line : Lines(roll.substr(3))) {
    size_t a = line.find(',');
    size_t b = line.find(',', a + 1);
    ResidentId id;
    if (ParseResidentId(line.substr(a + 1, b - a - 1), &id) != IdError::kNone)
      continue;
    members.insert(line.substr(0, a) + "," + id.ToString());
  }
  std::map<std::string, int> rules;
  std::string previous;
  for (const std::string& line : Lines(ReadAll(Dir() / "truth.ndjson"))) {
    std::string rule = JsonField(line, "rule");
    ++rules[rule];
    std::string key =
        JsonField(line, "case_id") + "," + JsonField(line, "id_number");
    EXPECT_TRUE(members.count(key)) << line;
    std::string sort_key = JsonField(line, "case_id") + "\t" + rule + "\t" +
                           JsonField(line, "id_number");
    EXPECT_LT(previous, sort_key);
    previous = sort_key;
    Date since;
    EXPECT_TRUE(ParseDate(JsonField(line, "since"), &since)) << line;
    EXPECT_LE(since, Date::FromYmd(2026, 10, 31)) << line;
    int64_t fen;
    EXPECT_TRUE(ParseAmountFen(JsonField(line, "amount"), 1, &fen)) << line;
  }
  EXPECT_GT(rules["DECEASED"], 0);
  EXPECT_GT(rules["VEHICLE"], 0);
  EXPECT_GT(rules["PROPERTY"], 0);
  EXPECT_EQ(rules.size(), 14u);
  for (const auto& [rule, count] : rules)
    EXPECT_EQ(count, report_->flags[rule]) << rule;
  EXPECT_EQ(rules["DECEASED"], report_->deceased_flags);
  EXPECT_EQ(rules["VEHICLE"], report_->vehicle_flags);
  EXPECT_EQ(rules["PROPERTY"], report_->property_flags);
}

TEST_F(GeneratorTest, PopulationIsGb18030) {
  std::string raw = ReadAll(Dir() / "population.csv");
  EXPECT_FALSE(ValidUtf8(raw));
  std::string utf8;
  ASSERT_TRUE(Gb18030ToUtf8(raw, &utf8));
  EXPECT_TRUE(ValidUtf8(utf8));
  EXPECT_EQ(utf8.rfind("公民身份号码,姓名,性别,出生日期,户号,与户主关系,住址,"
                       "人员状态,状态日期",
                       0),
            0u);
  EXPECT_NE(utf8.find(std::string(Counties()[0].name)), std::string::npos);
  EXPECT_NE(utf8.find("·"), std::string::npos);  // minority names
  std::vector<std::string> lines = Lines(utf8);
  EXPECT_EQ(lines.size(), 20001u);
  // Dirty IDs: some 15-digit, some unparseable (wrong check digit).
  int old15 = 0, bad = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string raw_id = lines[i].substr(0, lines[i].find(','));
    if (raw_id.size() == 15) ++old15;
    ResidentId id;
    if (ParseResidentId(raw_id, &id) != IdError::kNone) ++bad;
  }
  EXPECT_GT(old15, 0);
  const FeedFileReport* pop = nullptr;
  for (const FeedFileReport& f : report_->feeds) {
    if (f.feed == "population") pop = &f;
  }
  ASSERT_NE(pop, nullptr);
  EXPECT_EQ(bad, pop->quarantined);
  EXPECT_EQ(pop->rows, 20000);
  std::string vehicles;
  ASSERT_TRUE(Gb18030ToUtf8(ReadAll(Dir() / "vehicle.csv"), &vehicles));
  EXPECT_EQ(vehicles.rfind("号牌号码,", 0), 0u);
}

// The mapping files name real columns of the files and canonical codes of
// the schema.
TEST_F(GeneratorTest, MappingFilesMatchTheFilesAndTheSchema) {
  const std::map<std::string, std::string> files = {
      {"roll", "roll.csv"},         {"population", "population.csv"},
      {"death", "death.ndjson"},    {"vehicle", "vehicle.csv"},
      {"property", "property.csv"}, {"migration", "migration.ndjson"},
      {"tax", "tax.csv"},           {"payroll", "payroll.ndjson"},
      {"bank", "bank.csv"},         {"business", "business.csv"}};
  for (const auto& [kind, file] : files) {
    SCOPED_TRACE(kind);
    fs::path mapping =
        fs::path(HEDUI_SOURCE_DIR) / "configs/feeds/demo" / (kind + ".toml");
    toml::table table;
    try {
      table = toml::parse_file(mapping.string());
    } catch (const toml::parse_error& e) {
      FAIL() << mapping << ": " << e.description();
    }
    ASSERT_EQ(table["feed"]["kind"].value_or(std::string()), kind);
    std::optional<FeedKind> feed_kind = FeedKindFromName(kind);
    ASSERT_TRUE(feed_kind.has_value());
    const FeedSpec& spec = GetFeedSpec(*feed_kind);

    // The source's column names (CSV header) or keys (first NDJSON line).
    std::string raw = ReadAll(Dir() / file);
    std::string text = raw;
    if (table["feed"]["encoding"].value_or(std::string()) == "gb18030") {
      ASSERT_TRUE(Gb18030ToUtf8(raw, &text));
    }
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text = text.substr(3);
    std::string first = Lines(text)[0];
    std::set<std::string> columns;
    if (table["feed"]["format"].value_or(std::string()) == "ndjson") {
      for (size_t p = first.find('"'); p != std::string::npos;) {
        size_t q = first.find('"', p + 1);
        columns.insert(first.substr(p + 1, q - p - 1));
        p = first.find('"', first.find('"', first.find('"', q + 1) + 1) + 1);
      }
    } else {
      std::istringstream in(first);
      for (std::string c; std::getline(in, c, ',');) columns.insert(c);
    }

    std::set<std::string> mapped;
    for (const auto& [name, node] : *table["fields"].as_table()) {
      std::string field(name.str());
      int index = spec.FieldIndex(field);
      ASSERT_GE(index, 0) << field;
      mapped.insert(field);
      std::string column;
      if (node.is_string()) {
        column = *node.value<std::string>();
      } else {
        const toml::table& t = *node.as_table();
        column = t["column"].value_or(std::string());
        const std::span<const std::string_view> codes =
            spec.fields[index].codes;
        auto canonical = [&](std::string_view code) {
          return codes.empty() ||
                 std::find(codes.begin(), codes.end(), code) != codes.end();
        };
        if (const toml::table* values = t["values"].as_table()) {
          for (const auto& [spelled, code] : *values) {
            EXPECT_TRUE(canonical(code.value_or(std::string())))
                << field << ": " << spelled.str();
          }
        }
        if (t.contains("other")) {
          EXPECT_TRUE(canonical(t["other"].value_or(std::string()))) << field;
        }
      }
      EXPECT_TRUE(columns.count(column)) << field << " -> " << column;
    }
    for (const FieldSpec& f : spec.fields) {
      if (f.required) {
        EXPECT_TRUE(mapped.count(std::string(f.name)))
            << "required field " << f.name;
      }
    }
  }
}

TEST_F(GeneratorTest, CountsAddUp) {
  std::string counts = ReadAll(Dir() / "truth_counts.json");
  for (const FeedFileReport& f : report_->feeds) {
    EXPECT_NE(counts.find(
                  "\"" + f.feed + "\": {\"file\": \"" + f.file +
                  "\", \"rows\": " + std::to_string(f.rows) +
                  ", \"accepted\": " + std::to_string(f.rows - f.quarantined) +
                  ", \"quarantined\": " + std::to_string(f.quarantined) + "}"),
              std::string::npos)
        << f.feed;
    EXPECT_GT(f.rows, 0);
  }
  // Deliberately broken rows: population (wrong check digits), death
  // (malformed lines, a corrupted ID), vehicle (one wrong column count).
  std::map<std::string, int64_t> q;
  for (const FeedFileReport& f : report_->feeds) q[f.feed] = f.quarantined;
  EXPECT_GE(q["population"], 3);
  EXPECT_GE(q["death"], 4);
  EXPECT_EQ(q["vehicle"], 1);
  EXPECT_EQ(q["roll"], 0);
  EXPECT_EQ(q["property"], 0);
  // Lines in the files equal the rows counted.
  for (const FeedFileReport& f : report_->feeds) {
    int64_t lines = static_cast<int64_t>(Lines(ReadAll(Dir() / f.file)).size());
    if (f.file.ends_with(".ndjson")) {
      EXPECT_EQ(lines, f.rows);
    } else if (f.feed != "population") {
      EXPECT_EQ(lines - 1, f.rows);  // a header line
    }
  }
}

TEST(GeneratorOptionsTest, RejectsBadOptions) {
  GeneratorOptions options;
  GeneratorReport report;
  EXPECT_FALSE(GenerateCounty(options, &report).ok());  // no out_dir
  options.out_dir =
      (fs::temp_directory_path() / "hedui_generator_bad").string();
  options.residents = 5;
  EXPECT_FALSE(GenerateCounty(options, &report).ok());
}

TEST(PlacesTest, DemoCountyHasTownshipsAndVillages) {
  ASSERT_GE(Counties().size(), 1u);
  const County& county = Counties()[0];
  EXPECT_EQ(county.code.size(), 6u);
  EXPECT_GE(county.townships.size(), 10u);
  EXPECT_LE(county.townships.size(), 20u);
  for (const Township& t : county.townships) {
    EXPECT_EQ(t.code.substr(0, 6), county.code);
    EXPECT_FALSE(t.villages.empty()) << t.name;
    for (const Village& v : t.villages) EXPECT_EQ(v.code.substr(0, 9), t.code);
  }
}

}  // namespace
}  // namespace hedui::demo
