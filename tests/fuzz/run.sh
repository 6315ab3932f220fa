#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined)
# into build-fuzz/ and runs each for FUZZ_SECONDS (default 30) from the seeds
# in tests/fuzz/corpus/<target>/. Exits non-zero when any target crashes,
# leaks, times out or fails to build; the crashing input is left in
# build-fuzz/artifacts/<target>/ (replay: build-fuzz/<target> <file>).
#
#   tests/fuzz/run.sh                    # every target
#   tests/fuzz/run.sh fuzz_router        # some targets
#   FUZZ_SECONDS=300 tests/fuzz/run.sh   # longer
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"
out=${FUZZ_BUILD:-build-fuzz}
seconds=${FUZZ_SECONDS:-30}
jobs=${JOBS:-$(nproc)}
cc=${FUZZ_CC:-clang}

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "fuzz: $cc not found; run scripts/deps.sh fuzz (or make fuzz)" >&2
  exit 2
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/fuzz_*.c; do targets+=("$(basename "$f" .c)"); done
fi

# The library, instrumented for coverage and the sanitizers, built by the
# project's own CMake with clang, so the fuzzers test the same code.
cmake -S . -B "$out/core" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_COMPILER_LAUNCHER="$here/tests/fuzz/cc-no-werror.sh" \
  -DLANTERN_SANITIZE=ON -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link -O1 -gline-tables-only" \
  >/dev/null
cmake --build "$out/core" --target lantern_core -j "$jobs" >/dev/null

libs=$(pkg-config --libs libmicrohttpd jansson libsodium sqlite3)
status=0
failed=()
for t in "${targets[@]}"; do
  src=tests/fuzz/$t.c
  if [ ! -f "$src" ]; then
    echo "fuzz: no target $t" >&2
    exit 2
  fi
  "$cc" -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer -Wall -Wextra -Werror \
    -Isrc "$src" "$out/core/liblantern_core.a" $libs -lcsv -lpthread -lm -o "$out/$t"
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for t in "${targets[@]}"; do
  corpus=$out/corpus/$t          # grows as the fuzzer finds new paths
  seeds=tests/fuzz/corpus/$t     # committed, small, read only
  artifacts=$out/artifacts/$t/
  mkdir -p "$corpus" "$artifacts" "$seeds"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  echo "fuzz: $t for ${seconds}s" >&2
  log=$out/$t.log
  if "$out/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
      -print_final_stats=1 -artifact_prefix="$artifacts" "${dict[@]}" \
      "$corpus" "$seeds" >"$log" 2>&1; then
    grep -E '^(#[0-9]+.*DONE|Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" \
      | sed "s/^/  $t: /" >&2 || true
  else
    status=1
    failed+=("$t")
    echo "fuzz: $t FAILED; log $log, inputs in $artifacts" >&2
    grep -E -A40 '^==[0-9]+==ERROR|runtime error|deadly signal|Test unit written' "$log" \
      | head -60 >&2 || tail -40 "$log" >&2
  fi
done
if [ $status -ne 0 ]; then
  echo "fuzz: failures in ${failed[*]}" >&2
else
  echo "fuzz: ${#targets[@]} targets, no crash in ${seconds}s each" >&2
fi
exit $status
