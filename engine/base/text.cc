#include "engine/base/text.h"

#include <fmt/format.h>

#include <cstdio>

namespace hedui {

std::string_view TrimBlank(std::string_view s) {
  for (;;) {
    if (s.empty()) return s;
    unsigned char c = static_cast<unsigned char>(s.front());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      s.remove_prefix(1);
    } else if (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") {
      s.remove_prefix(3);
    } else if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") {
      s.remove_prefix(2);
    } else {
      break;
    }
  }
  for (;;) {
    if (s.empty()) return s;
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      s.remove_suffix(1);
    } else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
    } else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

std::string FoldFullWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size()) {
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
      // U+FF01..FF3F = EF BC 81..BF, U+FF40..FF5E = EF BD 80..9E.
      if (c1 == 0xBC && c2 >= 0x81 && c2 <= 0xBF) {
        out.push_back(static_cast<char>(0x21 + (c2 - 0x81)));
        i += 3;
        continue;
      }
      if (c1 == 0xBD && c2 >= 0x80 && c2 <= 0x9E) {
        out.push_back(static_cast<char>(0x60 + (c2 - 0x80)));
        i += 3;
        continue;
      }
    } else if (c == 0xE3 && i + 2 < s.size() && s[i + 1] == '\x80' &&
               s[i + 2] == '\x80') {
      out.push_back(' ');
      i += 3;
      continue;
    }
    out.push_back(static_cast<char>(c));
    ++i;
  }
  return out;
}

bool IsValidCivilDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  int limit = kDays[month - 1];
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) limit = 29;
  return day <= limit;
}

// Howard Hinnant's days_from_civil / civil_from_days.
Date Date::FromYmd(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return Date{era * 146097 + static_cast<int>(doe) - 719468};
}

namespace {
void CivilFromDays(int32_t z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yy + (*m <= 2);
}
}  // namespace

int Date::yyyymmdd() const {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  return y * 10000 + m * 100 + d;
}
int Date::year() const { return yyyymmdd() / 10000; }
int Date::month() const { return yyyymmdd() / 100 % 100; }

void Date::WriteTo(char* out) const {
  int v = yyyymmdd();
  int y = v / 10000, m = v / 100 % 100, d = v % 100;
  out[0] = static_cast<char>('0' + y / 1000 % 10);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + d / 10);
  out[9] = static_cast<char>('0' + d % 10);
}

std::string Date::ToString() const {
  std::string s(10, '0');
  WriteTo(s.data());
  return s;
}

bool ParseDate(std::string_view raw, Date* date) {
  raw = TrimBlank(raw);
  // Folding allocates; most dates have no full-width digits to fold.
  std::string folded;
  std::string_view s = raw;
  if (raw.find('\xEF') != std::string_view::npos) {
    folded = FoldFullWidth(raw);
    s = folded;
  }
  // Collect up to three digit groups; anything between them is a separator.
  int groups[3] = {0, 0, 0};
  int lengths[3] = {0, 0, 0};
  int g = 0;
  size_t i = 0;
  while (i < s.size() && g < 3) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= '0' && c <= '9') {
      int len = 0;
      int v = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (len < 9) v = v * 10 + (s[i] - '0');
        ++len;
        ++i;
      }
      groups[g] = v;
      lengths[g] = len;
      ++g;
      continue;
    }
    if (g == 0) return false;  // must start with a digit
    // Allowed separators: - / . 年 月 日 (UTF-8 of 年 E5 B9 B4, 月 E6 9C 88).
    if (c == '-' || c == '/' || c == '.') {
      ++i;
    } else if (s.substr(i, 3) == "年" || s.substr(i, 3) == "月") {
      i += 3;
    } else {
      break;
    }
  }
  // What follows the date may be 日 and/or a time; nothing else.
  std::string_view rest = s.substr(i);
  if (rest.substr(0, 3) == "日") rest.remove_prefix(3);
  if (!rest.empty() && rest.front() != ' ' && rest.front() != 'T') return false;
  int y, m, d;
  if (g == 1 && lengths[0] == 8) {
    y = groups[0] / 10000;
    m = groups[0] / 100 % 100;
    d = groups[0] % 100;
  } else if (g == 3 && lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2) {
    y = groups[0];
    m = groups[1];
    d = groups[2];
  } else {
    return false;
  }
  if (y < 1880 || y > 2200 || !IsValidCivilDate(y, m, d)) return false;
  *date = Date::FromYmd(y, m, d);
  return true;
}

bool ParseAmountFen(std::string_view raw, int64_t scale, int64_t* fen) {
  if (scale < 1) return false;
  std::string folded = FoldFullWidth(TrimBlank(raw));
  std::string_view s = folded;
  // Every product below is checked (issue 14): a mapping's unit is any
  // positive integer, and an amount that wrapped would be accepted as a
  // different, plausible number. One that does not fit is rejected, and
  // ingest quarantines its row as bad_amount.
  if (s.size() >= 6 && s.substr(s.size() - 6) == "万元") {
    if (__builtin_mul_overflow(scale, 10000, &scale)) return false;
    s.remove_suffix(6);
  } else if (s.size() >= 3 && s.substr(s.size() - 3) == "元") {
    s.remove_suffix(3);
  } else if (s.size() >= 3 && s.substr(s.size() - 3) == "万") {
    if (__builtin_mul_overflow(scale, 10000, &scale)) return false;
    s.remove_suffix(3);
  }
  s = TrimBlank(s);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  // Integer and fraction digits kept exactly: value = mantissa / 10^decimals.
  __int128 mantissa = 0;
  int decimals = 0;
  bool seen_point = false;
  int digits = 0;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      mantissa = mantissa * 10 + (c - '0');
      if (seen_point) ++decimals;
      if (++digits > 30) return false;
      ++i;
    } else if (c == ',' || c == ' ' || c == '\'') {
      if (seen_point) return false;
      ++i;
    } else if (s.substr(i, 3) == "，") {
      if (seen_point) return false;
      i += 3;
    } else if (c == '.' || s.substr(i, 3) == "、" || s.substr(i, 3) == "．") {
      if (seen_point) return false;
      seen_point = true;
      i += (c == '.') ? 1 : 3;
    } else {
      return false;
    }
  }
  if (digits == 0) return false;
  // fen = mantissa * scale * 100 / 10^decimals, which must be whole. The
  // mantissa has at most 30 digits (< 2^100) and cannot overflow; its
  // product with the scale can.
  __int128 numerator;
  if (__builtin_mul_overflow(mantissa, static_cast<__int128>(scale),
                             &numerator) ||
      __builtin_mul_overflow(numerator, static_cast<__int128>(100), &numerator))
    return false;
  __int128 divisor = 1;
  for (int k = 0; k < decimals; ++k) divisor *= 10;
  if (numerator % divisor != 0) {
    // Round half away from zero: 0.005 元 is beyond what anyone is paid.
    __int128 q = numerator / divisor;
    __int128 r = numerator % divisor;
    if (r * 2 >= divisor) ++q;
    numerator = q;
  } else {
    numerator /= divisor;
  }
  if (numerator > static_cast<__int128>(INT64_MAX)) return false;
  *fen = static_cast<int64_t>(negative ? -numerator : numerator);
  return true;
}

Status ParseEnteredYuan(std::string_view raw, int64_t* fen) {
  // The value is echoed in the message; a pasted page of text is not.
  std::string shown(raw.substr(0, 40));
  auto refuse = [&](std::string_view zh, std::string_view en) {
    return Status::InvalidArgument(
        fmt::format("金额 '{}' {} / the amount '{}' {}", shown, zh, shown, en));
  };
  std::string folded = FoldFullWidth(TrimBlank(raw));
  std::string_view s = folded;
  if (s.size() >= 3 && s.substr(s.size() - 3) == "元") {
    s.remove_suffix(3);
    s = TrimBlank(s);
  }
  if (!s.empty() && (s.front() == '-' || s.front() == '+'))
    return refuse("不能带正负号", "must not have a sign");
  int64_t value = 0;  // in 元, then in fen
  int whole_digits = 0, decimals = 0;
  int64_t cents = 0;
  bool seen_point = false;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      if (seen_point) {
        if (++decimals > 2)
          return refuse("超过两位小数（以分为最小单位，不作四舍五入）",
                        "has more than two decimals (the smallest unit is the "
                        "fen; it is not rounded)");
        cents = cents * 10 + (c - '0');
      } else {
        ++whole_digits;
        if (__builtin_mul_overflow(value, int64_t{10}, &value) ||
            __builtin_add_overflow(value, int64_t{c - '0'}, &value))
          return refuse("过大", "is too large");
      }
      ++i;
    } else if (!seen_point && whole_digits > 0 && c == ',') {
      ++i;
    } else if (!seen_point && whole_digits > 0 && s.substr(i, 3) == "，") {
      i += 3;
    } else if (!seen_point && c == '.') {
      seen_point = true;
      ++i;
    } else {
      return refuse("不是金额（元，如 1234.50）",
                    "is not an amount in 元 (e.g. 1234.50)");
    }
  }
  if (whole_digits == 0 && decimals == 0)
    return refuse("不是金额（元，如 1234.50）",
                  "is not an amount in 元 (e.g. 1234.50)");
  if (decimals == 1) cents *= 10;
  if (__builtin_mul_overflow(value, int64_t{100}, &value) ||
      __builtin_add_overflow(value, cents, &value))
    return refuse("过大", "is too large");
  *fen = value;
  return Status::OK();
}

size_t WriteFen(int64_t fen, char* out) {
  bool negative = fen < 0;
  uint64_t v =
      negative ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  char digits[24];
  size_t n = 0;
  uint64_t yuan = v / 100;
  do {
    digits[n++] = static_cast<char>('0' + yuan % 10);
    yuan /= 10;
  } while (yuan > 0);
  size_t k = 0;
  if (negative) out[k++] = '-';
  while (n > 0) out[k++] = digits[--n];
  out[k++] = '.';
  out[k++] = static_cast<char>('0' + v % 100 / 10);
  out[k++] = static_cast<char>('0' + v % 10);
  return k;
}

std::string FormatFen(int64_t fen) {
  char buf[32];
  return std::string(buf, WriteFen(fen, buf));
}

}  // namespace hedui
