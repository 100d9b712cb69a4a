#!/usr/bin/env bash
# The repository stands alone (issue 20): nothing in the build, the tests or
# the docs names a path outside it — the project's neighbours (the shared
# folder of its first sessions, its engineering notes) are not on a user's
# machine. Fails listing each tracked file and line that does.
#   tests/stands_alone_test.sh SOURCE_DIR
set -euo pipefail
cd "$1"
# The patterns are assembled so that this file does not name them itself.
dotdot='\.\./'
patterns=("${dotdot}shared" "ENGINEERING""_NOTES")
found=0
for pattern in "${patterns[@]}"; do
  if hits=$(git ls-files -z | xargs -0 grep -nIE "$pattern" -- 2>/dev/null); then
    echo "names something outside the repository ($pattern):" >&2
    echo "$hits" >&2
    found=1
  fi
done
if [ "$found" -ne 0 ]; then
  exit 1
fi
echo "ok: no tracked file names a path outside the repository"
