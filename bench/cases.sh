#!/usr/bin/env bash
# Cases at national scale (issue 3): 100,000 synthetic cases, each figure a
# ratio to a baseline measured in the same run on the same machine.
#   1. `lantern import` of 100,000 JSON lines into a fresh data directory,
#      against `sqlite3` loading the same file into a plain table in one
#      transaction (WAL, synchronous=FULL, as lantern's database is).
#   2. The cost of one durable commit here (sqlite3, synchronous=FULL against
#      OFF): every audited read commits one audit row, so it bounds (3).
#   3. `lantern serve` on that data directory, a coordinator with an API token:
#      (a) GET /api/v1/cases/{id} over 1,000 ids spread over all cases, and
#      (b) GET /api/v1/cases?year=2022&exploitation=forced_labour&per_page=50&page=N
#      over 10 pages spread from the first to the last, each with wrk against
#      nginx serving the very bytes of lantern's answers as static files at the
#      same paths; throughput, p99, ratio and server CPU per request.
# Informative: exits 0 whether lantern is fast or slow, non-zero only when
# something failed to run. The names in the cases are invented (syllables
# put together by bench/lib/gen_cases.awk); no real person is in them.
#   bench/cases.sh [LANTERN_BIN]
# Knobs (environment): BENCH_CASES (100000), BENCH_SEED (20240601),
# BENCH_IMPORT_RUNS (2; best of), BENCH_ROUNDS (3), BENCH_DURATION (5),
# BENCH_WARMUP (2), BENCH_CONNECTIONS (32), BENCH_WRK_THREADS (2),
# BENCH_SERVER_THREADS (nproc), NGINX, TMPDIR. Traffic goes to 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib/wrk.sh
. "$here/bench/lib/wrk.sh"
# shellcheck source=bench/lib/servers.sh
. "$here/bench/lib/servers.sh"
bench_name=cases.sh

bin=${1:-${LANTERN_BIN:-$here/build/lantern}}
rows=${BENCH_CASES:-100000}
seed=${BENCH_SEED:-20240601}
import_runs=${BENCH_IMPORT_RUNS:-2}
duration=${BENCH_DURATION:-5}
rounds=${BENCH_ROUNDS:-3}
connections=${BENCH_CONNECTIONS:-32}
wrk_threads=${BENCH_WRK_THREADS:-2}
server_threads=${BENCH_SERVER_THREADS:-$(nproc)}
warmup=${BENCH_WARMUP:-2}
nginx_bin=${NGINX:-/usr/sbin/nginx}
detail_ids=1000   # distinct cases read in (a)
list_pages=10     # distinct pages read in (b)
list_query="year=2022&exploitation=forced_labour&per_page=50"
org="Bench Centre (synthetic)"

[ -x "$bin" ] || { echo "cases.sh: no lantern binary at $bin (build first)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
for tool in wrk curl sqlite3 "$nginx_bin"; do
  command -v "$tool" >/dev/null || die "$tool not found (run scripts/deps.sh bench)"
done
for n in "$rows" "$seed" "$import_runs" "$duration" "$rounds" "$connections" "$wrk_threads" \
  "$server_threads" "$warmup"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "BENCH_* settings must be positive integers, got '$n'"
done
[ "$rows" -ge 1000 ] || die "BENCH_CASES must be at least 1000"

bench_workdir

# --- the synthetic cases ----------------------------------------------------------
jsonl=$work/cases.jsonl
awk -v rows="$rows" -v seed="$seed" -f "$here/bench/lib/gen_cases.awk" >"$jsonl"
[ "$(wc -l <"$jsonl")" -eq "$rows" ] || die "the generator did not write $rows lines"
jsonl_bytes=$(wc -c <"$jsonl")

# timed OUT ERR CMD...: runs CMD with its output in OUT and ERR; sets t_real,
# t_user and t_sys (seconds). Fails when CMD fails.
timed() {
  local out=$1 err=$2 TIMEFORMAT='%R %U %S'
  shift 2
  { time "$@" >"$out" 2>"$err"; } 2>"$work/time.txt" || return 1
  read -r t_real t_user t_sys <"$work/time.txt"
}

# new_data DIR: a data directory with the organisation the cases go to.
new_data() {
  if ! "$bin" init --data "$1" --admin-password-file "$work/admin-password" >"$work/init.log" 2>&1 ||
    ! "$bin" org add --data "$1" --name "$org" --kind center >>"$work/init.log" 2>&1; then
    cat "$work/init.log" >&2
    die "lantern init or org add failed"
  fi
}

head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/admin-password"
data=$work/data

# --- 1. import: lantern against sqlite3 ----------------------------------------
# Lantern: every line parsed, validated against the vocabularies, the names
# and birth date sealed (XChaCha20-Poly1305) with blind indexes, the case,
# its person, citizenships, forms, countries, referral event and any decision
# stored with their indexes, all in one transaction. Best of $import_runs runs,
# each into a fresh data directory; the first is kept for the HTTP part.
best_import=""
import_times=""
for run in $(seq "$import_runs"); do
  dir=$data
  [ "$run" -eq 1 ] || dir=$work/data-again
  new_data "$dir"
  timed "$work/import.out" "$work/import.err" "$bin" import --data "$dir" --org "$org" "$jsonl" ||
    { cat "$work/import.err" >&2; die "lantern import failed"; }
  grep -q "^Stored $rows cases from $rows lines" "$work/import.out" ||
    { cat "$work/import.out" "$work/import.err" >&2; die "lantern import did not store $rows cases"; }
  import_times+="${import_times:+, }$(printf '%.2f' "$t_real")"
  if [ -z "$best_import" ] || awk -v a="$t_real" -v b="$best_import" 'BEGIN { exit !(a < b) }'; then
    best_import=$t_real; import_user=$t_user; import_sys=$t_sys
  fi
  [ "$run" -eq 1 ] || rm -rf "$dir"
done
db_bytes=$(cat "$data"/lantern.db* | wc -c)

# sqlite3, the baseline: the same file, read by sqlite3's own .import, each
# line's fields pulled out with SQLite's JSON functions (one parse per line,
# cached) into a plain 17-column table without indexes, in one transaction.
# It reads and parses the same bytes and stores one row per case, which is
# the least any importer must do, so the ratio is lantern's price for
# validation, sealing, normalised tables and indexes. The same file loaded as
# bare lines into a one-column table is printed too, as the floor.
cat >"$work/fields.sql" <<EOF
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE cases(ref TEXT, given_name TEXT, family_name TEXT, sex TEXT, birth_date TEXT,
  birth_year INTEGER, age_uncertain INTEGER, citizenship TEXT, referral_date TEXT,
  source TEXT, referring_org TEXT, consent INTEGER, exploitation TEXT, countries TEXT,
  outcome TEXT, decision_date TEXT, reasons TEXT);
CREATE TEMP TABLE raw(doc TEXT);
BEGIN;
.mode ascii
.separator "\037" "\n"
.import --schema temp "$jsonl" raw
INSERT INTO cases SELECT d->>'\$.ref', d->>'\$.person.given_name', d->>'\$.person.family_name',
  d->>'\$.person.sex', d->>'\$.person.birth_date', d->>'\$.person.birth_year',
  d->>'\$.person.age_uncertain', d->>'\$.person.citizenship', d->>'\$.referral.date',
  d->>'\$.referral.source', d->>'\$.referral.organisation', d->>'\$.referral.consent',
  d->>'\$.exploitation', d->>'\$.countries_of_exploitation', d->>'\$.identification.outcome',
  d->>'\$.identification.date', d->>'\$.identification.reasons'
  FROM (SELECT doc AS d FROM temp.raw);
COMMIT;
.mode list
SELECT count(*) FROM cases WHERE sex IS NOT NULL AND referral_date IS NOT NULL;
EOF
cat >"$work/lines.sql" <<EOF
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE raw(doc TEXT);
BEGIN;
.mode ascii
.separator "\037" "\n"
.import "$jsonl" raw
COMMIT;
.mode list
SELECT count(*) FROM raw;
EOF

# best_sqlite SCRIPT: best wall time of $import_runs runs into a fresh file; sets best.
best_sqlite() {
  local script=$1
  best=""
  for _ in $(seq "$import_runs"); do
    rm -f "$work"/baseline.db*
    timed "$work/sqlite.out" "$work/sqlite.err" sqlite3 -batch -bail -init /dev/null \
      "$work/baseline.db" ".read $script" ||
      { cat "$work/sqlite.err" >&2; die "sqlite3 failed on $(basename "$script")"; }
    [ "$(tail -n 1 "$work/sqlite.out")" = "$rows" ] ||
      { cat "$work/sqlite.out" "$work/sqlite.err" >&2; die "sqlite3 did not load $rows rows"; }
    if [ -z "$best" ] || awk -v a="$t_real" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t_real; fi
  done
  rm -f "$work"/baseline.db*
}
best_sqlite "$work/fields.sql"; fields_s=$best
best_sqlite "$work/lines.sql"; lines_s=$best

echo "lantern import: $rows synthetic cases, $(awk -v b="$jsonl_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB of JSON lines, one transaction, fresh data directory"
echo "  lantern:  $bin"
printf '  lantern import                         %7.2f s   (best of %s s; %.2f s user, %.2f s sys; database %.0f MB)\n' \
  "$best_import" "$import_times" "$import_user" "$import_sys" "$(awk -v b="$db_bytes" 'BEGIN { print b / 1e6 }')"
printf '  sqlite3: fields into a plain table     %7.2f s   (best of %d; .import, then ->> per field)\n' "$fields_s" "$import_runs"
printf '  sqlite3: lines into a one-column table %7.2f s   (best of %d; the floor)\n' "$lines_s" "$import_runs"
awk -v l="$best_import" -v f="$fields_s" -v r="$lines_s" -v n="$rows" 'BEGIN {
  if (f < 0.001) f = 0.001; if (r < 0.001) r = 0.001
  printf "  ratio lantern/sqlite3 (fields): %.1fx   (to the one-column load: %.1fx)\n", l / f, l / r
  printf "  per case: lantern %.0f us, sqlite3 %.1f us; %.0f cases/s\n", l * 1e6 / n, f * 1e6 / n, n / l
}'

# --- 2. what one durable commit costs here ----------------------------------------
# Every audited read in (a) and (b) commits one audit row in its own
# transaction with synchronous=FULL: one fsync of the WAL per request, and
# SQLite lets one writer commit at a time, so 1 / (one commit) is a ceiling on
# audited requests per second. Measured in the directory that holds lantern's
# database: the fastest of 3 batches of 200 one-row commits each way (fsync
# times on a shared virtual disk jump about; the fastest gives the ceiling).
# fsync_probe MODE: microseconds per one-row commit; sets probe_us.
fsync_probe() {
  local mode=$1 i
  {
    echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=$mode; CREATE TABLE t(x);"
    for i in $(seq 200); do echo "INSERT INTO t VALUES($i);"; done
  } >"$work/probe.sql"
  probe_us=""
  for _ in 1 2 3; do
    rm -f "$work"/probe.db*
    timed "$work/probe.out" "$work/probe.err" sqlite3 -batch -bail -init /dev/null \
      "$work/probe.db" ".read $work/probe.sql" || { cat "$work/probe.err" >&2; die "sqlite3 probe failed"; }
    probe_us=$(awk -v t="$t_real" -v b="$probe_us" 'BEGIN { u = t * 1e6 / 200; if (b != "" && b < u) u = b; printf "%.0f", u }')
  done
  rm -f "$work"/probe.db*
}
fsync_probe FULL; commit_full_us=$probe_us
fsync_probe OFF; commit_off_us=$probe_us
fs_type=$(df -PT "$work" 2>/dev/null | awk 'NR == 2 { print $2 }')
echo
echo "one commit, sqlite3 WAL, on ${fs_type:-?} under ${TMPDIR:-/tmp} (fastest of 3 batches of 200 one-row transactions)"
echo "  synchronous=FULL ${commit_full_us} us, OFF ${commit_off_us} us: an fsync costs about" \
  "$((commit_full_us - commit_off_us)) us; audited requests, one commit each, one at a time," \
  "cannot exceed about $(awk -v u="$commit_full_us" 'BEGIN { printf "%.0f", (u > 0 ? 1e6 / u : 0) }')/s"

# --- 3. the API: lantern against nginx -------------------------------------------
coord_pw=$work/coordinator-password
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$coord_pw"
"$bin" user add --data "$data" --username bench-coordinator --role coordinator --org "$org" \
  --password-file "$coord_pw" >"$work/user.log" 2>&1 || { cat "$work/user.log" >&2; die "lantern user add failed"; }
token=$("$bin" token create --data "$data" --user bench-coordinator 2>"$work/token.log") ||
  { cat "$work/token.log" >&2; die "lantern token create failed"; }
[ -n "$token" ] || die "lantern token create printed no token"

start_lantern "$bin" "$data"
base=http://127.0.0.1:$lantern_port
# The header goes in files, not on a command line other users could read.
printf 'header = "Authorization: Bearer %s"\n' "$token" >"$work/curl.cfg"

# The answers, fetched once with curl and saved under nginx's root at the
# same paths, so both servers answer the same requests with the same bytes.
html=$work/nginx/html
mkdir -p "$html/api/v1/cases" "$html/list"
# (a) ids spread over every case (a fresh database numbers them 1..N): k * 7919
# mod N, distinct because 7919 is prime (unless N is a multiple of it).
awk -v n="$detail_ids" -v rows="$rows" 'BEGIN { for (k = 1; k <= n; k++) print 1 + (k * 7919) % rows }' >"$work/ids"
{
  cat "$work/curl.cfg"
  while read -r id; do
    printf 'url = "%s/api/v1/cases/%s"\noutput = "%s/api/v1/cases/%s"\n' "$base" "$id" "$html" "$id"
  done <"$work/ids"
} >"$work/fetch-detail.cfg"
curl -s --max-time 600 -K "$work/fetch-detail.cfg" -w '%{http_code} %{size_header} %{size_download}\n' >"$work/fetch-detail.txt" ||
  die "curl could not fetch the cases from lantern"
[ "$(awk '$1 == 200' "$work/fetch-detail.txt" | wc -l)" -eq "$detail_ids" ] ||
  { sort "$work/fetch-detail.txt" | uniq -c >&2; die "GET /api/v1/cases/{id} did not answer 200 for all $detail_ids ids"; }
detail_header=$(awk '{ s += $2 } END { printf "%.0f", s / NR }' "$work/fetch-detail.txt")
read -r detail_mean detail_min detail_max < <(awk '{ s += $3; if (!lo || $3 < lo) lo = $3; if ($3 > hi) hi = $3 }
  END { printf "%.0f %d %d\n", s / NR, lo, hi }' "$work/fetch-detail.txt")

# (b) page 1 tells how many pages there are; then $list_pages spread from first to last.
status=$(curl -s -K "$work/curl.cfg" --max-time 60 -o "$html/list/page1.json" -w '%{http_code} %{size_header}' \
  "$base/api/v1/cases?$list_query&page=1") || die "curl could not reach lantern at $base"
read -r code list_header <<<"$status"
[ "$code" = 200 ] || { cat "$html/list/page1.json" >&2; die "the case list answered $code, not 200"; }
total=$(sed -nE 's/.*"total":([0-9]+).*/\1/p' "$html/list/page1.json")
[[ $total =~ ^[0-9]+$ && $total -ge 50 ]] || die "the case list found ${total:-no} cases; expected hundreds"
last_page=$(( (total + 49) / 50 ))
[ "$last_page" -ge "$list_pages" ] || list_pages=$last_page
awk -v n="$list_pages" -v last="$last_page" 'BEGIN {
  for (k = 0; k < n; k++) print (n > 1 ? 1 + int(k * (last - 1) / (n - 1) + 0.5) : 1) }' >"$work/pages"
{
  cat "$work/curl.cfg"
  while read -r p; do
    printf 'url = "%s/api/v1/cases?%s&page=%s"\noutput = "%s/list/page%s.json"\n' "$base" "$list_query" "$p" "$html" "$p"
  done <"$work/pages"
} >"$work/fetch-list.cfg"
curl -s --max-time 600 -K "$work/fetch-list.cfg" -w '%{http_code} %{size_download}\n' >"$work/fetch-list.txt" ||
  die "curl could not fetch the list pages from lantern"
[ "$(awk '$1 == 200' "$work/fetch-list.txt" | wc -l)" -eq "$list_pages" ] || die "a list page did not answer 200"
list_mean=$(awk '{ s += $2 } END { printf "%.0f", s / NR }' "$work/fetch-list.txt")

# nginx: the same paths; a list page is chosen by its page argument.
# shellcheck disable=SC2016 # $arg_page is nginx's
start_nginx_free "/api/v1/cases/$(head -n 1 "$work/ids")" '    location /api/v1/cases/ { }
    location = /api/v1/cases { try_files /list/page$arg_page.json =404; }'
nbase=http://127.0.0.1:$nginx_port
id=$(sed -n 2p "$work/ids")
p=$(sed -n 2p "$work/pages")
for check in "/api/v1/cases/$id $html/api/v1/cases/$id" "/api/v1/cases?$list_query&page=$p $html/list/page$p.json"; do
  read -r path file <<<"$check"
  curl -s -K "$work/curl.cfg" --max-time 5 -o "$work/nginx.body" "$nbase$path" || die "curl could not reach nginx"
  cmp -s "$work/nginx.body" "$file" || die "nginx's answer to $path differs from lantern's"
done
nginx_header=$(curl -s -o /dev/null --max-time 5 -w '%{size_header}' "$nbase/api/v1/cases/$id")

# wrk: one Lua script per benchmark, the same for both servers; each wrk
# thread picks paths with its own fixed seed.
lua_head() {
  cat <<EOF
wrk.headers["Authorization"] = "Bearer $token"
local n = 0
function setup(thread) n = n + 1; thread:set("seed", n) end
function init(args) math.randomseed(1000 + (seed or 0)) end
EOF
}
{
  lua_head
  printf 'local ids = {%s}\n' "$(paste -sd, "$work/ids")"
  echo 'function request() return wrk.format("GET", "/api/v1/cases/" .. ids[math.random(#ids)]) end'
} >"$work/detail.lua"
{
  lua_head
  printf 'local pages = {%s}\n' "$(paste -sd, "$work/pages")"
  printf 'function request() return wrk.format("GET", "/api/v1/cases?%s&page=" .. pages[math.random(#pages)]) end\n' "$list_query"
} >"$work/list.lua"

cores=$(nproc)
cpu_model=$(sed -nE 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -n 1)
nginx_version=$("$nginx_bin" -v 2>&1 | sed -E 's/^nginx version: //')
echo
echo "the case API over $rows cases (coordinator, API token) against nginx serving the same bytes, loopback"
echo "  machine:  $cores cores${cpu_model:+, $cpu_model}"
echo "  lantern:  --threads $server_threads; nginx: $nginx_version, worker_processes $server_threads, keepalive, access log on"
echo "  wrk:      -t$wrk_threads -c$connections -d${duration}s --latency; ${warmup} s warm-up each, then $rounds rounds"

lantern_requests_before=$(grep -c '"event":"request"' "$work/lantern.log" || true)
served=0

# bench NAME LUA TIMEOUT: warm-ups, then the rounds, for one Lua script.
bench() {
  local name=$1 lua=$2 timeout_s=$3
  wrk_args=(-t"$wrk_threads" -c"$connections" --latency --timeout "${timeout_s}s" -s "$lua")
  run_wrk lantern "$base/" "$warmup" "$work/$name-warm-lantern.txt"
  run_wrk nginx "$nbase/" "$warmup" "$work/$name-warm-nginx.txt"
  bench_rounds "$name" "$base/" "$nbase/"
  served=$((served + wrk_lantern_requests))
}

echo
echo "(a) GET /api/v1/cases/{id}, audited: $detail_ids ids spread over all cases"
echo "  response: body $detail_mean bytes on average ($detail_min to $detail_max); headers $detail_header bytes lantern, $nginx_header bytes nginx"
bench detail "$work/detail.lua" 5
awk -v r="$l_rps" -v u="$commit_full_us" 'BEGIN {
  if (u > 0) printf "  lantern at %.0f%% of the one-commit-at-a-time ceiling (%.0f/s, measured above)\n", 100 * r * u / 1e6, 1e6 / u }'

echo
echo "(b) GET /api/v1/cases?$list_query&page=N, audited: $total cases match, $last_page pages; pages $(paste -sd' ' "$work/pages")"
echo "  response: body $list_mean bytes on average; headers $list_header bytes lantern, $nginx_header bytes nginx"
bench list "$work/list.lua" 30

stop_lantern "$served"
stop "$nginx_pid" nginx
nginx_pid=""
echo
echo "  servers stopped (lantern exit 0, $lantern_requests requests logged)"
