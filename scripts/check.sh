#!/usr/bin/env bash
# Runs every test suite: unit tests in the normal and the sanitizer build,
# API tests against the sanitizer build's server, the browser test against
# the normal build. Each runner's own summary is repeated at the end, then
# one line with the totals.
set -uo pipefail
build=${1:-build}
asan=${2:-build-asan}
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/node-env.sh
. "$here/scripts/node-env.sh"
logs=$(mktemp -d)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
summaries=()
passed=0
failed=0

run_ctest() { # name dir
  local name=$1 dir=$2 log="$logs/$1.log"
  echo "== unit tests ($name)"
  (cd "$dir" && ctest --output-on-failure 2>&1) | tee "$log"
  local rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || status=1
  local line total fails
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -1)
  summaries+=("ctest ($name): ${line:-no summary (exit $rc)}")
  total=$(sed -nE 's/.*out of ([0-9]+).*/\1/p' <<<"$line")
  fails=$(sed -nE 's/.* ([0-9]+) tests failed.*/\1/p' <<<"$line")
  passed=$((passed + ${total:-0} - ${fails:-0}))
  failed=$((failed + ${fails:-1}))
}

run_node() { # name bin dir...
  local name=$1 bin=$2; shift 2
  local log="$logs/$name.log"
  echo "== $name tests"
  LANTERN_BIN="$here/$bin" node --test --test-reporter=spec --test-concurrency=1 "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || status=1
  local pass fail
  pass=$(grep -E '^ℹ pass [0-9]+' "$log" | tail -1 | awk '{print $3}')
  fail=$(grep -E '^ℹ fail [0-9]+' "$log" | tail -1 | awk '{print $3}')
  summaries+=("node --test ($name): ${pass:-0} passed, ${fail:-?} failed (exit $rc)")
  passed=$((passed + ${pass:-0}))
  if [ -z "$fail" ]; then failed=$((failed + 1)); else failed=$((failed + fail)); fi
}

run_ctest release "$build"
run_ctest sanitize "$asan"
mapfile -t api_tests < <(find "$here/tests/api" -name '*.test.mjs' | sort)
[ ${#api_tests[@]} -eq 0 ] || run_node api "$asan/lantern" "${api_tests[@]}"
mapfile -t e2e_tests < <(find "$here/tests/e2e" -name '*.test.mjs' | sort)
[ ${#e2e_tests[@]} -eq 0 ] || run_node e2e "$build/lantern" "${e2e_tests[@]}"

rm -rf "$logs"
echo
echo "== summary"
for s in "${summaries[@]}"; do echo "$s"; done
echo "$passed passed, $failed failed"
exit $status
