#include "matchers/case_money.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <climits>

namespace hedui {

void SetGroup(std::string_view rule, std::vector<std::string> cases,
              std::string_view person, bool counts_in_total, Flag* flag) {
  std::sort(cases.begin(), cases.end());
  cases.erase(std::unique(cases.begin(), cases.end()), cases.end());
  // Unit separators keep "A","BC" apart from "AB","C".
  std::string key(rule);
  for (const std::string& c : cases) key += "\x1f" + c;
  key += "\x1e";
  key += person;
  flag->group_id = fmt::format("G{:016x}", XXH64(key.data(), key.size(), 0));
  flag->group_cases = std::move(cases);
  flag->counts_in_total = counts_in_total;
}

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

std::optional<int> FieldMonth(std::string_view value) {
  // Stored as YYYY-MM.
  if (value.size() != 7 || value[4] != '-') return std::nullopt;
  int y = 0, m = 0;
  for (int i = 0; i < 4; ++i) {
    if (value[i] < '0' || value[i] > '9') return std::nullopt;
    y = y * 10 + (value[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (value[i] < '0' || value[i] > '9') return std::nullopt;
    m = m * 10 + (value[i] - '0');
  }
  if (m < 1 || m > 12) return std::nullopt;
  return y * 12 + m - 1;
}

Date MonthStart(int month_index) {
  return Date::FromYmd(month_index / 12, month_index % 12 + 1, 1);
}

std::string MonthName(int month_index) {
  return fmt::format("{:04d}-{:02d}", month_index / 12, month_index % 12 + 1);
}

int FirstAffectedMonth(const Household& household, Date since) {
  int first = since.month_index() + 1;
  if (household.has_enrolled_on &&
      household.enrolled_on.month_index() > first) {
    first = household.enrolled_on.month_index();
  }
  return first;
}

void SetCaseMoney(const Household& household, int first_month, Date as_of,
                  Flag* flag) {
  flag->amount_fen = 0;
  flag->months.clear();
  for (int m = first_month; m <= as_of.month_index(); ++m) {
    flag->amount_fen += household.monthly_fen;
    flag->months.push_back(
        {m, household.monthly_fen, "the case's monthly amount"});
  }
}

void SetShareMoney(const Household& household, int first_month, Date as_of,
                   Flag* flag) {
  const size_t n = household.members.size();
  const int64_t share = household.monthly_fen / static_cast<int64_t>(n);
  flag->amount_fen = 0;
  flag->months.clear();
  for (int m = first_month; m <= as_of.month_index(); ++m) {
    flag->amount_fen += share;
    flag->months.push_back({m, share,
                            fmt::format("share {} ÷ {} members",
                                        FormatFen(household.monthly_fen), n)});
  }
}

std::string KinPathWords(std::string_view path) {
  constexpr std::string_view kNoLink = " has no kin link to hukou ";
  if (path.starts_with("hukou ")) {
    size_t cut = path.find(kNoLink);
    if (cut != std::string_view::npos) {
      return fmt::format("户号 {} 与户号 {} 无亲属关系",
                         path.substr(6, cut - 6),
                         path.substr(cut + kNoLink.size()));
    }
  }
  constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {"(together)", "（同住）"}, {"self", "本人"},
      {"hukou", "同户"},          {"spouse", "配偶"},
      {"parent", "父母子女"},     {"sibling", "兄弟姐妹"},
      {"account", "共用账户"},    {"phone", "共用电话"}};
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    bool matched = false;
    for (const auto& [word, chinese] : kWords) {
      if (path.substr(i).starts_with(word)) {
        out += chinese;
        i += word.size();
        matched = true;
        break;
      }
    }
    if (!matched) out += path[i++];
  }
  return out;
}

std::string JsonCodes(const std::vector<std::string>& codes) {
  std::string list;
  for (const std::string& c : codes)
    list += (list.empty() ? "\"" : ",\"") + c + "\"";
  return "[" + list + "]";
}

void SetDepartureMoney(const Household& household,
                       const std::vector<std::optional<Date>>& gone, Date as_of,
                       std::vector<Flag>* flags, size_t* last_out,
                       bool* everyone_out) {
  const size_t n = household.members.size();
  size_t last = n;
  bool everyone_gone = n > 0;
  for (size_t i = 0; i < n; ++i) {
    if (!gone[i]) {
      everyone_gone = false;
      continue;
    }
    if (last == n || *gone[i] > *gone[last])
      last = i;  // members are sorted by ID
  }
  const int as_of_month = as_of.month_index();
  const int64_t share = n ? household.monthly_fen / static_cast<int64_t>(n) : 0;
  const int last_gone_from =
      everyone_gone && last < n ? gone[last]->month_index() + 1 : INT32_MAX;
  for (size_t i = 0; i < n; ++i) {
    if (!gone[i]) continue;
    Flag& flag = (*flags)[i];
    flag.amount_fen = 0;
    flag.months.clear();
    for (int m = FirstAffectedMonth(household, *gone[i]); m <= as_of_month;
         ++m) {
      if (m < last_gone_from) {
        flag.amount_fen += share;
        flag.months.push_back(
            {m, share,
             fmt::format("share {} ÷ {} members",
                         FormatFen(household.monthly_fen), n)});
      } else if (i == last) {
        flag.amount_fen += household.monthly_fen;
        flag.months.push_back(
            {m, household.monthly_fen, "whole case: no member left"});
      }
    }
  }
  // Confirming the last departure closes the case: its whole payment stops.
  if (everyone_gone && last < n)
    (*flags)[last].monthly_at_stake_fen = household.monthly_fen;
  *last_out = last;
  *everyone_out = everyone_gone;
}

}  // namespace hedui
