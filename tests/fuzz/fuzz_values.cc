// The values of a row (engine/base/id_number, text): resident IDs, dates and
// amounts as departments write them. The first byte picks the amount's
// scale (the mapping's unit), the rest is the value. Besides not crashing:
// what is accepted reads back the same from its normalised form, and an
// amount accepted with a unit is the amount without it times the unit
// (within the rounding of one fen), never a wrapped number (issue 14).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/id_number.h"
#include "engine/base/text.h"
#include "hedui/date.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

void CheckId(std::string_view raw) {
  hedui::ResidentId id;
  if (hedui::ParseResidentId(raw, &id) != hedui::IdError::kNone) return;
  std::string text = id.ToString();
  FUZZ_CHECK(text.size() == 18);
  FUZZ_CHECK(hedui::IdCheckCharacter(std::string_view(text).substr(0, 17)) ==
             text[17]);
  hedui::ResidentId again;
  FUZZ_CHECK(hedui::ParseResidentId(text, &again) == hedui::IdError::kNone);
  FUZZ_CHECK(again.body == id.body);
  FUZZ_CHECK(again.birth_yyyymmdd == id.birth_yyyymmdd);
  FUZZ_CHECK(hedui::ResidentIdFromBody(id.body).ToString() == text);
}

void CheckDate(std::string_view raw) {
  hedui::Date d;
  if (!hedui::ParseDate(raw, &d)) return;
  FUZZ_CHECK(d.year() >= 1880 && d.year() <= 2200);
  hedui::Date again;
  FUZZ_CHECK(hedui::ParseDate(d.ToString(), &again));
  FUZZ_CHECK(again == d);
}

void CheckAmount(std::string_view raw, int64_t scale) {
  int64_t fen;
  if (!hedui::ParseAmountFen(raw, scale, &fen)) return;
  std::string text = hedui::FormatFen(fen);
  int64_t again;
  FUZZ_CHECK(hedui::ParseAmountFen(text, 1, &again));
  FUZZ_CHECK(again == fen);
  if (scale == 1) return;
  // The same value without the unit is smaller, so it fits too; rounded to
  // the fen before scaling, it differs from the scaled value by at most
  // half a fen times the unit, plus the final rounding.
  int64_t unscaled;
  FUZZ_CHECK(hedui::ParseAmountFen(raw, 1, &unscaled));
  __int128 diff = static_cast<__int128>(unscaled) * scale - fen;
  if (diff < 0) diff = -diff;
  FUZZ_CHECK(diff <= static_cast<__int128>(scale) / 2 + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static constexpr int64_t kScales[] = {
      1, 10, 100, 10000, 171, 1'700'001, 922'337'203'685'477, INT64_MAX};
  int64_t scale = kScales[data[0] % 8];
  std::string_view raw(reinterpret_cast<const char*>(data + 1), size - 1);
  CheckId(raw);
  CheckDate(raw);
  CheckAmount(raw, scale);
  CheckAmount(raw, 1);
  std::string folded = hedui::FoldFullWidth(raw);
  FUZZ_CHECK(hedui::TrimBlank(raw).size() <= raw.size());
  FUZZ_CHECK(folded.size() <= raw.size());
  return 0;
}
