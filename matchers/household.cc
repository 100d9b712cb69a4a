#include "matchers/household.h"

namespace hedui {

std::optional<Date> FieldDate(std::string_view value) {
  Date d;
  if (value.empty() || !ParseDate(value, &d)) return std::nullopt;
  return d;
}

int64_t FieldFen(std::string_view value) {
  int64_t fen = 0;
  if (!ParseAmountFen(value, 1, &fen)) return 0;
  return fen;
}

int FirstAffectedMonth(const Household& household, Date since) {
  int first = since.month_index() + 1;
  if (household.has_enrolled_on && household.enrolled_on.month_index() > first) {
    first = household.enrolled_on.month_index();
  }
  return first;
}

int64_t CaseAmountSince(const Household& household, Date since, Date as_of) {
  int months = as_of.month_index() - FirstAffectedMonth(household, since) + 1;
  return months > 0 ? household.monthly_fen * months : 0;
}

}  // namespace hedui
