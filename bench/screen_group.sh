#!/usr/bin/env bash
# Times `lantern screen --group` on 10,000 synthetic people against baselines
# measured in the same run on the same file: `sort` (reads and orders every
# line) and, when installed, an sqlite3 CSV import into memory (parses every
# field). Prints the ratios and whether the screening stays under one second.
#   bench/screen_group.sh [LANTERN_BIN] [ROWS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${LANTERN_BIN:-$here/build/lantern}}
rows=${2:-10000}
runs=5
[ -x "$bin" ] || { echo "screen_group.sh: no lantern binary at $bin (build first)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The ids come from the binary itself, so the rows are always valid.
for p in adult_labour child_labour adult_sexual forced_labour_11; do
  "$bin" screen --list --profile "$p" | cut -f1 >"$work/$p.ids"
done

# Deterministic rows: mostly adult labour (a mass labour case), some children,
# some sexual exploitation, some quick checklists; 0 to 12 indicators each.
awk -v rows="$rows" -v dir="$work" '
  function load(p,   n, line) {
    n = 0
    while ((getline line < (dir "/" p ".ids")) > 0) ids[p, ++n] = line
    count[p] = n
  }
  BEGIN {
    srand(4);
    load("adult_labour"); load("child_labour"); load("adult_sexual"); load("forced_labour_11")
    print "person,profile,indicators"
    for (i = 1; i <= rows; i++) {
      r = rand()
      p = r < 0.70 ? "adult_labour" : r < 0.85 ? "child_labour" : r < 0.93 ? "adult_sexual" : "forced_labour_11"
      k = int(rand() * 13); list = ""
      for (j = 0; j < k; j++) list = list (j ? ";" : "") ids[p, 1 + int(rand() * count[p])]
      printf "w-%05d,%s,%s\n", i, p, list
    }
  }' >"$work/group.csv"

now_ns() { date +%s%N; }

# best_of NAME CMD...: the fastest of $runs runs, in milliseconds, into $best.
best_of() {
  local name=$1; shift
  best=""
  for _ in $(seq "$runs"); do
    local t0 t1 ms
    t0=$(now_ns)
    "$@" >/dev/null
    t1=$(now_ns)
    ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  printf '  %-22s %6d ms (best of %d)\n' "$name" "$best" "$runs"
}

screen_group() { "$bin" screen --group "$work/group.csv"; }
sort_file() { LC_ALL=C sort "$work/group.csv"; }
sqlite_import() { sqlite3 :memory: ".import --csv $work/group.csv g" "select count(*) from g;"; }

# The run must succeed and count everyone before its time means anything.
people=$("$bin" screen --group "$work/group.csv" | tail -n 1 | sed -nE 's/^"summary": \{"people":([0-9]+).*/\1/p')
[ "$people" = "$rows" ] || { echo "screen_group.sh: expected $rows people, got '$people'" >&2; exit 1; }

echo "lantern screen --group: $rows rows, $(wc -c <"$work/group.csv") bytes ($bin)"
best_of "lantern screen --group" screen_group; lantern_ms=$best
best_of "sort" sort_file; sort_ms=$best
sqlite_ms=""
if command -v sqlite3 >/dev/null; then
  best_of "sqlite3 .import" sqlite_import; sqlite_ms=$best
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b < 1) b = 1; printf "%.1f", a / b }'; }
echo "  ratio to sort:            $(ratio "$lantern_ms" "$sort_ms")x"
[ -z "$sqlite_ms" ] || echo "  ratio to sqlite3 .import: $(ratio "$lantern_ms" "$sqlite_ms")x"
if [ "$lantern_ms" -lt 1000 ]; then
  echo "  under one second: yes"
else
  echo "  under one second: NO"
fi
