// Money and dates over a household, shared by the matchers.
#ifndef HEDUI_MATCHERS_HOUSEHOLD_H_
#define HEDUI_MATCHERS_HOUSEHOLD_H_

#include <optional>
#include <string_view>

#include "matchers/matcher.h"

namespace hedui {

// A stored date field, or nothing when it is empty.
std::optional<Date> FieldDate(std::string_view value);
int64_t FieldFen(std::string_view value);

// The first month a condition that began on `since` affects payments: the
// month after it, but never before the case was enrolled.
int FirstAffectedMonth(const Household& household, Date since);

// What the whole case was paid for months from the month after `since`
// through the as-of month: monthly amount × months.
int64_t CaseAmountSince(const Household& household, Date since, Date as_of);

}  // namespace hedui

#endif  // HEDUI_MATCHERS_HOUSEHOLD_H_
