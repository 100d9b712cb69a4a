#!/usr/bin/env bash
# A household's assignment and home visit are one write: SIGKILL `hedui
# cases assign FILE` and `hedui cases step FILE` (each visit with a note no
# other command uses) at moments spread over their measured duration. After
# each kill the household's open flags are all assigned or none is, and a
# visit's note is on every flag of the household or on none; a command that
# exited 0 changed every flag. At the end the audit log verifies.
#
#   tests/cases_household_kill_test.sh HEDUI_BINARY CONFIGS_DIR [HOUSEHOLDS]
#
# As cases_kill_test.sh: each command is a plain background command, so $!
# is the hedui process itself, and the script waits for exactly it; no
# process is looked up by name. What it asserts never depends on when a
# kill landed.
set -euo pipefail
hedui=$(readlink -f "$1")
configs=$2
rounds=${3:-10}
work=$(mktemp -d /tmp/hedui-household-kill.XXXXXX)
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill -9 "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' TERM INT

fail() { echo "cases_household_kill_test: $*" >&2; exit 1; }

"$hedui" demo --dir "$work/demo" --residents 20000 --configs "$configs" > /dev/null
data="$work/demo/data"
rm -rf "$data/cases"
export HEDUI_NEW_PASSWORD=pw-admin-123456
"$hedui" users add --data "$data" admin --role admin < /dev/null > /dev/null 2>&1
unset HEDUI_NEW_PASSWORD
export HEDUI_PASSWORD=pw-admin-123456
as_admin=(--data "$data" --user admin)

# Households of two or more flags, by file number.
mapfile -t files < <("$hedui" cases list "${as_admin[@]}" --by household < /dev/null 2> /dev/null |
  awk '$1 ~ /^[0-9]+-[0-9]+-[0-9]+$/ && $3 >= 2 { print $1 }')
(( ${#files[@]} >= rounds )) || fail "only ${#files[@]} households of two flags"

# The household's flag rows: status (3rd column) and assignee (8th).
statuses() {
  "$hedui" cases list "${as_admin[@]}" --all --text "$1" < /dev/null 2> /dev/null |
    awk '/^F[0-9a-f]+ / { print $3 }' | sort | uniq -c | wc -l
}
notes_on() {  # how many flags of household $1 carry note $2
  "$hedui" cases show "${as_admin[@]}" "$1" < /dev/null 2> /dev/null | grep -c -- "$2" || true
}
flags_of() {
  "$hedui" cases list "${as_admin[@]}" --all --text "$1" < /dev/null 2> /dev/null |
    grep -c '^F[0-9a-f]* ' || true
}

now_ns() { date +%s%N; }
start=$(now_ns)
"$hedui" cases comment "${as_admin[@]}" "$(
  "$hedui" cases list "${as_admin[@]}" < /dev/null 2> /dev/null | awk '/^F[0-9a-f]+ / { print $1; exit }')" \
  --text timing < /dev/null > /dev/null 2>&1
cmd_ns=$(( $(now_ns) - start ))

killed=0
for i in $(seq 0 $((rounds - 1))); do
  file=${files[$i]}
  # Assign, killed somewhere within its duration.
  delay_ns=$(( cmd_ns * (i + 1) / (rounds + 1) ))
  "$hedui" cases assign "${as_admin[@]}" "$file" --to admin < /dev/null > /dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v ns="$delay_ns" 'BEGIN { printf "%.6f", ns / 1e9 }')"
  kill -9 "$pid" 2> /dev/null && killed=$((killed + 1)) || true
  code=0; wait "$pid" || code=$?; pid=""
  [ "$(statuses "$file")" = 1 ] || fail "$file: some flags assigned, some not, after a kill"
  if [ "$code" = 0 ]; then
    "$hedui" cases list "${as_admin[@]}" --text "$file" < /dev/null 2> /dev/null |
      grep -q '已分派' || fail "$file: assign exited 0 and changed nothing"
  fi
  # A visit on the assigned household, killed the same way.
  "$hedui" cases assign "${as_admin[@]}" "$file" --to admin < /dev/null > /dev/null 2>&1 ||
    fail "$file: assign failed"
  note="visit-$i-$RANDOM"
  "$hedui" cases step "${as_admin[@]}" "$file" --kind 入户核查 --notes "$note" < /dev/null > /dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v ns="$delay_ns" 'BEGIN { printf "%.6f", ns / 1e9 }')"
  kill -9 "$pid" 2> /dev/null && killed=$((killed + 1)) || true
  code=0; wait "$pid" || code=$?; pid=""
  on=$(notes_on "$file" "$note")
  n=$(flags_of "$file")
  [ "$on" = 0 ] || [ "$on" = "$n" ] || fail "$file: the visit is on $on of $n flags"
  if [ "$code" = 0 ] && [ "$on" != "$n" ]; then fail "$file: step exited 0, on $on of $n flags"; fi
done
"$hedui" audit verify "${as_admin[@]}" < /dev/null > /dev/null 2>&1 || fail "the audit log does not verify"
echo "cases_household_kill_test: $((2 * rounds)) commands, $killed killed; every household all or nothing"
