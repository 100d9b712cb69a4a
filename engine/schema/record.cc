#include "hedui/record.h"

namespace hedui {

namespace {
void PutBigEndian64(uint64_t v, char* out) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
}
void PutBigEndian32(uint32_t v, char* out) {
  for (int i = 3; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
}
uint64_t GetBigEndian(const char* in, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}
}  // namespace

void EncodeRecordKey(const RecordKey& key, char out[kRecordKeySize]) {
  PutBigEndian64(key.id_body, out);
  PutBigEndian32(key.batch, out + 8);
  PutBigEndian32(key.line, out + 12);
}

std::string EncodeIdPrefix(uint64_t id_body) {
  std::string s(8, '\0');
  PutBigEndian64(id_body, s.data());
  return s;
}

bool DecodeRecordKey(std::string_view bytes, RecordKey* key) {
  if (bytes.size() != kRecordKeySize) return false;
  key->id_body = GetBigEndian(bytes.data(), 8);
  key->batch = static_cast<uint32_t>(GetBigEndian(bytes.data() + 8, 4));
  key->line = static_cast<uint32_t>(GetBigEndian(bytes.data() + 12, 4));
  return true;
}

void AppendRecordField(std::string_view value, std::string* out) {
  size_t n = value.size();
  while (n >= 0x80) {
    out->push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  out->push_back(static_cast<char>(n));
  out->append(value);
}

bool DecodeRecordFields(std::string_view value,
                        std::vector<std::string_view>* fields) {
  fields->clear();
  size_t pos = 0;
  while (pos < value.size()) {
    size_t n = 0;
    int shift = 0;
    for (;;) {
      if (pos >= value.size() || shift > 28) return false;
      unsigned char b = static_cast<unsigned char>(value[pos++]);
      n |= static_cast<size_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) break;
      shift += 7;
    }
    if (n > value.size() - pos) return false;
    fields->push_back(value.substr(pos, n));
    pos += n;
  }
  return true;
}

}  // namespace hedui
