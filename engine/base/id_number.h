// Resident identity numbers (居民身份证号码, GB 11643-1999).
//
// An ID is 6 digits of region, 8 of birth date, 3 of sequence (odd = male)
// and a check character (ISO 7064 MOD 11-2, 0-9 or X). Old 15-digit IDs carry
// a 2-digit year (always 19xx) and no check character; they are upgraded to
// 18 digits so that both forms are the same person everywhere in the engine.
#ifndef HEDUI_ENGINE_BASE_ID_NUMBER_H_
#define HEDUI_ENGINE_BASE_ID_NUMBER_H_

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace hedui {

// Why a raw value is not a usable ID. Codes are stable: they appear in
// quarantine files and reports.
enum class IdError {
  kNone = 0,
  kEmpty,          // id_empty: blank after trimming
  kBadLength,      // id_bad_length: not 15 or 18 characters
  kBadCharacter,   // id_bad_character: a non-digit where digits belong
  kBadCheckDigit,  // id_bad_check_digit: MOD 11-2 check fails
  kBadBirthDate,   // id_bad_birth_date: month 13, 30 February, year < 1880
};

std::string_view IdErrorCode(IdError error);

struct ResidentId {
  // The first 17 digits as an integer; the check character follows from
  // them, so this alone identifies the person and sorts like the text.
  uint64_t body = 0;
  int birth_yyyymmdd = 0;
  bool male = false;
  // The 18 characters, filled by ParseResidentId and ResidentIdFromBody
  // (writing them from `body` takes 17 divisions).
  char text[18] = {};

  // The normalised 18-character form (uppercase X).
  std::string ToString() const;
  void AppendTo(std::string* out) const;
  // Writes the 18 characters to `out` (no terminator).
  void WriteTo(char* out) const;
};

// Trims blanks (ASCII, ideographic space), folds full-width digits and X to
// ASCII, accepts lowercase x, upgrades 15 digits to 18, validates.
IdError ParseResidentId(std::string_view raw, ResidentId* id);

// The MOD 11-2 check character for 17 digits.
char IdCheckCharacter(std::string_view first17);

// Rebuilds an ID from its 17-digit body.
ResidentId ResidentIdFromBody(uint64_t body);

// The 17-digit body of a stored (normalised, 18-character) ID; 0 if none.
// Inline: the family graph calls it three times a person of the register.
inline uint64_t StoredIdBody(std::string_view id) {
  if (id.size() != 18) return 0;
  uint64_t body = 0;
  auto [p, ec] = std::from_chars(id.data(), id.data() + 17, body);
  return ec == std::errc() && p == id.data() + 17 ? body : 0;
}

}  // namespace hedui

#endif  // HEDUI_ENGINE_BASE_ID_NUMBER_H_
