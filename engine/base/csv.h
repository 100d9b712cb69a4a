// CSV fields for the files people open in a spreadsheet (cases.csv of
// `hedui run`, the campaign report's CSVs): RFC 4180 quoting, and text that
// a spreadsheet would run as a formula kept as text.
#ifndef HEDUI_ENGINE_BASE_CSV_H_
#define HEDUI_ENGINE_BASE_CSV_H_

#include <string>
#include <string_view>

namespace hedui {

// Whether a spreadsheet would read `text` as a formula (or as the start of
// one): it begins with = + - @, a tab or a carriage return, or with the
// full-width ＝ ＋ － ＠, which Excel and WPS also evaluate. A member named
// =HYPERLINK("http://x","点此") in a department's export is one.
bool LooksLikeFormula(std::string_view text);

// Appends `value` as one CSV field: quoted (with "" for ") when it holds a
// comma, a quote, CR or LF or begins or ends with a space. With
// `guard_formula`, a value that LooksLikeFormula gets a leading ' so the
// spreadsheet shows it as text (the OWASP advice); numbers the program
// writes itself (a negative one starts with -) pass false.
void AppendCsvField(std::string_view value, bool guard_formula,
                    std::string* out);

// A text field from outside (a department's value, a name): guarded.
std::string CsvText(std::string_view value);

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_CSV_H_
