#!/usr/bin/env bash
# The annual figures over 1,000,000 synthetic cases (issue 6): the time of
# `lantern stats --year Y --format json` against the same counts done by
# plain SQL in the `sqlite3` shell on the same database in the same run,
# and their ratio (aim: no slower). The cases come from bench/lib/gen_cases.awk
# (invented names, fixed seed) through `lantern import`, as in cases.sh.
# Informative: exits 0 whether the aim is met or not, non-zero only when
# something failed to run. Everything lives in one temp dir, removed on exit.
#   bench/stats_1m.sh [LANTERN_BIN]
# Knobs (environment): BENCH_CASES (1000000), BENCH_SEED (20240601),
# BENCH_STATS_YEAR (2022), BENCH_STATS_RUNS (3; best of), TMPDIR,
# BENCH_STATS_DATA (an existing data directory: no generation, no import).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${LANTERN_BIN:-$here/build/lantern}}
rows=${BENCH_CASES:-1000000}
seed=${BENCH_SEED:-20240601}
year=${BENCH_STATS_YEAR:-2022}
runs=${BENCH_STATS_RUNS:-3}
org='Bench Center (synthetic)'

die() { echo "stats_1m.sh: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no lantern binary at $bin"
command -v sqlite3 >/dev/null || die "sqlite3 is not installed"
work=$(mktemp -d "${TMPDIR:-/tmp}/lantern-stats-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# timed OUT CMD...: runs CMD with stdout in OUT; sets t_real (seconds).
timed() {
  local out=$1 TIMEFORMAT='%R'
  shift
  { time "$@" >"$out" 2>"$work/err.txt"; } 2>"$work/time.txt" || { cat "$work/err.txt" >&2; return 1; }
  read -r t_real <"$work/time.txt"
}
# best_of N OUT CMD...: the fastest of N runs; sets best.
best_of() {
  local n=$1 out=$2 i
  shift 2
  best=""
  for i in $(seq "$n"); do
    timed "$out" "$@" || return 1
    if [ -z "$best" ] || awk -v a="$t_real" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t_real; fi
  done
}

# --- the data -------------------------------------------------------------------
if [ -n "${BENCH_STATS_DATA:-}" ]; then
  # A data directory made by an earlier run (or by hand) saves the import.
  data=$BENCH_STATS_DATA
  [ -f "$data/lantern.db" ] || die "BENCH_STATS_DATA=$data holds no lantern.db"
  import_s=0
else
  jsonl=$work/cases.jsonl
  awk -v rows="$rows" -v seed="$seed" -f "$here/bench/lib/gen_cases.awk" >"$jsonl"
  [ "$(wc -l <"$jsonl")" -eq "$rows" ] || die "the generator did not write $rows lines"
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/admin-password"
  data=$work/data
  "$bin" init --data "$data" --admin-password-file "$work/admin-password" >"$work/init.log" 2>&1 ||
    { cat "$work/init.log" >&2; die "lantern init failed"; }
  "$bin" org add --data "$data" --name "$org" --kind center >>"$work/init.log" 2>&1 ||
    { cat "$work/init.log" >&2; die "lantern org add failed"; }
  timed "$work/import.out" "$bin" import --data "$data" --org "$org" "$jsonl" || die "lantern import failed"
  import_s=$t_real
  grep -q "^Stored $rows cases" "$work/import.out" || { cat "$work/import.out" >&2; die "the import did not store $rows cases"; }
  rm -f "$jsonl"
fi
db=$data/lantern.db

# --- lantern --------------------------------------------------------------------
# The whole annual answer: every figure of docs/statistics.md (the further
# figures included: services, shelters, proceedings, compensation, alerts),
# one read transaction, one audit row, JSON on stdout.
best_of "$runs" "$work/lantern.json" "$bin" stats --data "$data" --year "$year" --format json ||
  die "lantern stats failed"
lantern_s=$best

# --- sqlite3: the same counts in plain SQL ----------------------------------------
# The queries of src/store/sqlite_stats.c written out for the year, each
# printing its rows: what any program must at least ask the database for.
# The grouping of forms into exploitation groups, of sex and age into
# women/men/girls/boys and the percentiles are left out (lantern does them in
# C over the grouped rows), so the baseline is a little cheaper than the work.
s="'$year-01-01'"; e="'$year-12-31'"
idf="c.identification = 'identified' AND c.identification_date BETWEEN $s AND $e"
# The same figures lantern reports: the case counts of the original report,
# then services by citizenship, proceedings, compensation, shelter stays and
# open alerts by rule (a register imported with pending cases has about 1.7
# alerts per case, so that count is a real part of the work).
cat >"$work/counts.sql" <<EOF
.mode list
BEGIN;
SELECT referral_source, count(*) FROM cases WHERE referral_date BETWEEN $s AND $e GROUP BY referral_source;
SELECT count(*), coalesce(sum(c.is_child = 1), 0),
  coalesce(sum(EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id)
    AND NOT EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id AND pc.country = 'RS')), 0),
  coalesce(sum(NOT EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id)), 0),
  coalesce(sum(EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id AND pc.country = 'RS')
    AND EXISTS (SELECT 1 FROM case_countries cc WHERE cc.case_id = c.id AND cc.country <> 'RS')), 0),
  coalesce(sum(NOT EXISTS (SELECT 1 FROM case_countries cc WHERE cc.case_id = c.id)), 0)
  FROM cases c WHERE $idf;
SELECT p.sex, coalesce(c.is_child, -1), count(*) FROM cases c JOIN persons p ON p.id = c.person_id
  WHERE $idf GROUP BY 1, 2;
SELECT f, count(*) FROM (SELECT (SELECT group_concat(e.form) FROM case_exploitation e WHERE e.case_id = c.id) AS f
  FROM cases c WHERE $idf) GROUP BY f;
SELECT pc.country, count(*) FROM cases c JOIN person_citizenships pc ON pc.person_id = c.person_id WHERE $idf GROUP BY 1;
SELECT cc.country, count(*) FROM cases c JOIN case_countries cc ON cc.case_id = c.id WHERE $idf GROUP BY 1;
SELECT d, count(*) FROM (SELECT CAST(julianday(reasonable_grounds_date) - julianday(referral_date) AS INTEGER) AS d
  FROM cases WHERE reasonable_grounds <> 'pending' AND reasonable_grounds_date BETWEEN $s AND $e) GROUP BY d;
SELECT d, count(*) FROM (SELECT CAST(julianday(identification_date) - julianday(referral_date) AS INTEGER) AS d
  FROM cases WHERE identification <> 'pending' AND identification_date BETWEEN $s AND $e) GROUP BY d;
SELECT count(*) FROM cases c WHERE c.referral_date <= $e
  AND (c.identification = 'pending' OR c.identification_date > $e)
  AND NOT (c.reasonable_grounds = 'negative' AND c.reasonable_grounds_date <= $e)
  AND coalesce((SELECT e.action FROM case_events e WHERE e.case_id = c.id AND e.kind = 'transition'
    AND e.action IN ('close', 'reopen') AND e.event_date <= $e ORDER BY e.event_date DESC, e.id DESC LIMIT 1), '') <> 'close';
SELECT s.type, CASE WHEN NOT EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id) THEN 2
    WHEN EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id AND pc.country = 'RS') THEN 0 ELSE 1 END,
  count(DISTINCT c.id) FROM cases c JOIN case_services s ON s.case_id = c.id
  WHERE c.identification = 'identified' AND c.identification_date <= $e
  AND s.status IN ('active', 'completed', 'stopped') AND s.start_date <= $e AND (s.end_date IS NULL OR s.end_date >= $s)
  GROUP BY 1, 2;
SELECT (SELECT count(*) FROM proceedings WHERE opened_date BETWEEN $s AND $e),
  (SELECT count(*) FROM proceedings WHERE indictment_date BETWEEN $s AND $e),
  (SELECT count(*) FROM proceedings WHERE verdict = 'conviction' AND verdict_date BETWEEN $s AND $e),
  (SELECT count(DISTINCT case_id) FROM victim_proceedings WHERE outcome = 'penalty' AND outcome_date BETWEEN $s AND $e);
SELECT forum, currency, count(*), sum(amount_claimed) FROM compensation_claims WHERE claimed_date BETWEEN $s AND $e GROUP BY 1, 2;
SELECT placements.place, count(*) FROM placements WHERE start_date <= $e AND (end_date IS NULL OR end_date >= $s) GROUP BY 1;
SELECT rule, count(*) FROM alerts WHERE status = 'open' GROUP BY rule;
SELECT count(*) FROM cases WHERE referral_date BETWEEN $s AND $e;
COMMIT;
EOF
best_of "$runs" "$work/sqlite.out" sqlite3 -batch -bail -init /dev/null -readonly "$db" ".read $work/counts.sql" ||
  die "sqlite3 failed"
sqlite_s=$best

# The two must agree on the headline counts.
l_ref=$(sed -nE 's/^  "referred": ([0-9]+),$/\1/p' "$work/lantern.json")
l_id=$(sed -nE 's/^  "identified": ([0-9]+),$/\1/p' "$work/lantern.json")
s_ref=$(tail -n 1 "$work/sqlite.out")
[ "$l_ref" = "$s_ref" ] || die "lantern counts $l_ref referred in $year, sqlite3 $s_ref"

echo "annual figures over $rows synthetic cases, year $year (import: $(printf '%.1f' "$import_s") s)"
echo "  lantern:  $bin"
printf '  lantern stats --format json        %7.3f s   (best of %d; %s referred, %s identified)\n' "$lantern_s" "$runs" "$l_ref" "$l_id"
printf '  sqlite3 shell, the same counts     %7.3f s   (best of %d)\n' "$sqlite_s" "$runs"
awk -v l="$lantern_s" -v q="$sqlite_s" 'BEGIN {
  if (q < 0.001) q = 0.001
  printf "  ratio lantern/sqlite3: %.2fx   (aim: 1.00 or less)\n", l / q }'
