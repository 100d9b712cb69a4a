#include "engine/linkage/person_name.h"

#include <opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace hedui {

namespace {

bool IsSeparator(UChar32 c) {
  switch (c) {
    case 0x00B7:  // MIDDLE DOT, the standard one
    case 0x0387:  // GREEK ANO TELEIA
    case 0x16EB:  // RUNIC SINGLE PUNCTUATION
    case 0x2022:  // BULLET
    case 0x2027:  // HYPHENATION POINT
    case 0x2219:  // BULLET OPERATOR
    case 0x22C5:  // DOT OPERATOR
    case 0x2E31:  // WORD SEPARATOR MIDDLE DOT
    case 0x30FB:  // KATAKANA MIDDLE DOT (NFKC of the half-width ･)
    case 0x318D:  // HANGUL LETTER ARAEA, typed for a dot by some IMEs
    case 0x25CF:  // BLACK CIRCLE
    case 0x00B0:  // DEGREE SIGN, seen where a font lacks the dot
    case '.':
    case '-':
    case 0x2010:
    case 0x2014:
      return true;
    default:
      return false;
  }
}

bool IsBlankOrQuote(UChar32 c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || c == '\'' ||
         c == 0x2019 || c == '"' || c == ',';
}

bool IsHan(UChar32 c) {
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x3134F);
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c & 0x80) == 0; });
}

// Per-thread converters: ICU transliterators and OpenCC handles are not
// documented as safe to share between threads, and opening them costs
// milliseconds, so each thread opens its own once.
class Converters {
 public:
  static Converters* ForThread() {
    thread_local Converters c;
    return &c;
  }
  const Status& status() const { return status_; }
  icu::Transliterator* pinyin() { return pinyin_.get(); }
  const icu::Normalizer2* nfkc() const { return nfkc_; }

  // Traditional and variant forms to simplified; the input on failure, so
  // that a name is never lost.
  std::string ToSimplified(const std::string& s) {
    char* out = opencc_convert_utf8(opencc_, s.data(), s.size());
    if (out == nullptr) return s;
    std::string result(out);
    opencc_convert_utf8_free(out);
    return result;
  }

  ~Converters() {
    if (opencc_ != reinterpret_cast<opencc_t>(-1)) opencc_close(opencc_);
  }

 private:
  Converters() {
    UErrorCode err = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(err);
    if (U_FAILURE(err)) {
      status_ = Status::Internal(std::string("ICU NFKC: ") + u_errorName(err));
      return;
    }
    err = U_ZERO_ERROR;
    pinyin_.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII",
                                                      UTRANS_FORWARD, err));
    if (U_FAILURE(err) || !pinyin_) {
      status_ = Status::Internal(std::string("ICU Han-Latin transliterator: ") +
                                 u_errorName(err));
      return;
    }
    opencc_ = opencc_open("t2s.json");
    if (opencc_ == reinterpret_cast<opencc_t>(-1)) {
      status_ = Status::Internal(
          "OpenCC t2s.json cannot be opened (Debian package libopencc-data "
          "missing?)");
    }
  }

  Status status_;
  const icu::Normalizer2* nfkc_ = nullptr;
  std::unique_ptr<icu::Transliterator> pinyin_;
  opencc_t opencc_ = reinterpret_cast<opencc_t>(-1);
};

std::u32string Decode(std::string_view s) {
  std::u32string out;
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  out.reserve(u.length());
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1))
    out.push_back(u.char32At(i));
  return out;
}

template <typename S>
double JaroWinklerOf(const S& a, const S& b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const size_t la = a.size(), lb = b.size();
  const size_t window =
      std::max<size_t>(la, lb) / 2 == 0 ? 0 : std::max<size_t>(la, lb) / 2 - 1;
  // Names are short: flags on the stack, the heap only for long text.
  char stack_a[64] = {}, stack_b[64] = {};
  std::vector<char> heap_a, heap_b;
  char* ma = stack_a;
  char* mb = stack_b;
  if (la > sizeof stack_a) {
    heap_a.assign(la, 0);
    ma = heap_a.data();
  }
  if (lb > sizeof stack_b) {
    heap_b.assign(lb, 0);
    mb = heap_b.data();
  }
  size_t matches = 0;
  for (size_t i = 0; i < la; ++i) {
    size_t lo = i > window ? i - window : 0;
    size_t hi = std::min(lb, i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (!mb[j] && a[i] == b[j]) {
        ma[i] = mb[j] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0;
  for (size_t i = 0, j = 0; i < la; ++i) {
    if (!ma[i]) continue;
    while (!mb[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  double m = static_cast<double>(matches);
  double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix])
    ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

}  // namespace

double JaroWinkler(std::string_view a, std::string_view b) {
  if (IsAscii(a) && IsAscii(b)) return JaroWinklerOf(a, b);
  return JaroWinklerOf(Decode(a), Decode(b));
}

namespace {
StatusOr<PersonName> NormalizeUncached(std::string_view raw);
}  // namespace

StatusOr<PersonName> NormalizePersonName(std::string_view raw) {
  // Names repeat (the common ones thousands of times in a register), and
  // ICU's Han-Latin transliteration costs tens of microseconds a name: each
  // thread remembers the names it has seen, up to a bound.
  thread_local std::unordered_map<std::string, PersonName> seen;
  std::string key(raw);
  if (auto it = seen.find(key); it != seen.end()) return it->second;
  StatusOr<PersonName> name = NormalizeUncached(raw);
  if (name.ok()) {
    if (seen.size() >= 1 << 18) seen.clear();
    seen.emplace(std::move(key), *name);
  }
  return name;
}

namespace {
StatusOr<PersonName> NormalizeUncached(std::string_view raw) {
  PersonName name;
  // Fast path for plain ASCII (FEBRL, pinyin-written names): no converter
  // changes them beyond case and separators.
  if (IsAscii(raw)) {
    bool blank = true;
    for (char c : raw) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (IsBlankOrQuote(static_cast<unsigned char>(c))) {
        blank = true;
        continue;
      }
      if (IsSeparator(static_cast<unsigned char>(c))) {
        name.folded.append(kNameSeparator);
        blank = false;
        continue;
      }
      if (blank && !name.folded.empty() &&
          !name.folded.ends_with(kNameSeparator)) {
        name.folded.push_back(' ');
      }
      blank = false;
      name.folded.push_back(c);
      name.key.push_back(c);
      if (c >= 'a' && c <= 'z') name.pinyin.push_back(c);
    }
    return name;
  }

  Converters* conv = Converters::ForThread();
  if (!conv->status().ok()) return conv->status();
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), raw.size()));
  icu::UnicodeString n = conv->nfkc()->normalize(u, err);
  if (U_FAILURE(err))
    return Status::Internal(std::string("ICU normalize: ") + u_errorName(err));
  n.toLower();
  icu::UnicodeString folded, key;
  bool blank = false;
  for (int32_t i = 0; i < n.length(); i = n.moveIndex32(i, 1)) {
    UChar32 c = n.char32At(i);
    if (IsBlankOrQuote(c)) {
      blank = true;
      continue;
    }
    if (IsSeparator(c)) {
      // Blanks around the dot are noise: 买买提 · 艾力.
      if (!folded.isEmpty() && folded.char32At(folded.length() - 1) != 0x00B7)
        folded.append(UChar32{0x00B7});
      blank = false;
      continue;
    }
    if (blank && !folded.isEmpty() &&
        folded.char32At(folded.length() - 1) != 0x00B7) {
      folded.append(UChar32{' '});
    }
    blank = false;
    folded.append(c);
    key.append(c);
    if (IsHan(c)) name.han = true;
  }
  if (!folded.isEmpty() && folded.char32At(folded.length() - 1) == 0x00B7)
    folded.truncate(folded.length() - 1);
  std::string folded8, key8;
  folded.toUTF8String(folded8);
  key.toUTF8String(key8);
  if (name.han) {
    folded8 = conv->ToSimplified(folded8);
    key8 = conv->ToSimplified(key8);
  }
  name.folded = std::move(folded8);
  name.key = std::move(key8);
  icu::UnicodeString latin = icu::UnicodeString::fromUTF8(name.key);
  conv->pinyin()->transliterate(latin);
  std::string latin8;
  latin.toUTF8String(latin8);
  for (char c : latin8) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') name.pinyin.push_back(c);
  }
  return name;
}
}  // namespace

double NameSimilarity(const PersonName& a, const PersonName& b) {
  if (a.key.empty() || b.key.empty()) return 0.0;
  if (a.key == b.key) return 1.0;
  if (a.han || b.han) {
    if (!a.pinyin.empty() && a.pinyin == b.pinyin) return 0.95;
    return 0.8 * JaroWinkler(a.pinyin, b.pinyin);
  }
  return JaroWinkler(a.key, b.key);
}

}  // namespace hedui
