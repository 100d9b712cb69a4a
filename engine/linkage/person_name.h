// Person names as feeds write them: 买买提·艾力 with any of half a dozen dots,
// full-width letters, traditional characters (張三 for 张三), a homophone
// character where a clerk typed by pinyin (章三 for 张三), and Latin names with
// typos (FEBRL). Normalisation makes the spellings of one name equal where
// that is safe and gives keys for comparing the rest.
#ifndef HEDUI_ENGINE_LINKAGE_PERSON_NAME_H_
#define HEDUI_ENGINE_LINKAGE_PERSON_NAME_H_

#include <string>
#include <string_view>

#include "hedui/status.h"

namespace hedui {

// The minority name separator, U+00B7 MIDDLE DOT, the form GB 18030 and the
// public-security register use; its look-alikes are folded to it.
inline constexpr std::string_view kNameSeparator = "\u00B7";

struct PersonName {
  // NFKC (full-width folded), lowercase, blanks collapsed, separator
  // look-alikes (・ • ‧ ･ ∙ ⋅ ．. and others) as ·, traditional and variant
  // characters as simplified (OpenCC t2s). 張三 → 张三, ＭＡＲＹ → mary.
  std::string folded;
  // `folded` without separators and blanks, for exact comparison: a clerk
  // who drops the dot (买买提艾力) writes the same name.
  std::string key;
  // ASCII letters only: pinyin of the Han characters without tones (ICU
  // Han-Latin; Latin-ASCII), and Latin letters as they are. 张三 and 章三
  // both give "zhangsan"; two names with equal pinyin may be one name typed
  // by sound.
  std::string pinyin;
  // The name holds Han characters (Latin comparisons do not apply to it).
  bool han = false;
};

// Fails (kInternal) only where ICU or the OpenCC data cannot be loaded. Safe
// to call from many threads: each thread opens its own converters once.
StatusOr<PersonName> NormalizePersonName(std::string_view raw);

// Jaro-Winkler similarity over code points (0 = nothing alike, 1 = equal),
// prefix scale 0.1 on at most 4 code points, as in Winkler (1990).
double JaroWinkler(std::string_view a, std::string_view b);

// How alike two normalised names are, in [0, 1]: 1 for equal keys; for Han
// names, 0.95 when only the characters differ but the pinyin is equal (a
// transcription difference) and otherwise Jaro-Winkler over the pinyin
// scaled down, since one character in a two-character name is a different
// name; for Latin names Jaro-Winkler over the key.
double NameSimilarity(const PersonName& a, const PersonName& b);

}  // namespace hedui

#endif  // HEDUI_ENGINE_LINKAGE_PERSON_NAME_H_
