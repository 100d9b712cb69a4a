// The 告知书: the printable notice a confirmed case sends the household —
// addressed to a living adult of the household (the head, the applicant),
// naming the member concerned; what was found, in plain Chinese; the
// evidence it rests on, in Chinese words, with no third person's ID; the
// money and the months it covers; the decision, and the household's rights
// (陈述申辩, 申请复核, 行政复议, 行政诉讼) with the period counted from
// delivery (DOMAIN.md §5). The county's office, contact, seal line and the
// bodies and periods of the rights come from a template file the county
// copies (configs/notice/README.md).
#ifndef HEDUI_ENGINE_CASES_NOTICE_H_
#define HEDUI_ENGINE_CASES_NOTICE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hedui/case_model.h"
#include "hedui/date.h"
#include "hedui/review_case.h"
#include "hedui/status.h"

namespace hedui {

// What the county adjusts. Empty texts take the defaults named here, each
// prefixed with the county's name.
struct NoticeTemplate {
  std::string office = "民政局";  // the office that decides: 某某县民政局
  std::string address;            // empty: a line to fill in by hand
  std::string phone;              // empty: a line to fill in by hand
  std::string seal;               // the seal line; empty: county + office
  // Where to state one's case (陈述、申辩) or ask for a re-check (复核)
  // within the notice period; empty: county + office.
  std::string statement_to;
  // 行政复议: the body and the period (《行政复议法》: 60 days from knowing
  // of the decision); empty body: county + 人民政府.
  std::string reconsideration_to;
  int reconsideration_days = 60;
  // 行政诉讼 (《行政诉讼法》第46条: 6 months); empty court: county + 人民法院.
  std::string court;
  int litigation_months = 6;
  // The department behind each feed's data, by feed name ("population" →
  // "公安局"); a feed not listed takes the default (DefaultDepartment).
  std::map<std::string, std::string> departments;
};

// Reads a template file ([notice] keys, configs/notice/README.md) over the
// defaults in `t`. A file that does not exist leaves `t` as it is; an
// unknown key, a wrong type or a period out of range is an error naming the
// file and the key.
[[nodiscard]] Status LoadNoticeTemplate(const std::string& path,
                                        NoticeTemplate* t);

// 公安局, 税务局 …: the department that sends a feed, without the county.
std::string_view DefaultDepartment(std::string_view feed);

struct NoticeInfo {
  std::string county;     // 某某县
  std::string issued_on;  // YYYY-MM-DD
  int hearing_days = 0;   // the notice period ([cases] notice_days)
  // The day the notice was delivered (recorded, or `cases notice
  // --delivered-on`); empty while unknown. The period runs from the day
  // after: its last day is delivered_on + hearing_days.
  std::string delivered_on;
  // The household review file's number (〔2026〕410329-00017号); empty:
  // the roll's case number is shown instead. Never the flag's hash.
  std::string case_number;
  NoticeTemplate tmpl;
};

// What a case store adds to `info` (county, issued_on, hearing_days set):
// the template DATA/notice.toml if the county put one there, the delivery
// day (`delivered_on` if given, else the one recorded on the case) and the
// case number. A `delivered_on` that is not a date, or one before the
// decision, is refused.
[[nodiscard]] Status FillNoticeInfo(const std::string& data_dir,
                                    const ReviewCase& c,
                                    const std::string& delivered_on,
                                    const std::string& case_number,
                                    NoticeInfo* info);

// The plain-language sentence for a rule's ground ("经核查, 家庭成员已死亡
// …"), for the 14 grounds of matchers/; a general sentence for another.
std::string_view GroundSentence(std::string_view rule);

// Whether confirming the case stops the whole case's payment (停发): a
// case-scope ground, a household of one, or the member whose departure
// leaves nobody (the flag then puts the whole monthly amount at stake).
// Otherwise one member's share is taken off (减发).
bool StopsWholeCase(const ReviewCase& c);

// 4103**********1234: the first and last four characters of an ID, as
// notices posted or handed over mask it.
std::string MaskIdNumber(std::string_view id);

// The last day of the notice period: `delivered_on` + `days` (the delivery
// day not counted); empty when `delivered_on` is not a date.
std::string NoticeLastDay(std::string_view delivered_on, int days);

// The living adult the letter goes to, chosen when the run is recorded
// (record_run.cc) from what the run knows of the household.
struct NoticeAddressee {
  std::string head_name;  // the roll's head (户主), living or not
  std::string name;       // empty: nobody living and adult on the roll
  std::string relation;   // the addressee's relation code (head, spouse …)
};

// The head when living; else the next living adult member by relation
// (spouse, child, child-in-law, parent, grandchild, sibling, grandparent,
// other kin, others), the elder first. Dead: a death record or a register
// status 死亡 dated on or before `as_of`. A member who moved out or is
// imprisoned is taken only when nobody else is left. Adult: 18 or older on
// `as_of` by the birth date of their ID. The run's flags say it too, and
// are all an incremental run has of a case it did not check again (its
// members' records are not read): members with a DECEASED flag are dead,
// with a MOVED flag away.
NoticeAddressee ChooseAddressee(const Household& household, Date as_of,
                                const std::vector<Flag>& flags = {});

// A complete HTML5 page (A4 print CSS, no external resource). Every value
// from the case and `info` is HTML-escaped. Evidence shows only the fields
// the decision rests on, codes as Chinese words; no ID number but the
// member's own, masked; bank account numbers masked as MaskAccount.
std::string NoticeHtml(const ReviewCase& c, const NoticeInfo& info);

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_NOTICE_H_
