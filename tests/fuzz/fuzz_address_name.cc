// Addresses and person names (engine/linkage/address, person_name): any
// text. The input is two values separated by the first newline. Besides not
// crashing: similarities lie in [0, 1], a name is fully alike to itself,
// normalising is idempotent where it promises to be, and a dwelling key
// exists only for a parsed address.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/linkage/address.h"
#include "engine/linkage/person_name.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

const hedui::AddressNormalizer& Normalizer() {
  // The demo county's region and a few of its places (engine/demo/places),
  // so the known-name paths run too.
  static const hedui::AddressNormalizer* normalizer = [] {
    hedui::AddressOptions options;
    options.default_region = {"河南省", "洛阳市", "伊川县"};
    options.known_townships = {"鸣皋镇", "城关街道", "白沙镇", "彭婆镇",
                               "平等乡"};
    options.known_villages = {"鸣皋村", "西场社区", "关白庄一村村",
                              "三龙口社区", "五里头村"};
    return new hedui::AddressNormalizer(options);
  }();
  return *normalizer;
}

void CheckAddress(std::string_view raw) {
  hedui::Address a = Normalizer().Parse(raw);
  std::string key = hedui::DwellingKey(a);
  std::string line = a.ToString();
  if (!key.empty()) FUZZ_CHECK(!line.empty());
  hedui::NormalizeAddressText(raw);
  int64_t value;
  if (hedui::ParseChineseNumber(raw, &value)) FUZZ_CHECK(value >= 0);
}

void CheckName(std::string_view a, std::string_view b) {
  hedui::StatusOr<hedui::PersonName> na = hedui::NormalizePersonName(a);
  hedui::StatusOr<hedui::PersonName> nb = hedui::NormalizePersonName(b);
  FUZZ_CHECK(na.ok() && nb.ok());  // fails only without ICU or OpenCC data
  double s = hedui::NameSimilarity(*na, *nb);
  FUZZ_CHECK(s >= 0.0 && s <= 1.0);
  if (!na->key.empty()) FUZZ_CHECK(hedui::NameSimilarity(*na, *na) == 1.0);
  double jw = hedui::JaroWinkler(a, b);
  FUZZ_CHECK(jw >= 0.0 && jw <= 1.0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t newline = text.find('\n');
  std::string_view a = text.substr(0, newline);
  std::string_view b =
      newline == std::string_view::npos ? "" : text.substr(newline + 1);
  CheckAddress(a);
  CheckAddress(b);
  CheckName(a, b);
  return 0;
}
