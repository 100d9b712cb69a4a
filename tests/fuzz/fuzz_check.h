// What a fuzz target asserts beyond "does not crash": a property that
// failed aborts with the condition and its place, which libFuzzer and the
// standalone driver both report as a crash with the input that caused it.
#ifndef HEDUI_TESTS_FUZZ_FUZZ_CHECK_H_
#define HEDUI_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                          \
  do {                                                                 \
    if (!(condition)) {                                                \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, \
                   __LINE__, #condition);                              \
      std::abort();                                                    \
    }                                                                  \
  } while (0)

#endif  // HEDUI_TESTS_FUZZ_FUZZ_CHECK_H_
