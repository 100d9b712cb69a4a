// A campaign report (专项整治, DOMAIN.md §5, seeds/003_e17af244c26142d9.txt):
// what the reviewers did with the flags over a period, per village, per
// township and for the county, per removal reason and per ground, with the
// cases behind every figure. Built from the review cases the user may read
// (CaseStore::AllCases), checked for arithmetic before any file is written,
// and written as XLSX, CSV and a self-contained HTML page.
//
// Definitions (the report's 说明 section prints the same):
//
//  * Period: [from, to], both days included. "In the period" compares the
//    YYYY-MM-DD text of a date with from and to.
//  * Decided in the period: status confirmed, cleared or stopped, with
//    decided_on in the period. A case decided later, or reopened, is not.
//  * Household: one case_id. Its persons H = the largest household_size of
//    its flags, at least the number of distinct id_numbers among its flags,
//    at least 1. A household's township and village are those of its first
//    flag by flag_id.
//  * Reviewed (复核): the households with a flag decided in the period.
//    Persons reviewed: H for a household with a case-scope flag decided in
//    the period, else the distinct id_numbers of its member-scope flags
//    decided in the period.
//  * Removed (清退): decided in the period with status confirmed or stopped.
//    A household is removed when a case-scope flag of it is removed; its
//    persons are then H. Otherwise each distinct id_number with a removed
//    member-scope flag is one person removed (no household).
//  * Reason (清退原因): each removed household counts under the outcome of
//    its earliest removing case-scope decision (by decided_on, ties by
//    flag_id). Each removed person counts under the outcome of the earliest
//    removing decision that covers them (a member-scope flag on their
//    id_number, or a case-scope flag of their household); the persons of a
//    removed household with no member-scope flag of their own take the
//    household's reason. So the reasons add up to the removed totals.
//    Reasons are listed in the order of Rules::confirmed_outcomes, then any
//    other outcome met, sorted; the written tables show those with a
//    removal in the county.
//  * Percent: removed persons ÷ reviewed persons × 100, rounded half up to
//    two decimals, kept as hundredths of a percent (925 = 9.25%); per reason
//    the same with the reason's persons. Each percent is computed from its
//    own counts, so the reasons' percents may not add up to the total's in
//    the last digit (the seed's 9.21% against 9.25%); the counts always do.
//  * Standards raised (标准调整): every entry of Rules::standards whose
//    `from` is in the period, with the zone's entry before it (old → new;
//    old 0 when it is the zone's first).
//  * New cases (新增): flags whose first_seen is in the period; counted as
//    flags and as distinct households, and per ground in the grounds table.
//  * Stopped (停发): households with a flag of status stopped and stopped_on
//    in the period; the monthly payment stopped is, per household, the
//    largest monthly_stopped_fen of those flags (a payment stops once; a
//    member's share is part of it).
//  * Recovered (追回): every MoneyRecovered entry dated in the period, of
//    any case.
//  * Grounds (按依据, the NFI's view): the flags first seen on or before
//    `to`, per rule: confirmed (confirmed or stopped, decided on or before
//    `to`), cleared (cleared, decided on or before `to`), of which cleared as
//    数据错误, open (not decided by `to`), gone (数据已消失); flags =
//    confirmed + cleared + open + gone. Shares are of the decided
//    (confirmed + cleared), in hundredths of a percent. A ground with more
//    than half of its decided flags cleared as 数据错误 is marked 待改进数据.
//  * Cases (案件明细): every flag that counts in a figure above, with what it
//    counts in.
#ifndef HEDUI_CAMPAIGN_REPORT_H_
#define HEDUI_CAMPAIGN_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "hedui/date.h"
#include "hedui/review_case.h"
#include "hedui/rules.h"
#include "hedui/status.h"

namespace hedui {

struct ReportOptions {
  // Printed at the top, before the period: the campaign's name, or empty
  // for "低保核查报告".
  std::string title;
  Date from, to;  // inclusive; from <= to
};

// The outcome a cleared flag carries when the department's data was wrong.
inline constexpr char kDataErrorOutcome[] = "数据错误";

// Removed under one reason, in one place.
struct ReasonFigures {
  int64_t households = 0, persons = 0;
  int64_t percent = 0;  // persons ÷ the place's reviewed persons, 1/100 %
};

// The figures of one village, one township (village empty) or the county
// (both empty).
struct PlaceFigures {
  std::string township, village;
  int64_t reviewed_households = 0, reviewed_persons = 0;
  int64_t removed_households = 0, removed_persons = 0;
  int64_t removed_percent = 0;  // 1/100 %
  // Aligned with CampaignReport::reasons.
  std::vector<ReasonFigures> by_reason;
  int64_t new_flags = 0, new_households = 0;
  int64_t stopped_households = 0, monthly_stopped_fen = 0;
  int64_t recovered_entries = 0, recovered_fen = 0;
};

struct StandardRaised {
  std::string zone;
  Date from;
  int64_t old_monthly_fen = 0, new_monthly_fen = 0;
  int64_t old_yearly_fen = 0, new_yearly_fen = 0;  // 0 when given monthly
};

// One rule (ground), county-wide.
struct GroundFigures {
  std::string rule;
  int64_t new_flags = 0;  // first seen in the period
  int64_t flags = 0, confirmed = 0, cleared = 0, cleared_data_error = 0;
  int64_t open = 0, gone = 0;
  int64_t confirmed_share = 0, cleared_share = 0, data_error_share = 0;
  bool to_fix = false;  // data_error_share above 50%
};

// One flag behind the figures, and what it counts in.
struct ReportCase {
  std::string township, village, case_id, flag_id, rule, name, id_number;
  std::string scope, status, outcome, decided_on, first_seen, stopped_on;
  int household_size = 0;
  int64_t monthly_stopped_fen = 0;
  int64_t recovered_fen = 0;  // entries dated in the period
  // 复核, 清退, 新增, 停发, 追回, joined by "、".
  std::string counts_in;
};

struct CampaignReport {
  std::string title;
  Date from, to;
  std::string generated_at;  // UTC
  std::vector<std::string> reasons;
  PlaceFigures total;
  std::vector<PlaceFigures> townships;  // sorted by name
  std::vector<PlaceFigures> villages;   // sorted by township, village
  std::vector<StandardRaised> standards_raised;
  std::vector<GroundFigures> grounds;  // sorted by rule
  int64_t total_flags = 0;             // flags first seen on or before `to`
  std::vector<ReportCase> cases;   // sorted by township, village, case, flag
  std::vector<std::string> notes;  // 说明: the definitions above
};

// InvalidArgument when from > to.
[[nodiscard]] StatusOr<CampaignReport> BuildCampaignReport(
    const std::vector<ReviewCase>& cases, const Rules& rules,
    const ReportOptions& options);

// Every total equals the sum of its parts: villages → their township,
// townships → the county, reasons → removed, grounds → total_flags and
// each ground's columns → its flags; every percent and share recomputed
// from its counts. Corruption naming the first figure that does not add up.
[[nodiscard]] Status CheckCampaignReport(const CampaignReport& report);

// The headline figures in one paragraph, the way the seed's summary writes
// them (本期共复核 …户、…人, 清退 …, 其中 …): the page's lead and what
// `hedui report` prints.
std::string CampaignReportHeadline(const CampaignReport& report);

// The writers check the report first and write nothing when it does not add
// up. Files are written whole (or not at all) with mode 0600.
//
// One workbook: sheets 总计, 乡镇, 村, 按依据, 案件明细; money in 元 as numbers
// with two decimals, percents as numbers with two decimals, header rows
// frozen.
[[nodiscard]] Status WriteCampaignReportXlsx(const CampaignReport& report,
                                             const std::string& path);
// Into the existing directory `dir`: 总计.csv, 乡镇.csv, 村.csv, 按依据.csv,
// 案件明细.csv, UTF-8 with a BOM; a text beginning with = + - @ (or a tab
// or carriage return) is prefixed with ' so a spreadsheet does not run it.
[[nodiscard]] Status WriteCampaignReportCsv(const CampaignReport& report,
                                            const std::string& dir);
// One page with nothing from the network: inline CSS (print-friendly) and
// inline SVG bar charts; every value HTML-escaped.
[[nodiscard]] Status WriteCampaignReportHtml(const CampaignReport& report,
                                             const std::string& path);

}  // namespace hedui

#endif  // HEDUI_CAMPAIGN_REPORT_H_
