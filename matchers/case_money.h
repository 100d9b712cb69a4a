// Money and dates over a household, shared by the matchers. The semantics
// are those of configs/rules/README.md ("What each ground means").
#ifndef HEDUI_MATCHERS_CASE_MONEY_H_
#define HEDUI_MATCHERS_CASE_MONEY_H_

#include <optional>
#include <string_view>

#include "engine/base/text.h"
#include "hedui/matcher.h"

namespace hedui {

// A stored date field, or nothing when it is empty.
std::optional<Date> FieldDate(std::string_view value);
int64_t FieldFen(std::string_view value);
// A stored YYYY-MM field as a month index, or nothing.
std::optional<int> FieldMonth(std::string_view value);

// The first day of a month index; "2025-07" for a month index.
Date MonthStart(int month_index);
std::string MonthName(int month_index);

// The first month a condition that began on `since` affects payments: the
// month after it, but never before the case was enrolled.
int FirstAffectedMonth(const Household& household, Date since);

// The same, month by month, into flag->months and flag->amount_fen.
void SetCaseMoney(const Household& household, int first_month, Date as_of,
                  Flag* flag);

// A member's share (monthly amount ÷ members, rounded down to the fen) for
// every month from `first_month` through the as-of month, into
// flag->months and flag->amount_fen.
void SetShareMoney(const Household& household, int first_month, Date as_of,
                   Flag* flag);

// Makes `flag` one of a group of cases (Flag::group_id): the group's
// `cases` (sorted and deduplicated here), the same group_id for every flag of
// the group ("G" + XXH64 of the rule, the sorted case IDs and `person`, the
// ID number for a group of one person, else empty) and whether its amount
// adds to the totals.
void SetGroup(std::string_view rule, std::vector<std::string> cases,
              std::string_view person, bool counts_in_total, Flag* flag);

// A list of codes as a JSON array of strings, for a flag's params: the codes
// are canonical (ASCII identifiers), so nothing needs escaping.
std::string JsonCodes(const std::vector<std::string>& codes);

// A family tie's chain (engine/linkage: "spouse", "parent(together) →
// sibling", "hukou X has no kin link to hukou Y", "self") in the words an
// officer reads: 配偶, 父母子女（同住）→ 兄弟姐妹, 户号 X 与户号 Y 无亲属关系,
// 本人. A word it does not know stays as it is.
std::string KinPathWords(std::string_view path);

// Members who left the case (died, moved): `gone[i]` is the date member i
// left, if they did. While others remain a gone member's share (monthly
// amount ÷ members, rounded down to the fen) is at stake; once nobody is
// left the whole monthly amount is, put on the member who left last (ties:
// the smaller ID). Fills amount_fen and months of flags[i] for gone members,
// and the monthly_at_stake of the last one's flag when nobody is left (the
// others' is their share, set by Matcher::Evaluate).
void SetDepartureMoney(const Household& household,
                       const std::vector<std::optional<Date>>& gone, Date as_of,
                       std::vector<Flag>* flags, size_t* last,
                       bool* everyone_gone);

}  // namespace hedui

#endif  // HEDUI_MATCHERS_CASE_MONEY_H_
