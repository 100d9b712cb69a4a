#!/usr/bin/env bash
# Crash safety of the case store: SIGKILL `hedui cases` commands that record
# a comment, a review step or a decision (each with a note no other command
# uses), and `hedui run` and `hedui cases import`, at random moments. At
# the end the store opens, its audit log verifies, every note whose command
# exited 0 is in its case exactly once, no note is there twice, a note of a
# command that was refused is not there at all, every run recorded is
# imported, no case was lost and every attachment a step names is there.
#
#   tests/cases_kill_test.sh HEDUI_BINARY CONFIGS_DIR [KILLS]
#
# The discipline of kill_test.sh: each command to be killed is started as a
# plain background command, so that $! is the hedui process itself; after
# the kill the script waits for exactly that process, so the next command
# never meets it or its lock. No process is looked up by name. A kill
# counts as a hit when /proc/PID/exe was the hedui binary just before it
# and the process then ended by SIGKILL; the test fails when fewer than
# half the kills hit. What it asserts never depends on when a kill landed.
set -euo pipefail
hedui=$(readlink -f "$1")
configs=$2
kills=${3:-24}
work=$(mktemp -d /tmp/hedui-cases-kill.XXXXXX)
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

fail() { echo "cases_kill_test: $*" >&2; exit 1; }

# The demo county, recorded once (run 1), and an administrator.
"$hedui" demo --dir "$work/demo" --residents 20000 --configs "$configs" > /dev/null
data="$work/demo/data"
rm -rf "$data/cases"  # the demo's own store and users: this test makes its own
run_args=(--data "$data" --rules "$configs/rules/demo.toml" --as-of 2026-10-31 --out "$work/out")
export HEDUI_NEW_PASSWORD=pw-admin-123456
"$hedui" users add --data "$data" admin --role admin < /dev/null > /dev/null 2>&1
unset HEDUI_NEW_PASSWORD
export HEDUI_PASSWORD=pw-admin-123456
as_admin=(--data "$data" --user admin)

mapfile -t flags < <("$hedui" cases list "${as_admin[@]}" --all < /dev/null 2> /dev/null | awk '/^F[0-9a-f]+ / { print $1 }')
total=${#flags[@]}
(( total >= 20 )) || fail "the demo county has only $total cases"

# Rounds by kind: comment (any status), review step (an assigned case),
# decision (a case under review, one per decision round), run, import.
kind_of() {
  case $(( $1 % 6 )) in
    1 | 2) echo comment ;;
    3) echo step ;;
    4 | 5) echo decide ;;
    0) if (( ($1 / 6) % 2 )); then echo run; else echo import; fi ;;
  esac
}
comment_flags=("${flags[0]}" "${flags[1]}")
step_flags=("${flags[2]}" "${flags[3]}")
decide_count=0
for i in $(seq 1 "$kills"); do [ "$(kind_of "$i")" = decide ] && decide_count=$((decide_count + 1)); done
decide_flags=("${flags[@]:4:$decide_count}")
quiet() { "$hedui" "$@" < /dev/null > /dev/null 2>&1 || fail "setup: hedui $* failed"; }
for f in "${step_flags[@]}" "${decide_flags[@]}"; do
  quiet cases assign "${as_admin[@]}" "$f" --to admin
done
for f in "${decide_flags[@]}"; do
  quiet cases step "${as_admin[@]}" "$f" --kind 入户核查 --date 2026-11-01 --notes setup
done

now_ns() { date +%s%N; }
# The kills are aimed at each kind's measured duration (a comment stands
# for the other case commands).
start=$(now_ns); quiet cases comment "${as_admin[@]}" "${flags[0]}" --text timing; cmd_ns=$(( $(now_ns) - start ))
# The shorter of two, as kill_test.sh does: a slow outlier would aim the
# kills past the end.
start=$(now_ns); quiet cases comment "${as_admin[@]}" "${flags[1]}" --text timing; t=$(( $(now_ns) - start ))
(( t < cmd_ns )) && cmd_ns=$t
start=$(now_ns); quiet run "${run_args[@]}"; run_ns=$(( $(now_ns) - start ))
start=$(now_ns); quiet cases import --data "$data"; import_ns=$(( $(now_ns) - start ))

hits=0
decide_next=0
: > "$work/notes"  # note flag exit-status
for i in $(seq 1 "$kills"); do
  kind=$(kind_of "$i")
  note=$(printf 'kn%04dx' "$i")
  flag=-
  case $kind in
    comment)
      flag=${comment_flags[$(( i % 2 ))]}
      duration=$cmd_ns
      "$hedui" cases comment "${as_admin[@]}" "$flag" --text "$note" < /dev/null > /dev/null 2>&1 &
      pid=$! ;;
    step)
      flag=${step_flags[$(( i % 2 ))]}
      duration=$cmd_ns
      echo "photo of round $i" > "$work/round-$i.jpg"
      "$hedui" cases step "${as_admin[@]}" "$flag" --kind 入户核查 --date 2026-11-02 --notes "$note" --attach "$work/round-$i.jpg" < /dev/null > /dev/null 2>&1 &
      pid=$! ;;
    decide)
      flag=${decide_flags[$decide_next]}
      decide_next=$((decide_next + 1))
      duration=$cmd_ns
      "$hedui" cases decide "${as_admin[@]}" "$flag" --outcome 死亡 --date 2026-11-03 --note "$note" < /dev/null > /dev/null 2>&1 &
      pid=$! ;;
    run)
      duration=$run_ns
      "$hedui" run "${run_args[@]}" < /dev/null > /dev/null 2>&1 &
      pid=$! ;;
    import)
      # A run recorded and not yet imported, for the import to work on.
      quiet run "${run_args[@]}"
      duration=$import_ns
      "$hedui" cases import --data "$data" < /dev/null > /dev/null 2>&1 &
      pid=$! ;;
  esac
  # The write comes at a case command's end (after the sign-in): every
  # other round aims from 60% to 140% of the duration, around that moment,
  # so that some commands finish first (their notes must then be there);
  # the others from 20% to 100%.
  if (( i % 2 == 0 )) && [ "$kind" != run ] && [ "$kind" != import ]; then
    delay=$(( duration / 10 * 6 + RANDOM * (duration / 10 * 8) / 32768 ))
  else
    delay=$(( duration / 10 * 2 + RANDOM * (duration / 10 * 8) / 32768 ))
  fi
  sleep "$(printf '%d.%09d' $(( delay / 1000000000 )) $(( delay % 1000000000 )))"
  running=0
  if [ "$(readlink "/proc/$pid/exe" 2> /dev/null || true)" = "$hedui" ]; then
    running=1
  fi
  kill -9 "$pid" 2> /dev/null || true
  status=0
  wait "$pid" 2> /dev/null || status=$?
  pid=""
  if (( running && status == 137 )); then
    hits=$((hits + 1))
  fi
  if [ "$flag" != - ]; then echo "$note $flag $status" >> "$work/notes"; fi
done

# The store opens and takes every run recorded; importing again finds none.
out=$("$hedui" cases import --data "$data" < /dev/null 2>&1) || fail "the store does not open: $out"
out=$("$hedui" cases import --data "$data" < /dev/null 2>&1) || fail "the store does not open: $out"
case $out in *导入第*) fail "a second import found runs again: $out" ;; esac
out=$("$hedui" audit verify "${as_admin[@]}" < /dev/null 2>&1) || fail "the audit log does not verify: $out"
now=$("$hedui" cases list "${as_admin[@]}" --all < /dev/null 2> /dev/null | awk '/^F[0-9a-f]+ / { print $1 }' | wc -l)
(( now == total )) || fail "$total cases before, $now after"

# Every note: once if its command exited 0, never twice, absent if refused.
declare -A shown
landed=0  # killed after their write: informative only
while read -r note flag status; do
  if [ -z "${shown[$flag]:-}" ]; then
    "$hedui" cases show "${as_admin[@]}" "$flag" < /dev/null > "$work/show-$flag" 2>&1 \
      || fail "cases show $flag: $(cat "$work/show-$flag")"
    shown[$flag]=1
  fi
  count=$({ grep -o "$note" "$work/show-$flag" || true; } | wc -l)
  if (( status == 137 && count == 1 )); then landed=$((landed + 1)); fi
  if (( status == 0 && count != 1 )); then
    fail "$note ($flag) exited 0 but is there $count times"
  elif (( count > 1 )); then
    fail "$note ($flag) is there $count times"
  elif (( status != 0 && status != 137 && count != 0 )); then
    fail "$note ($flag) was refused (exit $status) but is there"
  fi
done < "$work/notes"
# Every attachment a step names is in the store, whole (the file goes in
# before the write that names it).
for f in "${step_flags[@]}"; do
  [ -f "$work/show-$f" ] || continue
  for sha in $(awk '/附件/ { print $NF }' "$work/show-$f"); do
    "$hedui" cases attachment "${as_admin[@]}" "$f" "$sha" --out "$work/got" < /dev/null > /dev/null 2>&1 \
      || fail "$f names attachment $sha, which cannot be read"
    grep -q '^photo of round' "$work/got" || fail "attachment $sha of $f is not what was attached"
  done
done
# A decision killed half-way: the case is decided with its note, or still
# under review, never decided without one.
for f in "${decide_flags[@]}"; do
  if grep -q '\[已确认\]' "$work/show-$f"; then
    grep -q '结论 (decision): 死亡' "$work/show-$f" || fail "$f confirmed without its decision"
    grep -q 'kn[0-9]*x' "$work/show-$f" || fail "$f decided without its note"
  else
    grep -q '\[核查中\]' "$work/show-$f" || fail "$f is neither decided nor under review"
  fi
done

if (( hits * 2 < kills )); then
  fail "only $hits of $kills kills hit a running command (command ${cmd_ns} ns, run ${run_ns} ns, import ${import_ns} ns): the test did not test crash safety"
fi
ok=$(awk '$3 == 0' "$work/notes" | wc -l)
echo "$kills rounds, $hits kills hit a running command, $ok commands finished first, $landed killed ones had written; every finished one recorded once, none twice, the log verifies"
