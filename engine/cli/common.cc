#include "engine/cli/common.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "engine/base/local_time.h"
#include "engine/base/private_files.h"
#include "engine/cli/store_socket.h"

namespace hedui::cli {

Progress::Progress(std::string label)
    : label_(std::move(label)), enabled_(isatty(STDERR_FILENO)) {}

Progress::~Progress() {
  if (enabled_ && shown_) std::fprintf(stderr, "\r\033[K");
}

void Progress::operator()(size_t done, size_t total) {
  if (!enabled_ || total == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  auto now = std::chrono::steady_clock::now();
  // Ten redraws a second are plenty, and a slow terminal never holds back
  // the workers that report.
  if (shown_ && now - last_ < std::chrono::milliseconds(100) && done < total)
    return;
  last_ = now;
  shown_ = true;
  std::fprintf(stderr, "\r\033[K%s %3d%%", label_.c_str(),
               static_cast<int>(100.0 * double(done) / double(total)));
}

void WarnIfOpenToOthers(const std::string& dir) {
  if (std::optional<std::string> warning = OpenToOthersWarning(dir))
    std::fprintf(stderr, "hedui: %s\n", warning->c_str());
}

int Fail(const Status& s) {
  std::fprintf(stderr, "hedui: %s\n", s.message().c_str());
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      return 2;
    case Status::Code::kPermissionDenied:
      return 3;
    case Status::Code::kFailedPrecondition:
      return 4;
    default:
      return 1;
  }
}

StatusOr<Date> ParseAsOf(const std::string& text) {
  Date d;
  if (!ParseDate(text, &d)) {
    return Status::InvalidArgument(
        fmt::format("--as-of '{}' is not a date (YYYY-MM-DD)", text));
  }
  return d;
}

// The case store's day (the day in China), so that a date left out is
// never one the store refuses as in the future, nor yesterday's on a
// machine kept in UTC.
Date Today() { return TodayInChina(); }

namespace {
std::string& ProgramNameOfProcess() {
  static std::string name = "hedui";
  return name;
}
}  // namespace

const std::string& ProgramName() {
  const ServedContext* served = CurrentServedContext();
  if (served != nullptr && served->program != nullptr) return *served->program;
  return ProgramNameOfProcess();
}

void SetProgramName(std::string name) {
  if (!name.empty()) ProgramNameOfProcess() = std::move(name);
}

std::string DefaultConfigs() {
  std::string dir = std::string(HEDUI_SOURCE_DIR) + "/configs";
  return std::filesystem::exists(dir) ? dir : "configs";
}

}  // namespace hedui::cli
