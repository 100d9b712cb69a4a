#include "engine/cases/attachments.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/base/files.h"
#include "engine/base/private_files.h"
#include "engine/cases/case_codec.h"

namespace hedui {

Status CheckAttachmentName(std::string_view name) {
  bool ok = !name.empty() && name.size() <= 255 && name != "." &&
            name != ".." && IsUtf8(name);
  for (unsigned char c : name)
    ok &= c >= 0x20 && c != 0x7f && c != '/' && c != '\\';
  if (!ok) {
    return Status::InvalidArgument(
        "附件名无效：1–255 字节，不含 / \\ 和控制字符 / an attachment name "
        "must "
        "be 1–255 bytes of UTF-8 with no / or \\ and no control characters");
  }
  return Status::OK();
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

StatusOr<Attachment> AttachmentStore::Put(const std::string& name,
                                          std::string_view content) {
  HEDUI_RETURN_IF_ERROR(CheckAttachmentName(name));
  Attachment a;
  a.name = name;
  a.sha256 = Sha256Hex(content);
  a.size = content.size();
  HEDUI_RETURN_IF_ERROR(MakePrivateDirectory(dir_));
  std::string path = dir_ + "/" + a.sha256;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    HEDUI_RETURN_IF_ERROR(WriteFileAtomically(path, content));
    HEDUI_RETURN_IF_ERROR(MakeFilePrivate(path));
  }
  return a;
}

StatusOr<std::string> AttachmentStore::Get(const std::string& sha256) const {
  if (!IsSha256Hex(sha256)) {
    return Status::InvalidArgument(
        "附件标识须为 64 位十六进制 / an attachment is named by its SHA-256 "
        "(64 hex digits)");
  }
  std::ifstream in(dir_ + "/" + sha256, std::ios::binary);
  if (!in) {
    return Status::NotFound(fmt::format(
        "附件 {} 不在存储中 / attachment {} is missing from the store",
        sha256.substr(0, 12), sha256.substr(0, 12)));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string content = std::move(bytes).str();
  if (Sha256Hex(content) != sha256) {
    return Status::Corruption(fmt::format(
        "附件 {} 内容已被改动 / attachment {} does not match its hash",
        sha256.substr(0, 12), sha256.substr(0, 12)));
  }
  return content;
}

}  // namespace hedui
