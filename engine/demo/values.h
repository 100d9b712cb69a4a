// How the departments write values in their exports: numbers (Chinese
// numerals too), dates and amounts in several styles, resident IDs as
// written (15 digits, lowercase x, full-width), JSON strings. Inline: the
// renderers call them for every field of millions of rows.
#ifndef HEDUI_ENGINE_DEMO_VALUES_H_
#define HEDUI_ENGINE_DEMO_VALUES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/id_number.h"
#include "engine/demo/world.h"

namespace hedui::demo::gen {

inline void AppendUInt(std::string* s, uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) s->push_back(buf[--n]);
}

inline void AppendPad(std::string* s, uint64_t v, int width) {
  char buf[24];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  s->append(buf, static_cast<size_t>(width));
}

// Chinese numerals up to 999, as people write house numbers: 十二, 三十五.
inline void AppendCnNumber(std::string* s, int v) {
  if (v >= 100) {
    s->append(kCnDigits[v / 100]);
    s->append("百");
    v %= 100;
    if (v == 0) return;
    if (v < 10) {
      s->append("零");
      s->append(kCnDigits[v]);
      return;
    }
  } else if (v >= 10 && v < 20) {
    s->append("十");
    if (v % 10) s->append(kCnDigits[v % 10]);
    return;
  }
  if (v >= 10) {
    s->append(kCnDigits[v / 10]);
    s->append("十");
    if (v % 10) s->append(kCnDigits[v % 10]);
    return;
  }
  s->append(kCnDigits[v]);
}

struct Ymd {
  int y, m, d;
};
inline Ymd ToYmd(int32_t days) {
  int v = Date{days}.yyyymmdd();
  return {v / 10000, v / 100 % 100, v % 100};
}

// 0: 2021-03-05, 1: 2021/3/5, 2: 20210305, 3: 2021年3月5日.
inline void AppendDate(std::string* s, int32_t days, int style) {
  Ymd t = ToYmd(days);
  switch (style) {
    case 0:
      AppendPad(s, t.y, 4);
      s->push_back('-');
      AppendPad(s, t.m, 2);
      s->push_back('-');
      AppendPad(s, t.d, 2);
      break;
    case 1:
      AppendUInt(s, t.y);
      s->push_back('/');
      AppendUInt(s, t.m);
      s->push_back('/');
      AppendUInt(s, t.d);
      break;
    case 2:
      AppendPad(s, t.y, 4);
      AppendPad(s, t.m, 2);
      AppendPad(s, t.d, 2);
      break;
    default:
      AppendUInt(s, t.y);
      s->append("年");
      AppendUInt(s, t.m);
      s->append("月");
      AppendUInt(s, t.d);
      s->append("日");
      break;
  }
}

// Amount in hundredths (fen, or centi-m²). style 0: "1280" / "1280.5",
// 1: "1,280.00" (quoted in CSV when it has a comma), 2: "1280.00",
// 3: "1280、00" (、 as the decimal point).
inline void AppendHundredths(std::string* s, int64_t v, int style,
                             bool csv_quote) {
  int64_t whole = v / 100, frac = v % 100;
  std::string num;
  if (style == 1 && whole >= 1000) {
    std::string digits;
    AppendUInt(&digits, static_cast<uint64_t>(whole));
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0) num.push_back(',');
      num.push_back(digits[i]);
    }
  } else {
    AppendUInt(&num, static_cast<uint64_t>(whole));
  }
  switch (style) {
    case 0:
      if (frac) {
        num.push_back('.');
        num.push_back(static_cast<char>('0' + frac / 10));
        if (frac % 10) num.push_back(static_cast<char>('0' + frac % 10));
      }
      break;
    case 3:
      num.append("、");
      AppendPad(&num, static_cast<uint64_t>(frac), 2);
      break;
    default:
      num.push_back('.');
      AppendPad(&num, static_cast<uint64_t>(frac), 2);
      break;
  }
  bool quote = csv_quote && num.find(',') != std::string::npos;
  if (quote) s->push_back('"');
  s->append(num);
  if (quote) s->push_back('"');
}

// The 18 characters of an ID from its 17-digit body, without allocating.
inline void IdChars(uint64_t body, char id[18]) {
  for (int i = 16; i >= 0; --i) {
    id[i] = static_cast<char>('0' + body % 10);
    body /= 10;
  }
  id[17] = IdCheckCharacter(std::string_view(id, 17));
}

inline std::string Id18(uint64_t body) {
  char id[18];
  IdChars(body, id);
  return std::string(id, 18);
}

inline char CheckChar(uint64_t body) {
  char id[18];
  IdChars(body, id);
  return id[17];
}

inline void AppendId(std::string* s, uint64_t body, uint8_t style) {
  char id[18];
  IdChars(body, id);
  switch (style) {
    case kIdOld15: {
      // region(6) + yymmdd(6) + sequence(3): the person's own old number.
      s->append(id, 6);
      s->append(id + 8, 9);
      return;
    }
    case kIdLowerX:
      if (id[17] == 'X') id[17] = 'x';
      s->append(id, 18);
      return;
    case kIdFullWidth:
      for (char c : std::string_view(id, 18)) {
        if (c == 'X') {
          s->append("\xEF\xBC\xB8");
        } else {
          s->append("\xEF\xBC");
          s->push_back(static_cast<char>(0x90 + (c - '0')));
        }
      }
      return;
    case kIdSpaced:
      s->append(id, 6);
      s->push_back(' ');
      s->append(id + 6, 8);
      s->push_back(' ');
      s->append(id + 14, 4);
      return;
    case kIdBadCheck: {
      static constexpr char kChecks[] = "0123456789X";
      const char* p = std::strchr(kChecks, id[17]);
      id[17] = kChecks[((p - kChecks) + 1 + static_cast<int>(body % 9)) % 11];
      s->append(id, 18);
      return;
    }
    default:
      s->append(id, 18);
      return;
  }
}

inline void AppendJsonString(std::string* s, SV v) {
  s->push_back('"');
  for (char c : v) {
    if (c == '"' || c == '\\') s->push_back('\\');
    s->push_back(c);
  }
  s->push_back('"');
}

// The month index (year * 12 + month - 1) of a day.
inline int MonthIndex(int32_t days) {
  Ymd t = ToYmd(days);
  return t.y * 12 + t.m - 1;
}

}  // namespace hedui::demo::gen

#endif  // HEDUI_ENGINE_DEMO_VALUES_H_
