// Whole-file ingest (connectors/ingest) through the demo county's mappings
// (configs/feeds/demo/*.toml, or the folder HEDUI_FUZZ_MAPPINGS names): the
// first byte picks the mapping, the second the chunk size and memory budget,
// the rest is the file. Each input is ingested into a fresh data directory
// in a temporary folder (in /dev/shm where there is one), removed
// afterwards. Besides not crashing: an
// ingest either fails with a message or accounts for every row it read as
// accepted or quarantined.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "connectors/ingest.h"
#include "connectors/mapping.h"
#include "engine/index/index.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace fs = std::filesystem;

struct State {
  std::vector<hedui::Mapping> mappings;
  fs::path work;  // removed at exit
};

State& GetState() {
  static State* state = [] {
    auto* s = new State();
    const char* dir = std::getenv("HEDUI_FUZZ_MAPPINGS");
    fs::path folder =
        dir ? fs::path(dir)
            : fs::path(HEDUI_SOURCE_DIR) / "configs" / "feeds" / "demo";
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(folder))
      if (e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      hedui::StatusOr<hedui::Mapping> m = hedui::LoadMapping(f.string());
      if (!m.ok()) {
        std::fprintf(stderr, "%s\n", m.status().message().c_str());
        std::abort();
      }
      s->mappings.push_back(std::move(*m));
    }
    FUZZ_CHECK(!s->mappings.empty());
    // In memory where the system has /dev/shm: each ingest syncs its files,
    // which cost ~140 ms per input on this project's disks and ~10 ms on
    // tmpfs, where a sync has nothing to wait for.
    fs::path base = access("/dev/shm", W_OK) == 0 ? fs::path("/dev/shm")
                                                  : fs::temp_directory_path();
    std::string pattern = (base / "hedui-fuzz-ingest.XXXXXX").string();
    FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
    s->work = pattern;
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(GetState().work, ec);
    });
    return s;
  }();
  return *state;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  State& state = GetState();
  const hedui::Mapping& mapping =
      state.mappings[data[0] % state.mappings.size()];
  hedui::IngestOptions options;
  // From 16 bytes (every record crosses chunks) to the default 4 MB.
  options.chunk_bytes = size_t{16} << (data[1] % 19);
  options.memory_budget_bytes = options.max_run_bytes = size_t{4096}
                                                        << (data[1] / 19 % 12);

  fs::path file = state.work / "input";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 2), size - 2);
    FUZZ_CHECK(out.good());
  }
  fs::path dir = state.work / "data";
  {
    auto index =
        hedui::Index::Open(dir.string(), hedui::Index::Mode::kReadWrite);
    FUZZ_CHECK(index.ok());
    hedui::StatusOr<hedui::IngestResult> result =
        hedui::IngestFile(index->get(), mapping, file.string(), options);
    if (result.ok()) {
      const hedui::BatchInfo& b = result->batch;
      FUZZ_CHECK(b.read == b.accepted + b.quarantined);
    } else {
      FUZZ_CHECK(!result.status().message().empty());
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
