#!/usr/bin/env bash
# Every repository path named in a comment, a README or ARCHITECTURE.md
# exists (tests/paths_test.py; issue 20 found 27 that named files from before
# the floors). First the checker on a small planted tree, so that a checker
# that finds nothing cannot pass; then on the sources.
set -euo pipefail
src=$(cd "$1" && pwd)
checker="$src/tests/paths_test.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

t="$work/tree"
mkdir -p "$t/engine/base" "$t/engine/include/hedui" "$t/tests/web" "$t/configs/feeds/demo" "$t/docs"
printf 'node_modules/\n' >"$t/.gitignore"
: >"$t/engine/base/text.h"
: >"$t/engine/include/hedui/ok.h"
: >"$t/configs/feeds/demo/roll.toml"
cat >"$t/engine/base/text.cc" <<'CC'
// Good: engine/base/text.h, engine/base/text.h:12, engine/base/text (a module),
// hedui/ok.h (a public header).
// Bad: engine/base/gone.h:40, in a comment; hedui/gone.h, a public header.
/* Bad too: tests/web/gone.sh,
   tests/missing/ in a block comment's second line. */
#include "engine/base/not_a_comment.h"
const char* kNotAComment = "engine/base/in_a_string.h";  // engine/base/
CC
cat >"$t/CMakeLists.txt" <<'CM'
# Bad: tests/cmake_gone.sh
set(x "${X}#tests/not_a_comment")  # Good: tests/web/run.sh
CM
cat >"$t/tests/web/run.sh" <<'SH'
cat >x <<'DATA'
# Good: a here-document's tests/not_a_comment is data.
DATA
echo "#tests/in_a_string" $# # Bad: tests/web/after_heredoc.sh
SH
cat >"$t/docs/README.md" <<'MD'
Good: [up](../tests/web/run.sh), [here](README.md). Bad: [root](tests/web/run.sh).
MD
cat >"$t/README.md" <<'MD'
Good: `configs/feeds/demo/*.toml`, `configs/feeds/my-vehicles.toml`,
tests/web/node_modules (installed, ignored), configs/feeds/{demo,demo}/,
tests/web/<name>.sh, engine/…, [text](engine/base/text.h), DATA/cases/.
Bad: `configs/feeds/*.toml` (nothing directly there), engine/base/{text,gone}.h,
[a link](docs/gone.md), [outside](../neighbour.md), tests/web/<name>.py.
Bad: ./tests/web/gone.sh, tests/web/NOTES.md (capitals with an extension are a name, not a slot).
Good: tests/web/TARGET/, tests/web/X, tests/web/x.sh, ./tests/web/run.sh.
MD
git -C "$t" init -q
git -C "$t" add -A

expected="$work/expected"
cat >"$expected" <<'EXP'
  engine/base/text.cc:3: engine/base/gone.h
  engine/base/text.cc:3: hedui/gone.h (that is, engine/include/hedui/gone.h)
  engine/base/text.cc:4: tests/web/gone.sh
  engine/base/text.cc:5: tests/missing/
  CMakeLists.txt:1: tests/cmake_gone.sh
  tests/web/run.sh:4: tests/web/after_heredoc.sh
  README.md:4: configs/feeds/*.toml
  docs/README.md:1: tests/web/run.sh (that is, docs/tests/web/run.sh)
  README.md:4: engine/base/{text,gone}.h
  README.md:5: docs/gone.md
  README.md:5: ../neighbour.md (outside the repository)
  README.md:5: tests/web/<name>.py
  README.md:6: tests/web/gone.sh
  README.md:6: tests/web/NOTES.md
EXP
if out=$(python3 "$checker" "$t"); then
  echo "FAIL: the planted tree's broken references were not found:"
  echo "$out"
  exit 1
fi
if ! diff <(grep '^  ' <<<"$out" | sort) <(sort "$expected"); then
  echo "FAIL: the planted tree: the checker's list (<) is not the planted one (>)"
  exit 1
fi
echo "ok: the planted tree's $(wc -l <"$expected") broken references found, no others"

python3 "$checker" "$src"
