#include "engine/base/id_number.h"

#include <cstring>

#include "engine/base/text.h"

namespace hedui {

namespace {

constexpr int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                              3, 7, 9,  10, 5, 8, 4, 2};
constexpr char kCheckChars[11] = {'1', '0', 'X', '9', '8', '7',
                                  '6', '5', '4', '3', '2'};

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string_view IdErrorCode(IdError error) {
  switch (error) {
    case IdError::kNone:
      return "ok";
    case IdError::kEmpty:
      return "id_empty";
    case IdError::kBadLength:
      return "id_bad_length";
    case IdError::kBadCharacter:
      return "id_bad_character";
    case IdError::kBadCheckDigit:
      return "id_bad_check_digit";
    case IdError::kBadBirthDate:
      return "id_bad_birth_date";
  }
  return "id_unknown";
}

char IdCheckCharacter(std::string_view first17) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[sum % 11];
}

void ResidentId::AppendTo(std::string* out) const {
  char digits[18];
  WriteTo(digits);
  out->append(digits, 18);
}

namespace {
void WriteDigitsFromBody(uint64_t body, char* digits) {
  uint64_t v = body;
  for (int i = 16; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  digits[17] = IdCheckCharacter(std::string_view(digits, 17));
}
}  // namespace

void ResidentId::WriteTo(char* digits) const {
  if (text[0] != 0) {
    std::memcpy(digits, text, 18);
  } else {
    WriteDigitsFromBody(body, digits);
  }
}

std::string ResidentId::ToString() const {
  std::string s;
  s.reserve(18);
  AppendTo(&s);
  return s;
}

ResidentId ResidentIdFromBody(uint64_t body) {
  ResidentId id;
  id.body = body;
  uint64_t v = body;
  id.male = (v % 10) % 2 == 1;
  v /= 1000;
  id.birth_yyyymmdd = static_cast<int>(v % 100000000);
  WriteDigitsFromBody(body, id.text);
  return id;
}

IdError ParseResidentId(std::string_view raw, ResidentId* id) {
  char buf[32];
  size_t n = 0;
  std::string_view s = TrimBlank(raw);
  if (s.empty()) return IdError::kEmpty;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char folded;
    if (c < 0x80) {
      folded = static_cast<char>(c);
      i += 1;
    } else if (c == 0xEF) {
      // Full-width forms: U+FF10..FF19 (digits) = EF BC 90..99,
      // U+FF38 (X) = EF BC B8, U+FF58 (x) = EF BD 98.
      if (i + 3 > s.size()) return IdError::kBadCharacter;
      unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      unsigned char c2 = static_cast<unsigned char>(s[i + 2]);
      if (c1 == 0xBC && c2 >= 0x90 && c2 <= 0x99) {
        folded = static_cast<char>('0' + (c2 - 0x90));
      } else if ((c1 == 0xBC && c2 == 0xB8) || (c1 == 0xBD && c2 == 0x98)) {
        folded = 'X';
      } else {
        return IdError::kBadCharacter;
      }
      i += 3;
    } else {
      return IdError::kBadCharacter;
    }
    if (folded == ' ' || folded == '-')
      continue;  // "4101 0219..." typed in groups
    if (folded == 'x') folded = 'X';
    if (n >= 18) return IdError::kBadLength;
    buf[n++] = folded;
  }
  std::string_view digits(buf, n);
  char full[18];
  if (n == 18) {
    if (!AllDigits(digits.substr(0, 17))) return IdError::kBadCharacter;
    char last = digits[17];
    if (!((last >= '0' && last <= '9') || last == 'X'))
      return IdError::kBadCharacter;
    for (int i = 0; i < 18; ++i) full[i] = buf[i];
  } else if (n == 15) {
    if (!AllDigits(digits)) return IdError::kBadCharacter;
    for (int i = 0; i < 6; ++i) full[i] = buf[i];
    full[6] = '1';
    full[7] = '9';
    for (int i = 6; i < 15; ++i) full[i + 2] = buf[i];
    full[17] = IdCheckCharacter(std::string_view(full, 17));
  } else {
    return IdError::kBadLength;
  }
  int year = (full[6] - '0') * 1000 + (full[7] - '0') * 100 +
             (full[8] - '0') * 10 + (full[9] - '0');
  int month = (full[10] - '0') * 10 + (full[11] - '0');
  int day = (full[12] - '0') * 10 + (full[13] - '0');
  if (year < 1880 || year > 2100 || !IsValidCivilDate(year, month, day)) {
    return IdError::kBadBirthDate;
  }
  if (IdCheckCharacter(std::string_view(full, 17)) != full[17]) {
    return IdError::kBadCheckDigit;
  }
  uint64_t body = 0;
  for (int i = 0; i < 17; ++i)
    body = body * 10 + static_cast<uint64_t>(full[i] - '0');
  id->body = body;
  std::memcpy(id->text, full, 18);
  id->birth_yyyymmdd = year * 10000 + month * 100 + day;
  id->male = (full[16] - '0') % 2 == 1;
  return IdError::kNone;
}

}  // namespace hedui
