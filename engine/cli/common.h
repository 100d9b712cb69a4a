// What every subcommand of the hedui program uses: how a command is
// registered, progress on the terminal, errors as exit codes, the as-of
// date. The program only parses arguments, calls the library (hedui/*.h)
// and prints; each subcommand is one file here.
#ifndef HEDUI_ENGINE_CLI_COMMON_H_
#define HEDUI_ENGINE_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

#include "hedui/date.h"
#include "hedui/status.h"

namespace hedui::cli {

// A subcommand: its node in the argument parser, and what it does once the
// arguments are parsed (returning the exit status).
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

// Progress on stderr, only when it is a terminal; safe from any thread.
class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();
  void operator()(size_t done, size_t total);
  // As the progress callback the library's options take.
  std::function<void(size_t, size_t)> Callback() {
    return [this](size_t done, size_t total) { (*this)(done, total); };
  }

 private:
  std::string label_;
  bool enabled_;
  bool shown_ = false;
  std::mutex mu_;
  std::chrono::steady_clock::time_point last_;
};

// Says what failed on stderr and returns the exit status for it: 2 for a
// bad argument, mapping or rules file (InvalidArgument), 3 for what the
// user's role or townships do not allow, 4 for what the case's status
// does not allow, 1 otherwise.
int Fail(const Status& s);

// The value of an --as-of option: InvalidArgument naming it when it is not
// a date.
StatusOr<Date> ParseAsOf(const std::string& text);

// Says on stderr when others may read the data directory `dir`.
void WarnIfOpenToOthers(const std::string& dir);

// Today in local time: the as-of date of a point check that names none.
Date Today();

// The program as the user ran it (argv[0], e.g. ./build/hedui), for the
// commands printed as examples and hints: `hedui` alone need not be on the
// PATH. A command sent to the running review site gets its client's.
const std::string& ProgramName();
void SetProgramName(std::string name);

// The configs/ directory: the source tree's when the program runs from the
// tree it was built from, else ./configs.
std::string DefaultConfigs();

}  // namespace hedui::cli

#endif  // HEDUI_ENGINE_CLI_COMMON_H_
