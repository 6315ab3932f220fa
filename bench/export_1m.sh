#!/usr/bin/env bash
# Times `lantern export --format ctdc --k 11` over 1,000,000 synthetic
# identified cases (issue 6: aim under 3 s) against a baseline measured in
# the same run on the same database: the `sqlite3` shell writing the same
# rows to CSV with one plain SELECT (a correlated subquery per case and
# column: the definition tests/unit/store/test_export.c holds the export's
# reads to). Prints both times and the ratio, and, for scale, the shell
# running the export's own reads (one ordered scan per table) to CSV.
# Informative: exits 0 whether the aim is met or not.
#   bench/export_1m.sh [LANTERN_BIN] [CASES]
# The cases are written straight into a fresh data directory with SQL (a
# recursive CTE with a fixed arithmetic spread), not through `lantern
# import`, which would take minutes: what is measured is the export.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-${LANTERN_BIN:-$here/build/lantern}}
rows=${2:-${BENCH_CASES:-1000000}}
die() { echo "export_1m.sh: $*" >&2; exit 1; }
[ -x "$bin" ] || { echo "export_1m.sh: no lantern binary at $bin (build first)" >&2; exit 2; }
command -v sqlite3 >/dev/null || die "sqlite3 not found"
[[ $rows =~ ^[1-9][0-9]*$ ]] || die "CASES must be a positive integer"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=$work/data
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/pw"
"$bin" init --data "$data" --admin-password-file "$work/pw" >"$work/init.log" 2>&1 ||
  { cat "$work/init.log" >&2; die "lantern init failed"; }
"$bin" org add --data "$data" --name "Bench (synthetic)" --kind ngo >/dev/null 2>&1 || die "org add failed"
db=$(ls "$data"/*.db 2>/dev/null | head -n 1)
[ -n "$db" ] || db=$(find "$data" -name '*.sqlite*' -o -name '*.db' | head -n 1)
[ -f "$db" ] || die "no database found in $data"

# The spread (by id i): sex 60% female, 37% male; ages 5..64 and 10% unknown;
# 70% RS citizens, the rest from 11 countries; exploited in RS, DE, AT, IT,
# HU, MK or BA; forms sexual, forced labour, begging, criminality, domestic
# servitude (15% with two); referral years 2019..2024; every case identified.
start=$(date +%s.%N)
sqlite3 -batch -bail "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
BEGIN;
CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $rows) INSERT INTO n SELECT i FROM c;
INSERT INTO persons(id, organisation_id, sex, birth_year, created_at)
  SELECT i, 2, CASE WHEN i * 7 % 100 < 60 THEN 'female' WHEN i * 7 % 100 < 97 THEN 'male' ELSE 'unknown' END,
         CASE WHEN i % 10 = 0 THEN NULL ELSE 2019 + i % 6 - (5 + i * 13 % 60) END, 0 FROM n;
INSERT INTO person_citizenships(person_id, country)
  SELECT i, CASE WHEN i * 11 % 10 < 7 THEN 'RS' ELSE
    substr('VNUAALBAMKMEHRBGROTRCN', 1 + 2 * (i * 17 % 11), 2) END FROM n;
INSERT INTO cases(id, case_number, number_year, number_seq, person_id, organisation_id, status,
                  referral_date, referral_year, referral_source, age_at_referral, is_child,
                  identification, identification_date, created_at, updated_at)
  SELECT i, 'LT-B-' || i, 2019 + i % 6, i, i, 2, 'identified',
         (2019 + i % 6) || '-03-01', 2019 + i % 6, 'police',
         CASE WHEN i % 10 = 0 THEN NULL ELSE 5 + i * 13 % 60 END,
         CASE WHEN i % 10 = 0 THEN NULL ELSE (5 + i * 13 % 60) < 18 END,
         'identified', (2019 + i % 6) || '-06-01', 0, 0 FROM n;
INSERT INTO case_countries(case_id, country)
  SELECT i, substr('RSRSRSDEATITHUMKBA', 1 + 2 * (i * 19 % 9), 2) FROM n;
INSERT INTO case_exploitation(case_id, form)
  SELECT i, CASE i * 23 % 10 WHEN 0 THEN 'forced_begging' WHEN 1 THEN 'forced_criminality'
    WHEN 2 THEN 'domestic_servitude' WHEN 3 THEN 'forced_labour' WHEN 4 THEN 'forced_labour'
    WHEN 5 THEN 'forced_labour' ELSE 'sexual' END FROM n;
INSERT OR IGNORE INTO case_exploitation(case_id, form) SELECT i, 'sexual' FROM n WHERE i * 29 % 100 < 15;
COMMIT;
ANALYZE;
SQL
gen=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "CTDC export (k = 11) of $rows synthetic identified cases (written with SQL in ${gen} s)"

best() { sort -n | head -n 1; }
# The baseline: the export's rows as one SELECT, in the sqlite3 shell, to CSV.
sql=$(cat <<'SQL'
SELECT c.referral_year, p.sex, coalesce(c.age_at_referral, -1), coalesce(c.is_child, -1),
 (SELECT pc.country FROM person_citizenships pc WHERE pc.person_id = c.person_id ORDER BY pc.country = 'RS' DESC, pc.country LIMIT 1),
 (SELECT cc.country FROM case_countries cc WHERE cc.case_id = c.id ORDER BY cc.country = 'RS', cc.country LIMIT 1),
 (SELECT group_concat(e.form) FROM case_exploitation e WHERE e.case_id = c.id),
 (SELECT s.indicators FROM case_screenings s WHERE s.case_id = c.id ORDER BY s.screening_date DESC, s.id DESC LIMIT 1)
FROM cases c JOIN persons p ON p.id = c.person_id
WHERE c.identification = 'identified' AND c.identification_date BETWEEN '0000-01-01' AND '9999-12-31'
AND c.id = (SELECT max(c2.id) FROM cases c2 WHERE c2.person_id = c.person_id AND c2.identification = 'identified'
 AND c2.identification_date BETWEEN '0000-01-01' AND '9999-12-31') ORDER BY c.id;
SQL
)
# For scale: the export's own reads (src/store/sqlite_export.c), to CSV.
scans=$(cat <<'SQL'
SELECT c.id, c.person_id, c.referral_year, p.sex, coalesce(c.age_at_referral, -1), coalesce(c.is_child, -1)
 FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.identification = 'identified'
 AND c.identification_date BETWEEN '0000-01-01' AND '9999-12-31' ORDER BY c.id;
SELECT person_id, country FROM person_citizenships ORDER BY person_id, country;
SELECT case_id, country FROM case_countries ORDER BY case_id, country;
SELECT case_id, form FROM case_exploitation ORDER BY case_id, form;
SELECT case_id, indicators FROM case_screenings ORDER BY case_id, screening_date, id;
SQL
)
lt_times=() sq_times=() sc_times=()
for _ in 1 2 3; do
  s=$(date +%s.%N)
  "$bin" export --data "$data" --format ctdc --k 11 >"$work/out.csv" 2>"$work/export.err" ||
    { cat "$work/export.err" >&2; die "lantern export failed"; }
  lt_times+=("$(awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }')")
  s=$(date +%s.%N)
  sqlite3 -batch -bail -csv "$db" "$sql" >"$work/base.csv" || die "sqlite3 baseline failed"
  sq_times+=("$(awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }')")
  s=$(date +%s.%N)
  sqlite3 -batch -bail -csv "$db" "$scans" >"$work/scans.csv" || die "sqlite3 scans failed"
  sc_times+=("$(awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }')")
done
lt=$(printf '%s\n' "${lt_times[@]}" | best)
sq=$(printf '%s\n' "${sq_times[@]}" | best)
sc=$(printf '%s\n' "${sc_times[@]}" | best)
[ "$(wc -l <"$work/base.csv")" -eq "$rows" ] || die "the baseline wrote $(wc -l <"$work/base.csv") rows, not $rows"
grep -q "^lantern export: $rows identified victims read" "$work/export.err" ||
  { cat "$work/export.err" >&2; die "lantern did not read the $rows identified victims the baseline wrote"; }
sed 's/^/  /' "$work/export.err"
echo "  lantern export: ${lt} s (best of 3: ${lt_times[*]}); $(($(wc -l <"$work/out.csv") - 1)) rows written"
echo "  sqlite3 -csv, the rows as one SELECT: ${sq} s (best of 3: ${sq_times[*]})"
echo "  sqlite3 -csv, the export's five ordered reads (for scale): ${sc} s (best of 3: ${sc_times[*]})"
awk -v l="$lt" -v q="$sq" 'BEGIN { printf "  ratio lantern/sqlite3: %.2f\n", (q > 0 ? l / q : 0) }'
if awk -v l="$lt" 'BEGIN { exit !(l < 3) }'; then echo "  aim: under 3 s: met"; else echo "  aim: under 3 s: not met"; fi
