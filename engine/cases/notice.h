// The 告知书: the printable notice a confirmed case sends the household —
// what was found, in plain words, the evidence, the money concerned, the
// decision, and their right to a hearing or to state their case within the
// notice period (DOMAIN.md §5).
#ifndef HEDUI_ENGINE_CASES_NOTICE_H_
#define HEDUI_ENGINE_CASES_NOTICE_H_

#include <string>
#include <string_view>

#include "hedui/review_case.h"

namespace hedui {

struct NoticeInfo {
  std::string county;     // 某某县
  std::string issued_on;  // YYYY-MM-DD
  int hearing_days = 0;   // the notice period ([cases] of the rules file)
  // The last day to ask for a hearing; empty: issued_on + hearing_days.
  std::string deadline;
  std::string office = "民政局";
  // Telephone and address of the office, as one line; empty: a blank line
  // to fill in by hand.
  std::string contact;
};

// The plain-language sentence for a rule's ground ("经核查, 家庭成员已死亡
// …"), for the 14 grounds of matchers/; a general sentence for another.
std::string_view GroundSentence(std::string_view rule);

// A complete HTML5 page (A4 print CSS, no external resource). Every value
// from the case and `info` is HTML-escaped. The household's own ID stays
// whole (it is their notice); bank account numbers in the evidence are
// masked as MaskAccount.
std::string NoticeHtml(const ReviewCase& c, const NoticeInfo& info);

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_NOTICE_H_
