// The campaign report (hedui/campaign_report.h) built from decisions made
// by hand, every figure against values computed by hand; a report that does
// not add up is refused and nothing is written; the workbook and the CSV
// files read back; the page escapes what the departments sent.
//
// The period is 2026-03-01 … 2026-05-31. Six households:
//   C1 东镇甲村, 4 persons: A1 DECEASED (member) 死亡 03-05; A1 INCOME
//      (member) 收入超标 03-07; VEHICLE (case) 有车 03-10, stopped 03-28
//      at 1200.00/month, recovered 500.00 on 04-02 and 300.00 on 06-15.
//   C2 东镇甲村, 3 persons: B1 PROPERTY cleared 数据错误 04-01; B2 DECEASED
//      死亡 04-20.
//   C3 东镇乙村, 2 persons: VEHICLE (case) cleared 合规 05-02; C1 PROPERTY
//      under review.
//   C4 西镇丙村, 5 persons: INCOME (case) 收入超标 and VEHICLE (case) 有车,
//      both 03-15 (the tie goes to the smaller flag ID, INCOME); recovered
//      200.00 on 05-31 and 100.00 on 02-28.
//   C5 西镇丙村, 2 persons: E1 DECEASED 死亡 06-02 (after the period); E2
//      PROPERTY gone.
//   C6 西镇丙村, 1 person: DUPLICATE (case) 重复享受 decided 02-20 (before),
//      stopped 03-20 (in) at 450.00/month; VEHICLE first seen 06-05 (after).
#include "hedui/campaign_report.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/base/csv.h"
#include "tests/test_util.h"

namespace hedui {
namespace {

using testing::ReadFile;
using testing::TempDir;

ReviewCase Flag(std::string case_id, std::string rule, std::string scope,
                std::string id, std::string township, std::string village,
                int size, std::string first_seen) {
  ReviewCase c;
  c.case_id = std::move(case_id);
  c.rule = std::move(rule);
  c.flag_id = c.case_id + "-" + c.rule + "-" + id;
  c.scope = std::move(scope);
  c.id_number = std::move(id);
  c.name = "某" + c.id_number;
  c.township = std::move(township);
  c.village = std::move(village);
  c.household_size = size;
  c.first_seen = std::move(first_seen);
  return c;
}

ReviewCase Decided(ReviewCase c, CaseStatus status, std::string outcome,
                   std::string on) {
  c.status = status;
  c.outcome = std::move(outcome);
  c.decided_on = on;
  if (status != CaseStatus::kCleared) c.confirmed_on = on;
  return c;
}

ReviewCase Stopped(ReviewCase c, std::string on, int64_t fen) {
  c.status = CaseStatus::kStopped;
  c.stopped_on = std::move(on);
  c.monthly_stopped_fen = fen;
  return c;
}

ReviewCase Recovered(ReviewCase c, int64_t fen, std::string on) {
  c.recovered.push_back(MoneyRecovered{fen, std::move(on), "出纳", ""});
  return c;
}

std::vector<ReviewCase> Cases() {
  const char* kC = "case";
  const char* kM = "member";
  std::vector<ReviewCase> v;
  // C1
  v.push_back(
      Decided(Flag("C1", "DECEASED", kM, "A1", "东镇", "甲村", 4, "2026-02-10"),
              CaseStatus::kConfirmed, "死亡", "2026-03-05"));
  v.push_back(
      Decided(Flag("C1", "INCOME", kM, "A1", "东镇", "甲村", 4, "2026-03-03"),
              CaseStatus::kConfirmed, "收入超标", "2026-03-07"));
  v.push_back(Recovered(
      Recovered(Stopped(Decided(Flag("C1", "VEHICLE", kC, "A0", "东镇", "甲村",
                                     4, "2026-03-02"),
                                CaseStatus::kConfirmed, "有车", "2026-03-10"),
                        "2026-03-28", 120000),
                50000, "2026-04-02"),
      30000, "2026-06-15"));
  // C2
  ReviewCase hostile_formula =
      Decided(Flag("C2", "PROPERTY", kM, "B1", "东镇", "甲村", 3, "2026-01-05"),
              CaseStatus::kCleared, "数据错误", "2026-04-01");
  hostile_formula.name = "=HYPERLINK(\"http://x\")";
  v.push_back(hostile_formula);
  v.push_back(
      Decided(Flag("C2", "DECEASED", kM, "B2", "东镇", "甲村", 3, "2026-04-01"),
              CaseStatus::kConfirmed, "死亡", "2026-04-20"));
  // C3
  ReviewCase quoted =
      Decided(Flag("C3", "VEHICLE", kC, "C0", "东镇", "乙村", 2, "2026-02-01"),
              CaseStatus::kCleared, "合规", "2026-05-02");
  quoted.name = "张,\"三\"";
  v.push_back(quoted);
  ReviewCase hostile_html =
      Flag("C3", "PROPERTY", kM, "C1", "东镇", "乙村", 2, "2026-05-10");
  hostile_html.status = CaseStatus::kUnderReview;
  hostile_html.name = "<script>alert(1)</script>";
  v.push_back(hostile_html);
  // C4
  v.push_back(Recovered(
      Decided(Flag("C4", "INCOME", kC, "D0", "西镇", "丙村", 5, "2026-02-20"),
              CaseStatus::kConfirmed, "收入超标", "2026-03-15"),
      20000, "2026-05-31"));
  v.push_back(Recovered(
      Decided(Flag("C4", "VEHICLE", kC, "D0", "西镇", "丙村", 5, "2026-03-01"),
              CaseStatus::kConfirmed, "有车", "2026-03-15"),
      10000, "2026-02-28"));
  // C5
  v.push_back(
      Decided(Flag("C5", "DECEASED", kM, "E1", "西镇", "丙村", 2, "2026-05-20"),
              CaseStatus::kConfirmed, "死亡", "2026-06-02"));
  ReviewCase gone =
      Flag("C5", "PROPERTY", kM, "E2", "西镇", "丙村", 2, "2026-01-01");
  gone.status = CaseStatus::kGone;
  v.push_back(gone);
  // C6
  v.push_back(Stopped(Decided(Flag("C6", "DUPLICATE", kC, "F0", "西镇", "丙村",
                                   1, "2026-01-10"),
                              CaseStatus::kConfirmed, "重复享受", "2026-02-20"),
                      "2026-03-20", 45000));
  v.push_back(Flag("C6", "VEHICLE", kC, "F0", "西镇", "丙村", 1, "2026-06-05"));
  return v;
}

Rules TestRules() {
  Rules r;
  Standard a{"urban", Date::FromYmd(2025, 7, 1), 78000, 0, 1};
  Standard b{"urban", Date::FromYmd(2026, 4, 1), 82000, 0, 2};
  Standard c{"rural", Date::FromYmd(2026, 1, 1), 50000, 600000, 3};
  Standard d{"rural", Date::FromYmd(2026, 7, 1), 55000, 660000, 4};
  r.standards["urban"] = {a, b};
  r.standards["rural"] = {c, d};
  return r;
}

CampaignReport Build() {
  ReportOptions o{"2026年低保专项整治", Date::FromYmd(2026, 3, 1),
                  Date::FromYmd(2026, 5, 31)};
  StatusOr<CampaignReport> r = BuildCampaignReport(Cases(), TestRules(), o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

size_t ReasonIndex(const CampaignReport& r, const std::string& reason) {
  for (size_t i = 0; i < r.reasons.size(); ++i)
    if (r.reasons[i] == reason) return i;
  ADD_FAILURE() << "no reason " << reason;
  return 0;
}

const PlaceFigures& Place(const std::vector<PlaceFigures>& places,
                          const std::string& township,
                          const std::string& village = "") {
  for (const PlaceFigures& p : places)
    if (p.township == township && p.village == village) return p;
  ADD_FAILURE() << "no place " << township << village;
  return places.front();
}

struct Expect {
  int64_t reviewed_h, reviewed_p, removed_h, removed_p, percent;
  int64_t new_flags, new_households, stopped_h, stopped_fen, rec_n, rec_fen;
  // 死亡, 有车, 收入超标 as households, persons, percent
  int64_t dead[3], car[3], income[3];
};

void ExpectPlace(const CampaignReport& r, const PlaceFigures& p,
                 const Expect& e) {
  SCOPED_TRACE(p.township + p.village);
  EXPECT_EQ(p.reviewed_households, e.reviewed_h);
  EXPECT_EQ(p.reviewed_persons, e.reviewed_p);
  EXPECT_EQ(p.removed_households, e.removed_h);
  EXPECT_EQ(p.removed_persons, e.removed_p);
  EXPECT_EQ(p.removed_percent, e.percent);
  EXPECT_EQ(p.new_flags, e.new_flags);
  EXPECT_EQ(p.new_households, e.new_households);
  EXPECT_EQ(p.stopped_households, e.stopped_h);
  EXPECT_EQ(p.monthly_stopped_fen, e.stopped_fen);
  EXPECT_EQ(p.recovered_entries, e.rec_n);
  EXPECT_EQ(p.recovered_fen, e.rec_fen);
  auto check = [&](const char* reason, const int64_t(&want)[3]) {
    const ReasonFigures& f = p.by_reason[ReasonIndex(r, reason)];
    EXPECT_EQ(f.households, want[0]) << reason;
    EXPECT_EQ(f.persons, want[1]) << reason;
    EXPECT_EQ(f.percent, want[2]) << reason;
  };
  check("死亡", e.dead);
  check("有车", e.car);
  check("收入超标", e.income);
  int64_t others = 0;
  for (size_t i = 0; i < r.reasons.size(); ++i) {
    if (r.reasons[i] != "死亡" && r.reasons[i] != "有车" &&
        r.reasons[i] != "收入超标")
      others += p.by_reason[i].households + p.by_reason[i].persons;
  }
  EXPECT_EQ(others, 0);
}

TEST(CampaignReportTest, EveryFigureAsComputedByHand) {
  CampaignReport r = Build();
  EXPECT_EQ(r.title, "2026年低保专项整治");
  EXPECT_EQ(r.reasons, Rules().confirmed_outcomes);  // no other outcome met
  ASSERT_EQ(r.villages.size(), 3u);
  ASSERT_EQ(r.townships.size(), 2u);
  // 甲村: C1 (4 persons: A1 死亡, 3 有车) and C2 (B1, B2 reviewed; B2 死亡).
  ExpectPlace(r, Place(r.villages, "东镇", "甲村"),
              {2,
               6,
               1,
               5,
               8333,
               3,
               2,
               1,
               120000,
               1,
               50000,
               {0, 2, 3333},
               {1, 3, 5000},
               {0, 0, 0}});
  // 乙村: C3's case-scope flag cleared: 1 household, 2 persons reviewed.
  ExpectPlace(
      r, Place(r.villages, "东镇", "乙村"),
      {1, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}});
  // 丙村: C4 removed under 收入超标 (the tie); C5 decided after; C6
  // stopped in the period, decided before it.
  ExpectPlace(r, Place(r.villages, "西镇", "丙村"),
              {1,
               5,
               1,
               5,
               10000,
               2,
               2,
               1,
               45000,
               1,
               20000,
               {0, 0, 0},
               {0, 0, 0},
               {1, 5, 10000}});
  ExpectPlace(r, Place(r.townships, "东镇"),
              {3,
               8,
               1,
               5,
               6250,
               4,
               3,
               1,
               120000,
               1,
               50000,
               {0, 2, 2500},
               {1, 3, 3750},
               {0, 0, 0}});
  ExpectPlace(r, Place(r.townships, "西镇"),
              {1,
               5,
               1,
               5,
               10000,
               2,
               2,
               1,
               45000,
               1,
               20000,
               {0, 0, 0},
               {0, 0, 0},
               {1, 5, 10000}});
  // 10 of 13: 76.92%; the reasons 15.38 + 23.08 + 38.46 = 76.92.
  ExpectPlace(r, r.total,
              {4,
               13,
               2,
               10,
               7692,
               6,
               5,
               2,
               165000,
               2,
               70000,
               {0, 2, 1538},
               {1, 3, 2308},
               {1, 5, 3846}});

  ASSERT_EQ(r.standards_raised.size(), 1u);
  EXPECT_EQ(r.standards_raised[0].zone, "urban");
  EXPECT_EQ(r.standards_raised[0].from, Date::FromYmd(2026, 4, 1));
  EXPECT_EQ(r.standards_raised[0].old_monthly_fen, 78000);
  EXPECT_EQ(r.standards_raised[0].new_monthly_fen, 82000);

  // The flags first seen by 05-31: all but C6's VEHICLE.
  EXPECT_EQ(r.total_flags, 12);
  ASSERT_EQ(r.grounds.size(), 5u);
  std::map<std::string, GroundFigures> g;
  for (const GroundFigures& f : r.grounds) g[f.rule] = f;
  auto ground = [&](const std::string& rule, std::vector<int64_t> want,
                    bool to_fix) {
    SCOPED_TRACE(rule);
    const GroundFigures& f = g[rule];
    std::vector<int64_t> got = {f.new_flags,
                                f.flags,
                                f.confirmed,
                                f.cleared,
                                f.cleared_data_error,
                                f.open,
                                f.gone,
                                f.confirmed_share,
                                f.cleared_share,
                                f.data_error_share};
    EXPECT_EQ(got, want);
    EXPECT_EQ(f.to_fix, to_fix);
  };
  // new, flags, confirmed, cleared, data error, open, gone, shares
  ground("DECEASED", {2, 3, 2, 0, 0, 1, 0, 10000, 0, 0}, false);
  ground("VEHICLE", {2, 3, 2, 1, 0, 0, 0, 6667, 3333, 0}, false);
  ground("INCOME", {1, 2, 2, 0, 0, 0, 0, 10000, 0, 0}, false);
  ground("PROPERTY", {1, 3, 0, 1, 1, 1, 1, 0, 10000, 10000}, true);
  ground("DUPLICATE", {0, 1, 1, 0, 0, 0, 0, 10000, 0, 0}, false);

  // The cases behind the figures: all but C5's gone flag and C6's VEHICLE.
  ASSERT_EQ(r.cases.size(), 11u);
  std::map<std::string, std::string> counts;
  for (const ReportCase& c : r.cases) counts[c.flag_id] = c.counts_in;
  EXPECT_EQ(counts["C1-VEHICLE-A0"], "复核、清退、新增、停发、追回");
  EXPECT_EQ(counts["C1-DECEASED-A1"], "复核、清退");
  EXPECT_EQ(counts["C2-PROPERTY-B1"], "复核");
  EXPECT_EQ(counts["C3-PROPERTY-C1"], "新增");
  EXPECT_EQ(counts["C5-DECEASED-E1"], "新增");
  EXPECT_EQ(counts["C6-DUPLICATE-F0"], "停发");
  EXPECT_EQ(counts.count("C5-PROPERTY-E2"), 0u);
  EXPECT_EQ(r.cases.front().township, "东镇");
  EXPECT_FALSE(r.notes.empty());
  EXPECT_TRUE(CheckCampaignReport(r).ok());
}

TEST(CampaignReportTest, TitleDefaultsToThePeriodAndABackwardPeriodIsRefused) {
  ReportOptions o{"", Date::FromYmd(2026, 3, 1), Date::FromYmd(2026, 5, 31)};
  StatusOr<CampaignReport> r = BuildCampaignReport(Cases(), Rules(), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->title, "低保核查报告");
  std::swap(o.from, o.to);
  EXPECT_FALSE(BuildCampaignReport(Cases(), Rules(), o).ok());
}

TEST(CampaignReportTest, AnOutcomeNotInTheRulesIsAReasonOfItsOwn) {
  std::vector<ReviewCase> cases = Cases();
  cases[4].outcome = "旧代码";  // C2's DECEASED, removed 04-20
  ReportOptions o{"", Date::FromYmd(2026, 3, 1), Date::FromYmd(2026, 5, 31)};
  StatusOr<CampaignReport> r = BuildCampaignReport(cases, Rules(), o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->reasons.back(), "旧代码");
  EXPECT_EQ(r->total.by_reason.back().persons, 1);
  EXPECT_TRUE(CheckCampaignReport(*r).ok());
}

TEST(CampaignReportTest, AReportThatDoesNotAddUpIsRefusedAndNothingWritten) {
  TempDir dir;
  std::string out = dir.path() + "/out";
  std::filesystem::create_directory(out);
  {
    CampaignReport r = Build();
    r.villages[0].new_flags += 1;  // 东镇甲村
    Status s = CheckCampaignReport(r);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("乡镇 东镇 的新增案件"), std::string::npos)
        << s.message();
  }
  {
    CampaignReport r = Build();
    r.total.by_reason[ReasonIndex(r, "有车")].persons -= 1;
    Status s = CheckCampaignReport(r);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("合计 的清退人数"), std::string::npos)
        << s.message();
  }
  {
    CampaignReport r = Build();
    r.townships[1].removed_percent = 9999;
    Status s = CheckCampaignReport(r);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find("西镇 的清退百分比"), std::string::npos)
        << s.message();
  }
  {
    CampaignReport r = Build();
    r.grounds[0].open += 1;
    EXPECT_FALSE(CheckCampaignReport(r).ok());
  }
  CampaignReport r = Build();
  r.total.monthly_stopped_fen += 1;
  EXPECT_FALSE(WriteCampaignReportXlsx(r, out + "/r.xlsx").ok());
  EXPECT_FALSE(WriteCampaignReportCsv(r, out).ok());
  EXPECT_FALSE(WriteCampaignReportHtml(r, out + "/r.html").ok());
  EXPECT_TRUE(std::filesystem::is_empty(out));
}

// ---- reading a workbook back: the zip's central directory, raw inflate.

uint32_t Le(const std::string& b, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

std::map<std::string, std::string> Unzip(const std::string& zip) {
  std::map<std::string, std::string> files;
  size_t eocd = zip.rfind(std::string("PK\x05\x06", 4));
  if (eocd == std::string::npos) {
    ADD_FAILURE() << "not a zip";
    return files;
  }
  uint32_t entries = Le(zip, eocd + 10, 2), at = Le(zip, eocd + 16, 4);
  for (uint32_t e = 0; e < entries; ++e) {
    EXPECT_EQ(Le(zip, at, 4), 0x02014b50u);
    uint32_t method = Le(zip, at + 10, 2), csize = Le(zip, at + 20, 4),
             usize = Le(zip, at + 24, 4), nlen = Le(zip, at + 28, 2),
             xlen = Le(zip, at + 30, 2), clen = Le(zip, at + 32, 2),
             local = Le(zip, at + 42, 4);
    std::string name = zip.substr(at + 46, nlen);
    at += 46 + nlen + xlen + clen;
    size_t data = local + 30 + Le(zip, local + 26, 2) + Le(zip, local + 28, 2);
    std::string out(usize, '\0');
    if (method == 0) {
      out = zip.substr(data, csize);
    } else {
      EXPECT_EQ(method, 8u);
      z_stream z{};
      EXPECT_EQ(inflateInit2(&z, -MAX_WBITS), Z_OK);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(&zip[data]));
      z.avail_in = csize;
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = usize;
      EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END) << name;
      inflateEnd(&z);
    }
    files[name] = out;
  }
  return files;
}

std::string XmlText(std::string s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t end = s.find(';', i);
    std::string e = s.substr(i + 1, end - i - 1);
    if (e == "amp") out += '&';
    if (e == "lt") out += '<';
    if (e == "gt") out += '>';
    if (e == "quot") out += '"';
    if (e == "apos") out += '\'';
    if (!e.empty() && e[0] == '#') out += static_cast<char>(std::atoi(&e[1]));
    i = end;
  }
  return out;
}

// Every <t>…</t> inside each <si>…</si>.
std::vector<std::string> SharedStrings(const std::string& xml) {
  std::vector<std::string> out;
  size_t at = 0;
  while ((at = xml.find("<si>", at)) != std::string::npos) {
    size_t end = xml.find("</si>", at);
    std::string si = xml.substr(at, end - at), text;
    size_t t = 0;
    while ((t = si.find("<t", t)) != std::string::npos) {
      size_t open = si.find('>', t) + 1, close = si.find("</t>", open);
      text += XmlText(si.substr(open, close - open));
      t = close;
    }
    out.push_back(text);
    at = end;
  }
  return out;
}

// (row, column) from 0 → the cell's text (a shared string's, or the number
// as written).
using Grid = std::map<std::pair<int, int>, std::string>;

Grid ReadSheet(const std::string& xml, const std::vector<std::string>& ss) {
  Grid grid;
  size_t at = 0;
  while ((at = xml.find("<c ", at)) != std::string::npos) {
    size_t tag_end = xml.find('>', at);
    std::string tag = xml.substr(at, tag_end - at);
    size_t r = tag.find("r=\"") + 3;
    int col = 0, row = 0;
    size_t i = r;
    for (; tag[i] >= 'A' && tag[i] <= 'Z'; ++i)
      col = col * 26 + tag[i] - 'A' + 1;
    row = std::atoi(&tag[i]);
    at = tag_end;
    if (tag.back() == '/') continue;  // a blank cell
    size_t v = xml.find("<v>", at), v_end = xml.find("</v>", v);
    std::string value = xml.substr(v + 3, v_end - v - 3);
    if (tag.find("t=\"s\"") != std::string::npos)
      value = ss.at(std::stoul(value));
    grid[{row - 1, col - 1}] = value;
  }
  return grid;
}

int Column(const Grid& g, int header_row, const std::string& name) {
  for (const auto& [pos, v] : g)
    if (pos.first == header_row && v == name) return pos.second;
  ADD_FAILURE() << "no column " << name;
  return -1;
}

int Row(const Grid& g, int col, const std::string& value) {
  for (const auto& [pos, v] : g)
    if (pos.second == col && v == value) return pos.first;
  ADD_FAILURE() << "no row " << value;
  return -1;
}

double Number(const Grid& g, int row, int col) {
  auto it = g.find({row, col});
  if (it == g.end()) {
    ADD_FAILURE() << "no cell " << row << "," << col;
    return -1;
  }
  return std::stod(it->second);
}

std::string At(const Grid& g, int row, int col) {
  auto it = g.find({row, col});
  return it == g.end() ? std::string() : it->second;
}

int Mode(const std::string& path) {
  struct stat st;
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

TEST(CampaignReportTest, TheWorkbookReadsBackAsTheReport) {
  TempDir dir;
  CampaignReport r = Build();
  std::string path = dir.path() + "/报告.xlsx";
  mode_t old = umask(0);  // 0600 whatever the umask
  Status s = WriteCampaignReportXlsx(r, path);
  umask(old);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Mode(path), 0600);
  // Nothing left beside it: no temporary directory or file.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);

  std::map<std::string, std::string> zip = Unzip(ReadFile(path));
  std::string workbook = zip["xl/workbook.xml"];
  size_t a = workbook.find("总计"), b = workbook.find("乡镇"),
         c = workbook.find("\"村\""), d = workbook.find("按依据"),
         e = workbook.find("案件明细");
  ASSERT_NE(e, std::string::npos);
  EXPECT_TRUE(a < b && b < c && c < d && d < e);
  std::vector<std::string> ss = SharedStrings(zip["xl/sharedStrings.xml"]);
  auto sheet = [&](int n) {
    return ReadSheet(zip["xl/worksheets/sheet" + std::to_string(n) + ".xml"],
                     ss);
  };
  for (int n = 1; n <= 5; ++n) {
    std::string xml = zip["xl/worksheets/sheet" + std::to_string(n) + ".xml"];
    EXPECT_NE(xml.find("state=\"frozen\""), std::string::npos) << n;
    EXPECT_NE(xml.find("<cols>"), std::string::npos) << n;
  }

  // 总计: caption, header at row 1, then 复核, 清退, the reasons …
  Grid total = sheet(1);
  EXPECT_EQ(At(total, 0, 0), "2026年低保专项整治 (2026-03-01 至 2026-05-31)");
  int households = Column(total, 1, "户数"), persons = Column(total, 1, "人数"),
      pct = Column(total, 1, "占复核人数(%)"),
      money = Column(total, 1, "金额(元)");
  int reviewed = Row(total, 0, "复核"), removed = Row(total, 0, "清退");
  EXPECT_EQ(Number(total, reviewed, households), 4);
  EXPECT_EQ(Number(total, reviewed, persons), 13);
  EXPECT_EQ(Number(total, removed, persons), 10);
  EXPECT_DOUBLE_EQ(Number(total, removed, pct), 76.92);
  EXPECT_DOUBLE_EQ(Number(total, Row(total, 0, "其中: 收入超标"), pct), 38.46);
  EXPECT_DOUBLE_EQ(Number(total, Row(total, 0, "停发(月金额)"), money), 1650);
  EXPECT_DOUBLE_EQ(Number(total, Row(total, 0, "追回"), money), 700);
  EXPECT_EQ(At(total, Row(total, 0, "城市"), 1), "2026-04-01");
  EXPECT_DOUBLE_EQ(Number(total, Row(total, 0, "城市"), 3), 820);
  Row(total, 0, "说明");

  // 乡镇 and 村: every township's and village's figures.
  auto places = [&](const Grid& g, const std::vector<PlaceFigures>& list,
                    bool villages) {
    int removed_p = Column(g, 0, "清退人数"),
        reviewed_h = Column(g, 0, "复核户数"),
        percent = Column(g, 0, "清退占复核人数(%)"),
        dead = Column(g, 0, "死亡(人)"), car = Column(g, 0, "有车(户)"),
        stopped = Column(g, 0, "停发月金额(元)"),
        recovered = Column(g, 0, "追回金额(元)"),
        fresh = Column(g, 0, "新增案件");
    for (const PlaceFigures& p : list) {
      SCOPED_TRACE(p.township + p.village);
      int row = Row(g, villages ? 1 : 0, villages ? p.village : p.township);
      EXPECT_EQ(Number(g, row, reviewed_h), p.reviewed_households);
      EXPECT_EQ(Number(g, row, removed_p), p.removed_persons);
      EXPECT_DOUBLE_EQ(Number(g, row, percent), p.removed_percent / 100.0);
      EXPECT_EQ(Number(g, row, dead),
                p.by_reason[ReasonIndex(r, "死亡")].persons);
      EXPECT_EQ(Number(g, row, car),
                p.by_reason[ReasonIndex(r, "有车")].households);
      EXPECT_DOUBLE_EQ(Number(g, row, stopped), p.monthly_stopped_fen / 100.0);
      EXPECT_DOUBLE_EQ(Number(g, row, recovered), p.recovered_fen / 100.0);
      EXPECT_EQ(Number(g, row, fresh), p.new_flags);
    }
  };
  Grid towns = sheet(2);
  places(towns, r.townships, false);
  PlaceFigures total_row = r.total;
  total_row.township = "合计";
  places(towns, {total_row}, false);
  Grid villages = sheet(3);
  places(villages, r.villages, true);

  Grid grounds = sheet(4);
  int flags = Column(grounds, 0, "标记数"), hint = Column(grounds, 0, "提示"),
      share = Column(grounds, 0, "数据错误占已决(%)");
  for (const GroundFigures& g : r.grounds) {
    int row = Row(grounds, 0, g.rule);
    EXPECT_EQ(Number(grounds, row, flags), g.flags) << g.rule;
    EXPECT_DOUBLE_EQ(Number(grounds, row, share), g.data_error_share / 100.0);
  }
  EXPECT_EQ(At(grounds, Row(grounds, 0, "PROPERTY"), hint), "待改进数据");

  Grid list = sheet(5);
  int name = Column(list, 0, "姓名");
  EXPECT_EQ(
      At(list, Row(list, Column(list, 0, "标记编号"), "C3-PROPERTY-C1"), name),
      "<script>alert(1)</script>");
  int rows = 0;
  for (const auto& [pos, v] : list) rows = std::max(rows, pos.first);
  EXPECT_EQ(rows, static_cast<int>(r.cases.size()));
}

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r') {
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  rows.pop_back();  // after the last line end
  return rows;
}

TEST(CampaignReportTest, TheCsvFilesReadBackAndStopFormulas) {
  TempDir dir;
  CampaignReport r = Build();
  Status s = WriteCampaignReportCsv(r, dir.path());
  ASSERT_TRUE(s.ok()) << s.ToString();
  for (const char* name : {"总计", "乡镇", "村", "按依据", "案件明细"}) {
    std::string path = dir.path() + "/" + name + ".csv";
    EXPECT_EQ(Mode(path), 0600) << name;
    EXPECT_EQ(ReadFile(path).rfind("\xEF\xBB\xBF", 0), 0u) << name;
  }
  auto rows = ParseCsv(ReadFile(dir.path() + "/村.csv").substr(3));
  ASSERT_EQ(rows.size(), 1 + r.villages.size());
  EXPECT_EQ(rows[0][2], "复核户数");
  // Sorted by township and village as UTF-8: 乙 (U+4E59) before 甲.
  EXPECT_EQ(rows[1][1], "乙村");
  EXPECT_EQ(rows[2][0], "东镇");
  EXPECT_EQ(rows[2][1], "甲村");
  EXPECT_EQ(rows[2][5], "5");      // removed persons
  EXPECT_EQ(rows[2][6], "83.33");  // of 6 reviewed

  rows = ParseCsv(ReadFile(dir.path() + "/案件明细.csv").substr(3));
  ASSERT_EQ(rows.size(), 1 + r.cases.size());
  std::map<std::string, std::string> names;
  for (const auto& row : rows) names[row[3]] = row[5];
  EXPECT_EQ(names["C2-PROPERTY-B1"], "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(names["C3-VEHICLE-C0"], "张,\"三\"");
  EXPECT_EQ(names["C3-PROPERTY-C1"], "<script>alert(1)</script>");

  rows = ParseCsv(ReadFile(dir.path() + "/按依据.csv").substr(3));
  int64_t flags = 0;
  for (size_t i = 1; i < rows.size(); ++i) flags += std::stoll(rows[i][2]);
  EXPECT_EQ(flags, r.total_flags);
}

TEST(CampaignReportTest, ThePageEscapesEverythingAndDrawsItsCharts) {
  TempDir dir;
  std::vector<ReviewCase> cases = Cases();
  cases[0].township = "<b>东镇</b>";  // C1's first flag names its place
  ReportOptions o{"<script>x</script>", Date::FromYmd(2026, 3, 1),
                  Date::FromYmd(2026, 5, 31)};
  StatusOr<CampaignReport> r = BuildCampaignReport(cases, Rules(), o);
  ASSERT_TRUE(r.ok());
  std::string path = dir.path() + "/r.html";
  Status s = WriteCampaignReportHtml(*r, path);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Mode(path), 0600);
  std::string html = ReadFile(path);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;东镇&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  // Nothing fetched: no stylesheet, script or image from elsewhere.
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_NE(html.find("说明"), std::string::npos);
}

}  // namespace
}  // namespace hedui

namespace hedui {
namespace {

// Issue 19, defect 3: recoveries of 92233720368547758.07 and
// 90000000000000000 元 (accepted over the site before the fix) made the
// report's 追回 -2133720368547746.74. Every sum is checked: a report that
// would overflow is an error naming the figure, and no file is written.
TEST(CampaignReportTest, ASumThatWouldOverflowIsAnErrorNamingTheFigure) {
  ReportOptions o{"溢出", Date::FromYmd(2026, 3, 1),
                  Date::FromYmd(2026, 5, 31)};
  // Two recoveries on one case.
  {
    std::vector<ReviewCase> cases = Cases();
    cases.push_back(Recovered(
        Recovered(Stopped(Decided(Flag("C9", "VEHICLE", "case", "Z0", "东镇",
                                       "甲村", 1, "2026-03-01"),
                                  CaseStatus::kConfirmed, "有车", "2026-03-02"),
                          "2026-03-20", 1000),
                  INT64_MAX, "2026-04-01"),
        9000000000000000000, "2026-04-02"));
    StatusOr<CampaignReport> r = BuildCampaignReport(cases, TestRules(), o);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("追回金额"), std::string::npos)
        << r.status().message();
    EXPECT_NE(r.status().message().find("溢出"), std::string::npos)
        << r.status().message();
  }
  // One each on two cases of different townships: the county's total is
  // the sum that overflows.
  {
    std::vector<ReviewCase> cases = Cases();
    cases.push_back(
        Recovered(Stopped(Decided(Flag("C9", "VEHICLE", "case", "Z0", "东镇",
                                       "甲村", 1, "2026-03-01"),
                                  CaseStatus::kConfirmed, "有车", "2026-03-02"),
                          "2026-03-20", 1000),
                  INT64_MAX - 1, "2026-04-01"));
    cases.push_back(
        Recovered(Stopped(Decided(Flag("C8", "VEHICLE", "case", "Y0", "西镇",
                                       "丙村", 1, "2026-03-01"),
                                  CaseStatus::kConfirmed, "有车", "2026-03-02"),
                          "2026-03-20", 1000),
                  9000000000000000000, "2026-04-01"));
    StatusOr<CampaignReport> r = BuildCampaignReport(cases, TestRules(), o);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("追回金额"), std::string::npos)
        << r.status().message();
  }
  // A report whose figures were wrapped to a negative total: refused by
  // the check, nothing written.
  TempDir dir;
  CampaignReport r = Build();
  for (PlaceFigures* p : {&r.total, &r.townships[0], &r.villages[1]})
    p->recovered_fen = -213372036854774674;
  Status s = CheckCampaignReport(r);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("追回金额"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("负数"), std::string::npos) << s.message();
  EXPECT_FALSE(WriteCampaignReportCsv(r, dir.path()).ok());
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

// Every formula prefix, ASCII and full-width, in the names, townships and
// villages of the report: text in the CSVs, and never a formula cell (<f>)
// in the workbook.
TEST(CampaignReportTest, NoLiveFormulaInAnyFileForEveryPrefix) {
  const std::vector<std::string> hostile = {"=HYPERLINK(\"http://x\",\"点此\")",
                                            "+1+1",
                                            "-1+1",
                                            "@SUM(A1)",
                                            "\t=1+1",
                                            "\r=1+1",
                                            "＝1+1",
                                            "＋1+1",
                                            "－1+1",
                                            "＠SUM(A1)"};
  std::vector<ReviewCase> cases;
  for (size_t i = 0; i < hostile.size(); ++i) {
    ReviewCase c = Decided(
        Flag("H" + std::to_string(i), "DECEASED", "member",
             "X" + std::to_string(i), hostile[i], hostile[i], 2, "2026-03-01"),
        CaseStatus::kConfirmed, "死亡", "2026-03-05");
    c.name = hostile[i];
    cases.push_back(c);
  }
  ReportOptions o{"公式", Date::FromYmd(2026, 3, 1),
                  Date::FromYmd(2026, 5, 31)};
  StatusOr<CampaignReport> r = BuildCampaignReport(cases, TestRules(), o);
  ASSERT_TRUE(r.ok()) << r.status().message();
  TempDir dir;
  ASSERT_TRUE(WriteCampaignReportCsv(*r, dir.path()).ok());
  auto rows = ParseCsv(ReadFile(dir.path() + "/案件明细.csv").substr(3));
  size_t seen = 0;
  for (const auto& row : rows) {
    for (const std::string& field : row) {
      EXPECT_FALSE(LooksLikeFormula(field)) << field;
      for (const std::string& h : hostile) seen += field == "'" + h;
    }
  }
  EXPECT_GE(seen, 3 * hostile.size());  // township, village, name
  std::string path = dir.path() + "/r.xlsx";
  ASSERT_TRUE(WriteCampaignReportXlsx(*r, path).ok());
  std::map<std::string, std::string> zip = Unzip(ReadFile(path));
  int sheets = 0;
  for (const auto& [name, xml] : zip) {
    if (name.rfind("xl/worksheets/", 0) != 0) continue;
    ++sheets;
    EXPECT_EQ(xml.find("<f>"), std::string::npos) << name;
    EXPECT_EQ(xml.find("<f "), std::string::npos) << name;
  }
  EXPECT_EQ(sheets, 5);
  // The values are there, as shared strings (text), whole.
  std::vector<std::string> ss = SharedStrings(zip["xl/sharedStrings.xml"]);
  for (const std::string& h : {hostile[0], hostile[6]})
    EXPECT_NE(std::find(ss.begin(), ss.end(), h), ss.end()) << h;
}

}  // namespace
}  // namespace hedui
