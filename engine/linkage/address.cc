#include "engine/linkage/address.h"

#include <algorithm>
#include <initializer_list>

#include "engine/base/text.h"

namespace hedui {

namespace {

using U32 = std::u32string;
using U32View = std::u32string_view;

U32 DecodeUtf8(std::string_view s) {
  U32 out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80         ? 1
              : (c >> 5) == 6  ? 2
              : (c >> 4) == 14 ? 3
              : (c >> 3) == 30 ? 4
                               : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);  // a stray byte: keep a mark, do not stop
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string EncodeUtf8(U32View s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t cp : s) AppendUtf8(cp, &out);
  return out;
}

// The digit a numeral character stands for, or -1. 两 is 2 (两千, 两栋).
int CnDigit(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return c >= U'0' && c <= U'9' ? static_cast<int>(c - U'0') : -1;
  }
}

int CnMultiplier(char32_t c) {
  switch (c) {
    case U'十':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    default:
      return 0;
  }
}

bool IsCnNumeral(char32_t c) {
  return (CnDigit(c) >= 0 && !(c >= U'0' && c <= U'9')) || CnMultiplier(c) != 0;
}

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsAsciiUpper(char32_t c) { return c >= U'A' && c <= U'Z'; }

bool ParseCnNumber(U32View s, int64_t* value) {
  if (s.empty()) return false;
  bool positional = false;
  for (char32_t c : s) {
    if (CnMultiplier(c))
      positional = true;
    else if (CnDigit(c) < 0)
      return false;
  }
  if (!positional) {
    // 三零一: written digit by digit, as room numbers are read out.
    if (s.size() > 18) return false;
    int64_t v = 0;
    for (char32_t c : s) v = v * 10 + CnDigit(c);
    *value = v;
    return true;
  }
  int64_t total = 0;
  int64_t current = -1;  // -1: no digit since the last multiplier
  int last_multiplier = 10000;
  for (char32_t c : s) {
    if (int m = CnMultiplier(c)) {
      // Multipliers fall from left to right (一百二十); 十百 is no number.
      if (m >= last_multiplier) return false;
      total += (current < 0 ? 1 : current) * m;  // 十二: a leading 十 is 一十
      current = -1;
      last_multiplier = m;
    } else if (CnDigit(c) == 0) {
      current = -1;  // 一百零五: 零 only marks a skipped place
    } else {
      if (current >= 0) return false;  // 二三十
      current = CnDigit(c);
    }
  }
  if (current > 0) total += current;
  *value = total;
  return true;
}

bool StartsWith(U32View s, size_t pos, U32View prefix) {
  return s.size() >= pos + prefix.size() &&
         s.compare(pos, prefix.size(), prefix) == 0;
}

// The first of `markers` found at `pos`, longest first as listed; empty if
// none.
U32View MarkerAt(U32View s, size_t pos,
                 std::initializer_list<U32View> markers) {
  for (U32View m : markers) {
    if (StartsWith(s, pos, m)) return m;
  }
  return {};
}

// Markers after which a numeral counts something, longest first.
constexpr std::initializer_list<U32View> kCountMarkers = {
    U"单元", U"组", U"号", U"栋", U"幢", U"座", U"室", U"层",
    U"楼",   U"队", U"户", U"排", U"巷", U"弄", U"#"};

bool IsDroppedPunctuation(char32_t c) {
  switch (c) {
    case U' ':
    case U'\t':
    case U'\r':
    case U'\n':
    case 0xA0:
    case 0x3000:
    case U',':
    case U'，':
    case U'、':
    case U'。':
    case U';':
    case U'；':
    case U':':
    case U'：':
    case U'(':
    case U')':
    case U'（':
    case U'）':
    case U'【':
    case U'】':
    case U'[':
    case U']':
    case U'"':
    case U'\'':
    case U'“':
    case U'”':
    case U'‘':
    case U'’':
    case U'.':
    case U'·':
    case U'/':
    case U'\\':
    case U'|':
      return true;
    default:
      return false;
  }
}

bool IsDash(char32_t c) {
  return c == U'-' || c == U'‐' || c == U'‑' || c == U'‒' || c == U'–' ||
         c == U'—' || c == U'―' || c == U'－' || c == U'~' || c == U'～' ||
         c == U'─';
}

U32 NormalizeText(std::string_view raw) {
  U32 in = DecodeUtf8(FoldFullWidth(raw));
  U32 folded;
  folded.reserve(in.size());
  for (char32_t c : in) {
    if (IsDroppedPunctuation(c)) continue;
    if (IsDash(c)) c = U'-';
    if (c >= U'a' && c <= U'z') c = c - U'a' + U'A';
    folded.push_back(c);
  }
  U32 out;
  out.reserve(folded.size());
  for (size_t i = 0; i < folded.size();) {
    char32_t c = folded[i];
    bool ordinal = c == U'第';
    size_t start = ordinal ? i + 1 : i;
    if (ordinal && start < folded.size() && IsAsciiDigit(folded[start])) {
      ++i;  // 第3组: the ordinal adds nothing to the number
      continue;
    }
    if (start < folded.size() && IsCnNumeral(folded[start])) {
      size_t end = start;
      while (end < folded.size() && IsCnNumeral(folded[end])) ++end;
      int64_t value = 0;
      bool counts = ordinal || !MarkerAt(folded, end, kCountMarkers).empty();
      if (counts &&
          ParseCnNumber(U32View(folded).substr(start, end - start), &value)) {
        // Keep leading zeros of digit-by-digit numbers (〇一室 = 01室).
        U32View run = U32View(folded).substr(start, end - start);
        bool positional = std::any_of(run.begin(), run.end(), CnMultiplier);
        std::string digits = std::to_string(value);
        if (!positional)
          digits = std::string(run.size() - std::min(run.size(), digits.size()),
                               '0') +
                   digits;
        for (char d : digits) out.push_back(static_cast<char32_t>(d));
        i = end;
        continue;
      }
      // A numeral inside a name (三王村): copy the whole run unchanged.
      out.append(folded, i, end - i);
      i = end;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

// Characters that never occur in a region, township or village name but do
// in the local part; a candidate name containing one is no such name.
bool HasLocalMarker(U32View s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    // 路, 街 and 巷 end a street's name, so only after its first character:
    // first, they begin a place's name (路庙村, 街口镇, 巷头村), as the
    // street reader below never takes them there either.
    if ((c == U'路' || c == U'街' || c == U'巷') && i == 0) continue;
    if (IsAsciiDigit(c) || IsAsciiUpper(c) || c == U'路' || c == U'街' ||
        c == U'号' || c == U'组' || c == U'栋' || c == U'幢' || c == U'室' ||
        c == U'巷' || c == U'-' || c == U'#') {
      return true;
    }
  }
  return false;
}

bool HasAdminMarker(U32View s) {
  for (char32_t c : s) {
    if (c == U'镇' || c == U'乡' || c == U'村' || c == U'社' || c == U'道')
      return true;
  }
  return false;
}

// A region level ending in one of `suffixes`, 2 to `max_len` characters from
// `pos`; its length, or 0.
size_t RegionAt(U32View s, size_t pos, size_t max_len,
                std::initializer_list<U32View> suffixes,
                std::initializer_list<U32View> not_endings) {
  for (size_t len = 2; len <= max_len && pos + len <= s.size(); ++len) {
    U32View cand = s.substr(pos, len);
    if (HasLocalMarker(cand) || HasAdminMarker(cand)) return 0;
    for (U32View suffix : suffixes) {
      if (cand.size() > suffix.size() && cand.ends_with(suffix)) {
        bool excluded = false;
        for (U32View bad : not_endings) excluded |= cand.ends_with(bad);
        if (!excluded) return len;
      }
    }
  }
  return 0;
}

// The name without its last administrative suffix: 河南省 → 河南, 伊川县 →
// 伊川, for the short forms people write.
U32 ShortForm(const U32& name) {
  for (U32View suffix : {U32View(U"自治区"), U32View(U"自治州"),
                         U32View(U"地区"), U32View(U"省"), U32View(U"市"),
                         U32View(U"县"), U32View(U"区"), U32View(U"旗")}) {
    if (name.size() > suffix.size() + 1 && U32View(name).ends_with(suffix)) {
      return name.substr(0, name.size() - suffix.size());
    }
  }
  return {};
}

// Takes `full` or its short form at `*pos`; the short form only where what
// follows is not the rest of a longer name ending in a township or village
// marker (伊川 must not eat 伊川镇).
bool TakeDefault(U32View s, size_t* pos, const U32& full) {
  if (full.empty()) return false;
  if (StartsWith(s, *pos, full)) {
    *pos += full.size();
    return true;
  }
  U32 short_form = ShortForm(full);
  if (short_form.empty() || !StartsWith(s, *pos, short_form)) return false;
  size_t next = *pos + short_form.size();
  if (next < s.size() &&
      (s[next] == U'镇' || s[next] == U'乡' || s[next] == U'村' ||
       s[next] == U'街' || s[next] == U'路' || s[next] == U'社')) {
    return false;
  }
  *pos = next;
  return true;
}

void AppendText(U32View piece, std::string* out) {
  if (!out->empty()) out->push_back(' ');
  out->append(EncodeUtf8(piece));
}

constexpr std::initializer_list<U32View> kVillageOfficeSuffixes = {
    U"村民委员会", U"居民委员会", U"村委会", U"居委会", U"委会"};

}  // namespace

bool ParseChineseNumber(std::string_view text, int64_t* value) {
  return ParseCnNumber(DecodeUtf8(FoldFullWidth(text)), value);
}

std::string NormalizeAddressText(std::string_view raw) {
  return EncodeUtf8(NormalizeText(raw));
}

AddressNormalizer::AddressNormalizer(AddressOptions options)
    : options_(std::move(options)) {
  auto load = [](const std::vector<std::string>& names) {
    std::vector<U32> out;
    for (const std::string& n : names) {
      U32 u = NormalizeText(n);
      if (!u.empty()) out.push_back(std::move(u));
    }
    std::stable_sort(out.begin(), out.end(), [](const U32& a, const U32& b) {
      return a.size() > b.size();
    });
    return out;
  };
  townships_ = load(options_.known_townships);
  villages_ = load(options_.known_villages);
  province_ = NormalizeText(options_.default_region.province);
  city_ = NormalizeText(options_.default_region.city);
  county_ = NormalizeText(options_.default_region.county);
}

Address AddressNormalizer::Parse(std::string_view raw) const {
  Address a;
  const U32 text = NormalizeText(raw);
  const U32View s(text);
  size_t pos = 0;

  // Region, top down. A level equal to the default region is recognised in
  // short form too; any other is recognised by its suffix.
  bool own_province = TakeDefault(s, &pos, province_);
  if (!own_province) {
    size_t len = RegionAt(s, pos, 4, {U"省"}, {});
    if (!len) len = RegionAt(s, pos, 10, {U"自治区"}, {});
    if (!len) {
      for (U32View m : {U32View(U"北京"), U32View(U"天津"), U32View(U"上海"),
                        U32View(U"重庆")}) {
        if (StartsWith(s, pos, m)) {
          len = m.size() + (StartsWith(s, pos + m.size(), U"市") ? 1 : 0);
          break;
        }
      }
    }
    a.province = EncodeUtf8(s.substr(pos, len));
    pos += len;
  }
  bool own_city = TakeDefault(s, &pos, city_);
  if (!own_city) {
    size_t len =
        RegionAt(s, pos, 8, {U"自治州", U"地区", U"市", U"州", U"盟"}, {});
    a.city = EncodeUtf8(s.substr(pos, len));
    pos += len;
  }
  bool own_county = TakeDefault(s, &pos, county_);
  if (!own_county) {
    size_t len =
        RegionAt(s, pos, 8, {U"县", U"区", U"市", U"旗"},
                 {U"小区", U"社区", U"园区", U"校区", U"景区", U"厂区"});
    a.county = EncodeUtf8(s.substr(pos, len));
    pos += len;
  }
  // Whatever names the default region, or names nothing, lies in it.
  bool in_default =
      !county_.empty() &&
      (own_county || (a.county.empty() && (own_city || a.city.empty()) &&
                      (own_province || a.province.empty())));
  if (in_default) {
    a.province = options_.default_region.province;
    a.city = options_.default_region.city;
    a.county = options_.default_region.county;
  }
  // Known names belong to the default county only.
  const bool use_known = in_default || county_.empty();

  // Township.
  if (use_known) {
    for (const U32& t : townships_) {
      if (StartsWith(s, pos, t)) {
        a.township = EncodeUtf8(t);
        pos += t.size();
        break;
      }
    }
  }
  if (a.township.empty()) {
    for (size_t len = 1; len <= 7 && pos + len < s.size(); ++len) {
      U32View name = s.substr(pos, len);
      if (HasLocalMarker(name) || name.find(U'村') != U32View::npos) break;
      size_t at = pos + len;
      U32View marker = MarkerAt(s, at, {U"街道", U"镇", U"乡"});
      if (marker.empty()) continue;
      size_t after = at + marker.size();
      // 新乡村, 镇北村: the marker belongs to a village name.
      if (!MarkerAt(s, after, {U"村", U"社区", U"居委会"}).empty()) continue;
      a.township = EncodeUtf8(s.substr(pos, len + marker.size()));
      pos = after;
      break;
    }
  }
  if (!a.township.empty()) {
    U32View office = MarkerAt(s, pos, {U"办事处", U"人民政府", U"办"});
    pos += office.size();
  }

  // Village or community.
  if (use_known) {
    for (const U32& v : villages_) {
      if (StartsWith(s, pos, v)) {
        a.village = EncodeUtf8(v);
        pos += v.size();
        break;
      }
      // 西场居委会, 鸣皋村委会: the office named after the short name.
      U32View base = v;
      if (base.ends_with(U"社区"))
        base.remove_suffix(2);
      else if (base.ends_with(U"村"))
        base.remove_suffix(1);
      if (base.empty() || !StartsWith(s, pos, base)) continue;
      U32View office = MarkerAt(s, pos + base.size(), kVillageOfficeSuffixes);
      if (office.empty() || office == U"委会") continue;
      a.village = EncodeUtf8(v);
      pos += base.size() + office.size();
      break;
    }
  }
  if (a.village.empty()) {
    for (size_t len = 1; len <= 8 && pos + len < s.size() + 1; ++len) {
      U32View name = s.substr(pos, len);
      if (HasLocalMarker(name)) break;
      size_t at = pos + len;
      U32View marker = MarkerAt(
          s, at,
          {U"村民委员会", U"居民委员会", U"村委会", U"居委会", U"社区", U"村"});
      if (marker.empty()) continue;
      bool community =
          marker != U"村民委员会" && marker != U"村委会" && marker != U"村";
      a.village = EncodeUtf8(name) + (community ? "社区" : "村");
      pos = at + marker.size();
      break;
    }
  }
  if (!a.village.empty())
    pos += MarkerAt(s, pos, kVillageOfficeSuffixes).size();

  // The local part: numbered tokens and named runs.
  while (pos < s.size()) {
    char32_t c = s[pos];
    if (IsAsciiDigit(c) || IsAsciiUpper(c)) {
      size_t end = pos;
      while (end < s.size() &&
             (IsAsciiDigit(s[end]) || IsAsciiUpper(s[end]) ||
              (s[end] == U'-' && end + 1 < s.size() &&
               (IsAsciiDigit(s[end + 1]) || IsAsciiUpper(s[end + 1]))))) {
        ++end;
      }
      std::string token = EncodeUtf8(s.substr(pos, end - pos));
      U32View marker =
          MarkerAt(s, end,
                   {U"村民小组", U"小组", U"号楼", U"号院", U"号房", U"单元",
                    U"#楼", U"组", U"队", U"号", U"栋", U"幢", U"座", U"#",
                    U"室", U"房", U"户", U"层", U"楼"});
      pos = end + marker.size();
      if (marker == U"村民小组" || marker == U"小组" || marker == U"组" ||
          marker == U"队") {
        a.group = token;
      } else if (marker == U"号楼" || marker == U"#楼" || marker == U"栋" ||
                 marker == U"幢" || marker == U"座" || marker == U"#") {
        a.building = token;
      } else if (marker == U"号院") {
        a.number = token;
      } else if (marker == U"号房" || marker == U"室" || marker == U"房" ||
                 marker == U"户") {
        a.room = token;
      } else if (marker == U"单元") {
        a.unit = token;
      } else if (marker == U"层") {
        a.floor = token;
      } else if (marker == U"楼") {
        // 3楼2单元 is a building; 12号5楼 and 3栋5楼 are floors.
        if (a.building.empty() && a.number.empty() && a.room.empty())
          a.building = token;
        else
          a.floor = token;
      } else if (marker == U"号") {
        // 3栋2单元301号: after a building, 号 numbers the room.
        if (!a.building.empty() || !a.unit.empty())
          a.room = token;
        else
          a.number = token;
      } else {
        // A bare token: 3-2-301 is building, unit and room; after a
        // building or unit it is the room; otherwise the house number.
        size_t d1 = token.find('-');
        size_t d2 = d1 == std::string::npos ? d1 : token.find('-', d1 + 1);
        if (d2 != std::string::npos && a.building.empty() &&
            token.find('-', d2 + 1) == std::string::npos) {
          a.building = token.substr(0, d1);
          a.unit = token.substr(d1 + 1, d2 - d1 - 1);
          a.room = token.substr(d2 + 1);
        } else if ((!a.building.empty() || !a.unit.empty()) && a.room.empty()) {
          a.room = token;
        } else if (a.number.empty() && a.building.empty()) {
          a.number = token;
        } else {
          if (!a.rest.empty()) a.rest.push_back(' ');
          a.rest += token;
        }
      }
      continue;
    }
    size_t end = pos;
    while (end < s.size() && !IsAsciiDigit(s[end]) && !IsAsciiUpper(s[end]))
      ++end;
    U32View run = s.substr(pos, end - pos);
    // A street ends at its first street marker; what follows is read anew
    // (建设路幸福小区 is a street and a compound).
    size_t street_end = 0;
    for (size_t k = 1; k < run.size() && !street_end; ++k) {
      U32View m = MarkerAt(
          run, k,
          {U"大街", U"大道", U"胡同", U"路", U"街", U"巷", U"弄", U"道"});
      if (!m.empty()) street_end = k + m.size();
    }
    if (street_end && a.street.empty() && a.number.empty() &&
        a.building.empty()) {
      a.street = EncodeUtf8(run.substr(0, street_end));
      pos += street_end;
      continue;
    }
    if (!a.village.empty() && a.group.empty() && run.size() > 1 &&
        run.ends_with(U"组")) {
      a.group = EncodeUtf8(run.substr(
          0, run.size() - 1));  // 张庄组: a group named, not numbered
    } else if (run == U"号" || run == U"-") {
      // Stray marker left by a dropped numeral; nothing to keep.
    } else if (a.building.empty() && a.room.empty()) {
      a.compound += EncodeUtf8(run);
    } else {
      AppendText(run, &a.rest);
    }
    pos = end;
  }
  return a;
}

std::string Address::ToString() const {
  std::string out = province + city + county + township + village;
  if (!group.empty()) out += group + "组";
  out += street;
  if (!number.empty()) out += number + "号";
  out += compound;
  if (!building.empty()) out += building + "栋";
  if (!unit.empty()) out += unit + "单元";
  if (!floor.empty()) out += floor + "层";
  if (!room.empty()) out += room + "室";
  if (!rest.empty()) out += " " + rest;
  return out;
}

std::string DwellingKey(const Address& a) {
  auto join = [](std::initializer_list<const std::string*> parts) {
    std::string key;
    for (const std::string* p : parts) {
      key += *p;
      key.push_back('|');
    }
    return key;
  };
  // An apartment: the room inside a building (or a compound or street that
  // numbers its rooms directly). The floor adds nothing once the room is
  // known, and feeds disagree on writing it.
  if (!a.room.empty() && (!a.building.empty() || !a.compound.empty() ||
                          !a.street.empty() || !a.number.empty())) {
    return "room|" + join({&a.province, &a.city, &a.county, &a.township,
                           &a.village, &a.street, &a.number, &a.compound,
                           &a.building, &a.unit, &a.room});
  }
  // Same building or same compound without a room: many households.
  if (!a.building.empty() || !a.unit.empty()) return {};
  if (!a.number.empty() && !a.village.empty()) {
    return "house|" + join({&a.province, &a.city, &a.county, &a.township,
                            &a.village, &a.group, &a.number});
  }
  if (!a.number.empty() && !a.street.empty() && a.compound.empty()) {
    return "house|" + join({&a.province, &a.city, &a.county, &a.township,
                            &a.street, &a.number});
  }
  return {};
}

}  // namespace hedui
