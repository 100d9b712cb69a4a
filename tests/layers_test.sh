#!/usr/bin/env bash
# The layer check (cmake/check_layers.cmake) passes on the tree as it is and
# refuses an upward #include, a public header including a private one, and
# an unlisted public header: each planted in a copy of the sources.
set -euo pipefail
src=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
check() {  # check DIR: runs the layer check over DIR, prints its output
  cmake -DSOURCE_DIR="$1" -P "$src/cmake/check_layers.cmake" 2>&1
}
fresh() {  # fresh: a copy of the layered folders in $work/tree
  rm -rf "$work/tree"
  mkdir -p "$work/tree"
  cp -r "$src/engine" "$src/connectors" "$src/matchers" "$work/tree/"
}

check "$src" >/dev/null || { echo "FAIL: the tree itself fails the layer check"; check "$src"; exit 1; }

expect_refused() {  # expect_refused WHAT PATTERN
  if out=$(check "$work/tree"); then
    echo "FAIL: $1 was not refused"; exit 1
  fi
  grep -q -- "$2" <<<"$out" || { echo "FAIL: $1: unexpected message:"; echo "$out"; exit 1; }
  echo "ok: $1 refused"
}

fresh
echo '#include "engine/check/cross_check.h"' >> "$work/tree/engine/base/text.cc"
expect_refused "base including check" "engine/base/text.cc (layer base) includes engine/check/cross_check.h (layer check)"

fresh
echo '#include "engine/index/index.h"' >> "$work/tree/matchers/deceased.cc"
expect_refused "a matcher including the index" "matchers/deceased.cc (layer matchers) includes engine/index/index.h"

fresh
echo '#include "engine/base/text.h"' >> "$work/tree/engine/include/hedui/status.h"
expect_refused "a public header including a private one" "a public header may include only public headers"

fresh
printf '#pragma once\n' > "$work/tree/engine/include/hedui/unlisted.h"
expect_refused "an unlisted public header" "not listed in HEDUI_PUBLIC_HEADERS"
echo "layers_test: all passed"
