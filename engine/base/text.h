// Parsing the values departments write: blanks, full-width forms, dates in
// the spellings of DOMAIN.md §3, amounts with separators and units.
#ifndef HEDUI_ENGINE_BASE_TEXT_H_
#define HEDUI_ENGINE_BASE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "hedui/date.h"
#include "hedui/status.h"

namespace hedui {

// Strips ASCII blanks, NBSP (U+00A0) and the ideographic space (U+3000).
std::string_view TrimBlank(std::string_view s);

// Folds full-width ASCII variants (U+FF01..FF5E) and U+3000 to ASCII.
std::string FoldFullWidth(std::string_view s);

// Amounts in fen (0.01 元). Accepts thousands separators (, ， and spaces),
// 、 or ． as the decimal point, a leading sign, a trailing 元 or 万元
// (×10000). `scale` multiplies the value (10000 when the column header says
// 万元). Fractions of a fen are rounded half away from zero. Returns false
// for a value that is not an amount, a `scale` below 1, and an amount that
// does not fit in int64 fen once scaled: never a wrapped value.
bool ParseAmountFen(std::string_view raw, int64_t scale, int64_t* fen);

// An amount a person types into the review workflow (a recovery, the
// monthly amount stopped), in 元: digits, thousands separators (, ，) in the
// whole part, at most two decimals, an optional trailing 元; full-width
// digits folded. Money a household must repay is never rounded: 12.345 is
// refused, not read as 12.35 (ParseAmountFen, for department files, rounds).
// Also refused: a sign (a negative recovery would hide money), 万, and
// anything above INT64_MAX fen. The message says which, in Chinese and
// English; the CLI and the review site both call this one parser.
[[nodiscard]] Status ParseEnteredYuan(std::string_view raw, int64_t* fen);

// "1234.50" from 123450 fen.
std::string FormatFen(int64_t fen);
// The same into `out` (at least 24 bytes); returns the length.
size_t WriteFen(int64_t fen, char* out);

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_TEXT_H_
