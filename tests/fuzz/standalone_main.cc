// A main for the fuzz targets in builds without libFuzzer (g++, the normal
// build and CI): every file of the given corpus folders goes through
// LLVMFuzzerTestOneInput once, then a fixed number of deterministic
// mutations of them. Each target is a ctest test this way, so a parser
// regression fails `ctest` on every build, not only in a fuzzing campaign.
//
//   fuzz_csv [-runs=N] [-seed=S] [-max_len=B] CORPUS_DIR_OR_FILE...
//
// The mutations come from a fixed-seed generator, so a failure reproduces
// with the same command. A crash kills the process before anything can be
// reported, so -save=FILE writes each input to FILE just before it runs
// (after a crash FILE holds the culprit; run the libFuzzer build on it for
// a symbolised report), and -verbose=1 names each input on stderr.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Optional, as with libFuzzer.
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc,
                                                          char*** argv);

namespace {

namespace fs = std::filesystem;

// splitmix64: small, fast, and the same sequence on every platform.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return n == 0 ? 0 : Next() % n; }

 private:
  uint64_t state_;
};

// Bytes and tokens that matter to the parsers under test: CSV structure,
// GB18030 lead and trail bytes, UTF-8 multi-byte starts and the invalid
// 0xFF, the characters amounts, dates and addresses are written with, and
// TOML syntax.
const std::vector<std::string>& Tokens() {
  static const std::vector<std::string> tokens = {",",
                                                  "\"",
                                                  "\n",
                                                  "\r\n",
                                                  "\t",
                                                  "{",
                                                  "}",
                                                  "[",
                                                  "]",
                                                  "=",
                                                  ":",
                                                  "\\",
                                                  "\x81",
                                                  "\xFE",
                                                  "\x81\x30",
                                                  "\xFF",
                                                  "\xC3",
                                                  "\xE4\xB8",
                                                  "\xEF\xBB\xBF",
                                                  "万元",
                                                  "万",
                                                  "元",
                                                  "、",
                                                  "．",
                                                  "，",
                                                  "年",
                                                  "月",
                                                  "日",
                                                  "组",
                                                  "号",
                                                  "村",
                                                  "镇",
                                                  "单元",
                                                  "室",
                                                  "·",
                                                  "-",
                                                  "+",
                                                  ".",
                                                  "0",
                                                  "9",
                                                  "X",
                                                  "99999999999999999999",
                                                  "-9223372036854775808",
                                                  "9223372036854775807",
                                                  "4294967296",
                                                  "1e308",
                                                  "\"\"",
                                                  "nan",
                                                  "inf",
                                                  "true",
                                                  "null",
                                                  "index = ",
                                                  "unit = ",
                                                  "months = ",
                                                  "values = ",
                                                  "\x00"};
  return tokens;
}

std::string Mutate(std::string s, const std::vector<std::string>& corpus,
                   Random* rng, size_t max_len) {
  int edits = 1 + static_cast<int>(rng->Below(4));
  for (int e = 0; e < edits; ++e) {
    switch (rng->Below(8)) {
      case 0:  // flip a bit
        if (!s.empty()) s[rng->Below(s.size())] ^= 1 << rng->Below(8);
        break;
      case 1:  // overwrite a byte
        if (!s.empty()) s[rng->Below(s.size())] = rng->Below(256);
        break;
      case 2:  // insert a byte
        s.insert(s.begin() + rng->Below(s.size() + 1),
                 static_cast<char>(rng->Below(256)));
        break;
      case 3: {  // insert a token
        const std::string& t = Tokens()[rng->Below(Tokens().size())];
        s.insert(rng->Below(s.size() + 1), t.empty() ? std::string(1, 0) : t);
        break;
      }
      case 4:  // erase a range
        if (!s.empty()) {
          size_t at = rng->Below(s.size());
          s.erase(at, 1 + rng->Below(std::min<size_t>(s.size() - at, 16)));
        }
        break;
      case 5:  // truncate
        s.resize(rng->Below(s.size() + 1));
        break;
      case 6:  // duplicate a range
        if (!s.empty()) {
          size_t at = rng->Below(s.size());
          size_t n = 1 + rng->Below(std::min<size_t>(s.size() - at, 64));
          s.insert(rng->Below(s.size() + 1), s.substr(at, n));
        }
        break;
      case 7: {  // splice: this input's head, another's tail
        const std::string& other = corpus[rng->Below(corpus.size())];
        s = s.substr(0, rng->Below(s.size() + 1)) +
            other.substr(rng->Below(other.size() + 1));
        break;
      }
    }
  }
  if (s.size() > max_len) s.resize(max_len);
  return s;
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

void Run(const std::string& input, const char* save) {
  if (save != nullptr) {
    std::ofstream(save, std::ios::binary | std::ios::trunc) << input;
  }
  // A copy in its own allocation, as libFuzzer does, so that a read past
  // the end is a read past an allocation (ASan sees it).
  std::vector<uint8_t> copy(input.begin(), input.end());
  LLVMFuzzerTestOneInput(copy.empty() ? nullptr : copy.data(), copy.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  size_t runs = 1000;
  uint64_t seed = 14;
  size_t max_len = 64 << 10;
  const char* save = nullptr;
  bool verbose = false;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with("-runs=")) {
      runs = std::strtoull(argv[i] + 6, nullptr, 10);
    } else if (arg.starts_with("-seed=")) {
      seed = std::strtoull(argv[i] + 6, nullptr, 10);
    } else if (arg.starts_with("-max_len=")) {
      max_len = std::strtoull(argv[i] + 9, nullptr, 10);
    } else if (arg.starts_with("-save=")) {
      save = argv[i] + 6;
    } else if (arg == "-verbose=1") {
      verbose = true;
    } else if (arg.starts_with("-")) {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    } else if (fs::is_directory(arg)) {
      std::vector<fs::path> found;
      for (const auto& e : fs::recursive_directory_iterator(arg))
        if (e.is_regular_file()) found.push_back(e.path());
      // Directory order differs between file systems; the runs must not.
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(arg)) {
      files.emplace_back(arg);
    } else {
      std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
      return 2;
    }
  }
  std::vector<std::string> corpus;
  for (const fs::path& p : files) {
    std::string data;
    if (!ReadFile(p, &data)) {
      std::fprintf(stderr, "%s: cannot read\n", p.c_str());
      return 2;
    }
    if (verbose) std::fprintf(stderr, "input %s\n", p.c_str());
    Run(data, save);
    corpus.push_back(std::move(data));
  }
  if (corpus.empty()) corpus.emplace_back();
  auto start = std::chrono::steady_clock::now();
  Random rng(seed);
  for (size_t r = 0; r < runs; ++r) {
    std::string input =
        Mutate(corpus[rng.Below(corpus.size())], corpus, &rng, max_len);
    if (verbose) std::fprintf(stderr, "mutation %zu\n", r);
    Run(input, save);
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf(
      "%zu corpus inputs and %zu mutations (seed %llu) ran clean; "
      "mutations %.2f s\n",
      files.size(), runs, static_cast<unsigned long long>(seed), seconds);
  return 0;
}
