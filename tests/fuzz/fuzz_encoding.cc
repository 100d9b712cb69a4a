// Encodings (connectors/encoding): GB18030 decoding and UTF-8 validation of
// any bytes. Besides not crashing: the fast decoder gives exactly what one
// glibc iconv pass gives (the ingest trusts it to), its output is valid
// UTF-8 once the invalid-byte markers are dropped, and valid UTF-8 sent
// through iconv to GB18030 comes back unchanged.
#include <iconv.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "connectors/encoding.h"
#include "engine/base/byte_arena.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

// UTF-8 → GB18030 with glibc, or false where iconv refuses the text.
bool ToGb18030(std::string_view utf8, std::string* out) {
  static iconv_t cd = iconv_open("GB18030", "UTF-8");
  FUZZ_CHECK(cd != reinterpret_cast<iconv_t>(-1));
  out->assign(utf8.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(utf8.data());
  size_t src_left = utf8.size();
  char* dst = out->data();
  size_t dst_left = out->size();
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1))
    return false;
  if (iconv(cd, nullptr, nullptr, &dst, &dst_left) == static_cast<size_t>(-1))
    return false;
  out->resize(out->size() - dst_left);
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static hedui::Gb18030Decoder* decoder = new hedui::Gb18030Decoder();
  FUZZ_CHECK(decoder->ok());
  std::string_view in(reinterpret_cast<const char*>(data), size);

  hedui::ByteArena fast, reference;
  decoder->Convert(in, &fast);
  decoder->ConvertWithIconv(in, &reference);
  FUZZ_CHECK(fast.view() == reference.view());

  std::string unmarked;
  for (char c : fast.view())
    if (c != hedui::kInvalidByteMarker) unmarked.push_back(c);
  FUZZ_CHECK(hedui::IsValidUtf8(unmarked));

  size_t bom = hedui::Utf8BomLength(in);
  FUZZ_CHECK(bom == 0 || bom == 3);
  if (hedui::IsValidUtf8(in)) {
    std::string gb;
    if (ToGb18030(in, &gb)) {
      hedui::ByteArena back;
      decoder->Convert(gb, &back);
      FUZZ_CHECK(back.view() == in);
    }
  }
  return 0;
}
