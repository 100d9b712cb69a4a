// Files attached to review steps (home-visit photos, signed forms), stored
// content-addressed: DATA/cases/attachments/<sha256>, owner-only. The name
// a reviewer gave a file is kept in the case as text and never becomes a
// path; the path is made from the hash alone, checked to be 64 hex digits.
#ifndef HEDUI_ENGINE_CASES_ATTACHMENTS_H_
#define HEDUI_ENGINE_CASES_ATTACHMENTS_H_

#include <string>
#include <string_view>

#include "hedui/review_case.h"
#include "hedui/status.h"

namespace hedui {

// A name is shown to people, never used as a path; still, one with a path
// separator, a control character or over 255 bytes is refused, so that a
// download's suggested name is harmless too.
[[nodiscard]] Status CheckAttachmentName(std::string_view name);

bool IsSha256Hex(std::string_view text);

class AttachmentStore {
 public:
  explicit AttachmentStore(std::string dir) : dir_(std::move(dir)) {}
  // Stores `content` (once: the same bytes twice are one file).
  [[nodiscard]] StatusOr<Attachment> Put(const std::string& name,
                                         std::string_view content);
  // The bytes of `sha256`, checked against the hash on the way out.
  [[nodiscard]] StatusOr<std::string> Get(const std::string& sha256) const;

 private:
  std::string dir_;
};

}  // namespace hedui

#endif  // HEDUI_ENGINE_CASES_ATTACHMENTS_H_
