#include "connectors/encoding.h"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

namespace hedui {

Gb18030Decoder::Gb18030Decoder() : cd_(iconv_open("UTF-8", "GB18030")) {}

Gb18030Decoder::~Gb18030Decoder() {
  if (ok()) iconv_close(cd_);
}

namespace {

// UTF-8 of every two-byte GB18030 sequence (lead 0x81..0xFE, trail
// 0x40..0xFE without 0x7F), taken from iconv itself once, so the fast path
// decodes exactly as glibc does. Low three bytes: the UTF-8; top byte: its
// length, 0 where iconv rejects the sequence.
constexpr int kTrails = 0xFF - 0x40;

const std::vector<uint32_t>& TwoByteTable() {
  static const std::vector<uint32_t>* table = [] {
    auto* t = new std::vector<uint32_t>(126 * kTrails, 0);
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) return t;
    for (int lead = 0x81; lead <= 0xFE; ++lead) {
      for (int trail = 0x40; trail <= 0xFE; ++trail) {
        if (trail == 0x7F) continue;
        char in[2] = {static_cast<char>(lead), static_cast<char>(trail)};
        char out[8];
        char* src = in;
        size_t src_left = 2;
        char* dst = out;
        size_t dst_left = sizeof out;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        if (iconv(cd, &src, &src_left, &dst, &dst_left) ==
                static_cast<size_t>(-1) ||
            src_left != 0)
          continue;
        size_t n = sizeof out - dst_left;
        if (n == 0 || n > 3) continue;  // left to iconv
        uint32_t v = static_cast<uint32_t>(n) << 24;
        for (size_t k = 0; k < n; ++k)
          v |= static_cast<uint32_t>(static_cast<unsigned char>(out[k]))
               << (8 * k);
        (*t)[(lead - 0x81) * kTrails + (trail - 0x40)] = v;
      }
    }
    iconv_close(cd);
    return t;
  }();
  return *table;
}

}  // namespace

void Gb18030Decoder::Convert(std::string_view in, ByteArena* out) {
  // Most of a register is ASCII and two-byte characters: those are copied
  // and looked up here; four-byte sequences (rare characters, the
  // supplementary planes) and anything invalid go through iconv.
  const std::vector<uint32_t>& table = TwoByteTable();
  out->Resize(in.size() + in.size() / 2 + 16);
  const unsigned char* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  char* dst = out->data();
  size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ULL) break;
      std::memcpy(dst, &word, 8);
      dst += 8;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      *dst++ = static_cast<char>(c);
      ++i;
      continue;
    }
    if (c >= 0x81 && c <= 0xFE && i + 1 < n) {
      unsigned char t = p[i + 1];
      if (t >= 0x40 && t <= 0xFE && t != 0x7F) {
        uint32_t v = table[(c - 0x81) * kTrails + (t - 0x40)];
        if (v != 0) {
          uint32_t len = v >> 24;
          dst[0] = static_cast<char>(v & 0xFF);
          dst[1] = static_cast<char>((v >> 8) & 0xFF);
          dst[2] = static_cast<char>((v >> 16) & 0xFF);
          dst += len;
          i += 2;
          continue;
        }
      }
    }
    // A four-byte sequence, or something invalid: one sequence through
    // iconv (at most four bytes in, eight out). The buffer was sized for 1.5
    // bytes out a byte in, what ASCII and the table's two-byte characters
    // take; six two-byte codes (FE51, FE52, FE53, FE6C, FE76, FE91) are
    // characters of the supplementary planes, two bytes in and four out, so
    // before each step here there must be room for it and for the rest of
    // the input at 1.5.
    const size_t written = static_cast<size_t>(dst - out->data());
    const size_t room = written + 8 + (n - i) + (n - i) / 2 + 16;
    if (room > out->size()) {
      out->Resize(room + room / 4);
      dst = out->data() + written;
    }
    char* src = const_cast<char*>(in.data() + i);
    size_t src_left = std::min<size_t>(4, n - i);
    char* before = src;
    size_t dst_left = 8;
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);
    size_t r = iconv(cd_, &src, &src_left, &dst, &dst_left);
    size_t used = static_cast<size_t>(src - before);
    if (used == 0) {
      // EILSEQ or EINVAL: mark the byte and resynchronise on the next one.
      (void)r;
      *dst++ = kInvalidByteMarker;
      ++i;
    } else {
      i += used;
    }
  }
  out->Resize(static_cast<size_t>(dst - out->data()));
}

void Gb18030Decoder::ConvertWithIconv(std::string_view in, ByteArena* out) {
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
