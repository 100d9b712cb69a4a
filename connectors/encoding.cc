#include "connectors/encoding.h"

#include <simdjson.h>

#include <cerrno>

namespace hedui {

Gb18030Decoder::Gb18030Decoder() : cd_(iconv_open("UTF-8", "GB18030")) {}

Gb18030Decoder::~Gb18030Decoder() {
  if (ok()) iconv_close(cd_);
}

void Gb18030Decoder::Convert(std::string_view in, ByteArena* out) {
  // UTF-8 of a GB18030 text is at most 1.5× as long (2 bytes → 3, 4 → 4).
  out->Resize(in.size() + in.size() / 2 + 16);
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  char* dst = out->data();
  size_t dst_left = out->size();
  iconv(cd_, nullptr, nullptr, nullptr, nullptr);
  while (src_left > 0) {
    size_t r = iconv(cd_, &src, &src_left, &dst, &dst_left);
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      size_t used = static_cast<size_t>(dst - out->data());
      out->Resize(out->size() * 2);
      dst = out->data() + used;
      dst_left = out->size() - used;
      continue;
    }
    // EILSEQ or EINVAL: mark the byte and resynchronise on the next one.
    if (dst_left == 0) {
      size_t used = static_cast<size_t>(dst - out->data());
      out->Resize(out->size() + 64);
      dst = out->data() + used;
      dst_left = out->size() - used;
    }
    *dst++ = kInvalidByteMarker;
    --dst_left;
    ++src;
    --src_left;
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);
  }
  out->Resize(static_cast<size_t>(dst - out->data()));
}

bool IsValidUtf8(std::string_view text) {
  return simdjson::validate_utf8(text.data(), text.size());
}

size_t Utf8BomLength(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

}  // namespace hedui
