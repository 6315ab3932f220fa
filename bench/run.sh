#!/usr/bin/env bash
# `make bench`: throughput and p99 latency of `GET /api/v1/me` with a bearer
# token, against nginx serving a static file of the same size measured in the
# same run on the same machine, and the ratio lantern/nginx. Then every other
# bench/*.sh in turn. Informative: exits 0 whether the aim is met or not, and
# non-zero only when something failed to run.
#   bench/run.sh [LANTERN_BIN]
# Knobs (environment): BENCH_ROUNDS (4; each round runs both servers, in
# alternating order), BENCH_DURATION seconds per run (5), BENCH_CONNECTIONS
# (32), BENCH_WRK_THREADS (2), BENCH_SERVER_THREADS (nproc; lantern threads
# and nginx workers alike), BENCH_WARMUP seconds (2), BENCH_ONLY (set to
# "me" to run only this first benchmark, not the other bench/*.sh).
# Everything lives in a throwaway directory; traffic goes to 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
# shellcheck source=bench/lib/wrk.sh
. "$here/bench/lib/wrk.sh"
# shellcheck source=bench/lib/servers.sh
. "$here/bench/lib/servers.sh"
bench_name=bench

bin=${1:-${LANTERN_BIN:-$here/build/lantern}}
duration=${BENCH_DURATION:-5}
rounds=${BENCH_ROUNDS:-4}
connections=${BENCH_CONNECTIONS:-32}
wrk_threads=${BENCH_WRK_THREADS:-2}
server_threads=${BENCH_SERVER_THREADS:-$(nproc)}
warmup=${BENCH_WARMUP:-2}
nginx_bin=${NGINX:-/usr/sbin/nginx}

[ -x "$bin" ] || { echo "bench: no lantern binary at $bin (build first)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
for tool in wrk curl "$nginx_bin"; do
  command -v "$tool" >/dev/null || die "$tool not found (run scripts/deps.sh bench)"
done
for n in "$duration" "$rounds" "$connections" "$wrk_threads" "$server_threads" "$warmup"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "BENCH_* settings must be positive integers, got '$n'"
done
case "${BENCH_ONLY:-}" in
  "" | me) ;;
  *) die "BENCH_ONLY takes only 'me', got '${BENCH_ONLY}'" ;;
esac

# --- the throwaway directory and the processes in it ---------------------------
bench_workdir

# --- lantern ------------------------------------------------------------------------
data=$work/data
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$work/admin-password"
"$bin" init --data "$data" --admin-password-file "$work/admin-password" >"$work/init.log" 2>&1 ||
  { cat "$work/init.log" >&2; die "lantern init failed"; }
"$bin" demo --data "$data" >"$work/demo.log" 2>&1 ||
  { cat "$work/demo.log" >&2; die "lantern demo failed"; }
token=$("$bin" token create --data "$data" --user demo-coordinator 2>"$work/token.log") ||
  { cat "$work/token.log" >&2; die "lantern token create failed"; }
[ -n "$token" ] || die "lantern token create printed no token"

start_lantern "$bin" "$data"
port=$lantern_port
lantern_url=http://127.0.0.1:$port/api/v1/me

# The header goes in a file, not on a command line other users could read.
printf 'header = "Authorization: Bearer %s"\n' "$token" >"$work/curl.cfg"
status=$(curl -s -K "$work/curl.cfg" -o "$work/me.json" -w '%{http_code} %{size_header}' \
  --max-time 5 "$lantern_url") || die "curl could not reach lantern at $lantern_url"
read -r code lantern_header_bytes <<<"$status"
[ "$code" = 200 ] || { cat "$work/me.json" >&2; die "GET /api/v1/me answered $code, not 200"; }
body_bytes=$(wc -c <"$work/me.json")
[ "$body_bytes" -gt 0 ] || die "GET /api/v1/me answered an empty body"

# --- nginx: its own config, pid and logs in the throwaway directory ----------------
mkdir -p "$work/nginx/html"
# The same bytes as the /me answer (synthetic demo account), so the sizes match exactly.
cp "$work/me.json" "$work/nginx/html/me.json"
start_nginx_free /me.json '    location = /me.json { }'
nginx_url=http://127.0.0.1:$nginx_port/me.json
status=$(curl -s -K "$work/curl.cfg" -o "$work/nginx.body" -w '%{http_code} %{size_header}' \
  --max-time 5 "$nginx_url") || die "curl could not reach nginx at $nginx_url"
read -r code nginx_header_bytes <<<"$status"
[ "$code" = 200 ] || die "nginx answered $code for $nginx_url"
cmp -s "$work/nginx.body" "$work/me.json" || die "nginx's file differs from the /me answer"

# --- wrk ----------------------------------------------------------------------------
# Both servers get the same request (the Authorization header included; nginx
# ignores it) from the same wrk settings.
cat >"$work/auth.lua" <<EOF
wrk.headers["Authorization"] = "Bearer $token"
EOF
wrk_args=(-t"$wrk_threads" -c"$connections" --latency --timeout 5s -s "$work/auth.lua")

lantern_requests_before=$(grep -c '"event":"request"' "$work/lantern.log" || true)
run_wrk lantern "$lantern_url" "$warmup" "$work/warm-lantern.txt"
run_wrk nginx "$nginx_url" "$warmup" "$work/warm-nginx.txt"

cores=$(nproc)
cpu_model=$(sed -nE 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -n 1)
nginx_version=$("$nginx_bin" -v 2>&1 | sed -E 's/^nginx version: //')
echo "GET /api/v1/me (bearer token) against nginx serving a file of the same size, loopback"
echo "  machine:  $cores cores${cpu_model:+, $cpu_model}"
echo "  lantern:  $bin, --threads $server_threads"
echo "  nginx:    $nginx_version, worker_processes $server_threads, keepalive, access log on"
echo "  response: body $body_bytes bytes for both; headers $lantern_header_bytes bytes lantern, $nginx_header_bytes bytes nginx"
echo "  wrk:      -t$wrk_threads -c$connections -d${duration}s --latency; ${warmup} s warm-up each, then $rounds rounds"

bench_rounds me "$lantern_url" "$nginx_url"
if awk -v r="$ratio" 'BEGIN { exit !(r >= 0.5) }'; then
  echo "  aim: at least 0.5 of nginx's throughput: met"
else
  echo "  aim: at least 0.5 of nginx's throughput: not met"
fi

# Lantern must have served what wrk counted (every request is logged) and stop cleanly.
stop_lantern "$wrk_lantern_requests"
stop "$nginx_pid" nginx
nginx_pid=""
echo "  servers stopped (lantern exit 0, $lantern_requests requests logged)"

# --- the other benchmarks -------------------------------------------------------
if [ "${BENCH_ONLY:-}" = me ]; then
  exit 0
fi
failed=()
for script in "$here"/bench/*.sh; do
  [ -f "$script" ] || continue
  [ "$(cd "$(dirname "$script")" && pwd)/$(basename "$script")" != "$self" ] || continue
  echo
  echo "== bench/$(basename "$script") =="
  # Bounded in time like everything else here.
  if ! timeout 900 bash "$script" "$bin"; then
    failed+=("bench/$(basename "$script")")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  die "failed to run: ${failed[*]}"
fi
