// Text encodings of department exports. Everything past the connector is
// UTF-8; GB18030 (and its subset GBK) is converted with glibc iconv.
#ifndef HEDUI_CONNECTORS_ENCODING_H_
#define HEDUI_CONNECTORS_ENCODING_H_

#include <iconv.h>

#include <string>
#include <string_view>

#include "engine/base/byte_arena.h"
#include "hedui/status.h"

namespace hedui {

enum class Encoding { kUtf8, kGb18030 };

// The byte written in place of each input byte that is not valid in the
// source encoding. 0xFF never occurs in UTF-8, so the row holding it fails
// UTF-8 validation and is quarantined as invalid_encoding, while the rows
// around it convert normally.
inline constexpr char kInvalidByteMarker = '\xFF';

// Converts GB18030 to UTF-8. One per thread: an iconv descriptor holds
// state and is not safe to share.
class Gb18030Decoder {
 public:
  Gb18030Decoder();
  ~Gb18030Decoder();
  Gb18030Decoder(const Gb18030Decoder&) = delete;
  Gb18030Decoder& operator=(const Gb18030Decoder&) = delete;

  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // Replaces `out` with the UTF-8 of `in`. Input must end at a character
  // boundary (chunks are cut at newlines, and GB18030 trail bytes are never
  // CR or LF); an incomplete sequence at the end is marked invalid.
  void Convert(std::string_view in, ByteArena* out);
  // The same, one iconv call per run of valid input: the reference the fast
  // path is tested against.
  void ConvertWithIconv(std::string_view in, ByteArena* out);

 private:
  iconv_t cd_;
};

bool IsValidUtf8(std::string_view text);

// Length of a UTF-8 byte-order mark at the start of `text`, 0 or 3.
size_t Utf8BomLength(std::string_view text);

}  // namespace hedui

#endif  // HEDUI_CONNECTORS_ENCODING_H_
