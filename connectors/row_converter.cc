#include "connectors/row_converter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "engine/base/id_number.h"
#include "engine/base/text.h"
#include "hedui/date.h"
#include "hedui/record.h"

namespace hedui {

namespace {

// The length of the valid UTF-8 sequence at raw[i], or 0.
size_t Utf8SequenceAt(std::string_view raw, size_t i) {
  unsigned char c = static_cast<unsigned char>(raw[i]);
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > raw.size()) return 0;
  return IsValidUtf8(raw.substr(i, n)) ? n : 0;
}

// The value as one TSV cell: control characters escaped, and every byte
// that is not UTF-8 as \xNN beside the text that did decode, so that the
// file stays readable and the clerk sees where the damage is.
std::string EscapeForTsv(std::string_view raw) {
  std::string out;
  size_t limit = raw.size() < 300 ? raw.size() : 300;
  for (size_t i = 0; i < limit; ++i) {
    char c = raw[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      size_t n = Utf8SequenceAt(raw, i);
      if (n == 0) {
        out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
      } else {
        out.append(raw.substr(i, n));
        i += n - 1;
      }
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
    }
  }
  if (raw.size() > limit) out += "…";
  return out;
}

bool ParseMonth(std::string_view raw, std::string* out) {
  std::string folded = FoldFullWidth(TrimBlank(raw));
  int digits[2] = {0, 0};
  int lengths[2] = {0, 0};
  int g = 0;
  size_t i = 0;
  while (i < folded.size() && g < 2) {
    char c = folded[i];
    if (c >= '0' && c <= '9') {
      int len = 0, v = 0;
      while (i < folded.size() && folded[i] >= '0' && folded[i] <= '9') {
        if (len < 9) v = v * 10 + (folded[i] - '0');
        ++len;
        ++i;
      }
      digits[g] = v;
      lengths[g++] = len;
      continue;
    }
    if (g == 0) return false;
    if (c == '-' || c == '/' || c == '.') {
      ++i;
    } else if (folded.compare(i, 3, "年") == 0) {
      i += 3;
    } else {
      break;
    }
  }
  int year, month;
  if (g == 1 && lengths[0] == 6) {
    year = digits[0] / 100;
    month = digits[0] % 100;
  } else if (g == 1 && lengths[0] == 8) {  // a whole date: keep its month
    year = digits[0] / 10000;
    month = digits[0] / 100 % 100;
  } else if (g == 2 && lengths[0] == 4 && lengths[1] <= 2) {
    year = digits[0];
    month = digits[1];
  } else {
    return false;
  }
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return false;
  *out = fmt::format("{:04}-{:02}", year, month);
  return true;
}

// Whether an 18-character ID (blanks, dashes and full width as
// ParseResidentId takes them) ends in the wrong check character.
bool CheckDigitFails(std::string_view raw) {
  std::string id;
  for (char c : FoldFullWidth(raw)) {
    if (c == ' ' || c == '-') continue;
    id.push_back(c == 'x' ? 'X' : c);
  }
  if (id.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i)
    if (id[i] < '0' || id[i] > '9') return false;
  return IdCheckCharacter(std::string_view(id).substr(0, 17)) != id[17];
}

bool IsCode(const FieldSpec& spec, std::string_view code) {
  for (std::string_view c : spec.codes) {
    if (c == code) return true;
  }
  return false;
}

void AppendField(std::string_view value, ByteArena* out) {
  char* p = out->Extend(value.size() + 5);
  size_t n = value.size(), k = 0;
  while (n >= 0x80) {
    p[k++] = static_cast<char>((n & 0x7F) | 0x80);
    n >>= 7;
  }
  p[k++] = static_cast<char>(n);
  std::memcpy(p + k, value.data(), value.size());
  out->Commit(k + value.size());
}

}  // namespace

void RowConverter::Convert(const std::vector<std::string_view>& raw,
                           const std::vector<bool>& present, uint64_t line,
                           ChunkResult* out) {
  // Fields go straight into the arena in schema order; a rejected row
  // rolls the arena back. Mapped fields are sorted by schema index.
  const size_t field_count = mapping_.spec().fields.size();
  const size_t offset = out->arena.size();
  const size_t marker = mapping_.fields.size();
  bool deletion = false;
  if (mapping_.deleted && present.size() > marker && present[marker]) {
    std::string folded = FoldSpelling(raw[marker]);
    for (const std::string& v : mapping_.deleted->values)
      deletion = deletion || v == folded;
  }
  // Every field is checked even after one failed: the row's quarantine
  // lists each of its faults.
  bool rejected = false;
  auto reject = [&](std::string_view field, std::string_view reason,
                    std::string_view value) {
    rejected = true;
    AddReason(line, field, reason, value, out);
    out->arena.PushBack(0);  // keeps the fields in step until rolled back
  };
  size_t next_field = 0;
  uint64_t id_body = 0;
  char buf[32];
  for (size_t i = 0; i < mapping_.fields.size(); ++i) {
    const FieldMapping& f = mapping_.fields[i];
    for (; next_field < static_cast<size_t>(f.field); ++next_field)
      out->arena.PushBack(0);
    ++next_field;
    std::string_view value =
        present[i] ? TrimBlank(raw[i]) : std::string_view();
    if (value.empty() && f.default_value) value = *f.default_value;
    if (f.spec->type != FieldType::kEnum && !f.values.empty()) {
      // The mapping's translation of this field's words, before parsing,
      // as for enumerations: after the default. One translated to "" is
      // blank.
      auto it = f.values.find(FoldSpelling(value));
      if (it != f.values.end()) value = it->second;
    }
    if (value.empty()) {
      // A deletion row needs only its key.
      bool needed = deletion ? IsKeyField(f.field) : f.required;
      if (needed) {
        reject(f.spec->name, "missing_value", "");
        continue;
      }
      out->arena.PushBack(0);
      continue;
    }
    switch (f.spec->type) {
      case FieldType::kId: {
        ResidentId id;
        IdError e = ParseResidentId(value, &id);
        if (e != IdError::kNone) {
          reject(f.spec->name, IdErrorCode(e), value);
          // The birth date is checked before the check digit: a clerk
          // who fixes the date must not find the ID refused again.
          if (e == IdError::kBadBirthDate && CheckDigitFails(value)) {
            AddReason(line, f.spec->name, IdErrorCode(IdError::kBadCheckDigit),
                      value, out);
          }
          break;
        }
        id.WriteTo(buf);
        AppendField(std::string_view(buf, 18), &out->arena);
        if (static_cast<int>(i) == id_slot_) id_body = id.body;
        break;
      }
      case FieldType::kText:
        if (value.find('\xEF') != std::string_view::npos ||
            value.find('\xE3') != std::string_view::npos) {
          AppendField(FoldFullWidth(value), &out->arena);
        } else {
          AppendField(value, &out->arena);
        }
        break;
      case FieldType::kDate: {
        Date d;
        if (!ParseDate(value, &d)) {
          reject(f.spec->name, "bad_date", value);
          break;
        }
        d.WriteTo(buf);
        AppendField(std::string_view(buf, 10), &out->arena);
        break;
      }
      case FieldType::kAmount: {
        int64_t fen;
        if (!ParseAmountFen(value, f.unit, &fen)) {
          reject(f.spec->name, "bad_amount", value);
          break;
        }
        AppendField(std::string_view(buf, WriteFen(fen, buf)), &out->arena);
        break;
      }
      case FieldType::kMonth:
        if (!ParseMonth(value, &scratch_)) {
          reject(f.spec->name, "bad_month", value);
          break;
        }
        AppendField(scratch_, &out->arena);
        break;
      case FieldType::kEnum: {
        scratch_ = FoldSpelling(value);
        auto it = f.values.find(scratch_);
        if (it != f.values.end()) {
          AppendField(it->second, &out->arena);
        } else if (f.spec->codes.empty() ? f.values.empty()
                                         : IsCode(*f.spec, scratch_)) {
          AppendField(scratch_, &out->arena);  // already the canonical code
        } else if (f.other) {
          AppendField(*f.other, &out->arena);
        } else {
          reject(f.spec->name, "unknown_value", value);
        }
        break;
      }
    }
  }
  if (rejected) {
    out->arena.Resize(offset);
    ++out->rejected_rows;
    return;
  }
  for (; next_field < field_count; ++next_field) out->arena.PushBack(0);
  Entry entry{id_body, static_cast<uint32_t>(line),
              static_cast<uint32_t>(out->arena.size() - offset),
              reinterpret_cast<const char*>(offset)};
  entry.deletion = deletion;
  if (!mapping_.key_fields.empty()) {
    // The natural key: the key fields' normalised values, joined by US.
    std::vector<std::string_view> fields;
    DecodeRecordFields(
        std::string_view(out->arena.data() + offset, entry.length), &fields);
    std::string key;
    for (size_t k = 0; k < mapping_.key_fields.size(); ++k) {
      if (k) key.push_back('\x1f');
      key.append(fields[static_cast<size_t>(mapping_.key_fields[k])]);
    }
    out->arena.Append(key);
    entry.key_length = static_cast<uint32_t>(key.size());
  }
  out->entries.push_back(entry);
}

bool RowConverter::IsKeyField(int field) const {
  return std::find(mapping_.key_fields.begin(), mapping_.key_fields.end(),
                   field) != mapping_.key_fields.end();
}

void RowConverter::Reject(uint64_t line, std::string_view field,
                          std::string_view reason, std::string_view value,
                          ChunkResult* out) {
  AddReason(line, field, reason, value, out);
  ++out->rejected_rows;
}

void RowConverter::AddReason(uint64_t line, std::string_view field,
                             std::string_view reason, std::string_view value,
                             ChunkResult* out) {
  out->quarantine.push_back(
      QuarantineRow{line, field, reason, EscapeForTsv(value)});
}

}  // namespace hedui
