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
# and nginx workers alike), BENCH_WARMUP seconds (2).
# Everything lives in a throwaway directory; traffic goes to 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
# shellcheck source=bench/lib/wrk.sh
. "$here/bench/lib/wrk.sh"

bin=${1:-${LANTERN_BIN:-$here/build/lantern}}
duration=${BENCH_DURATION:-5}
rounds=${BENCH_ROUNDS:-4}
connections=${BENCH_CONNECTIONS:-32}
wrk_threads=${BENCH_WRK_THREADS:-2}
server_threads=${BENCH_SERVER_THREADS:-$(nproc)}
warmup=${BENCH_WARMUP:-2}
nginx_bin=${NGINX:-/usr/sbin/nginx}

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$bin" ] || { echo "bench: no lantern binary at $bin (build first)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
for tool in wrk curl "$nginx_bin"; do
  command -v "$tool" >/dev/null || die "$tool not found (run scripts/deps.sh bench)"
done
for n in "$duration" "$rounds" "$connections" "$wrk_threads" "$server_threads" "$warmup"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "BENCH_* settings must be positive integers, got '$n'"
done

# --- the throwaway directory and the processes in it ---------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/lantern-bench.XXXXXX")
lantern_pid=""
nginx_pid=""

# stop PID NAME: SIGTERM, wait up to 10 s, then SIGKILL. Sets stop_rc to the
# exit status (or 137 when it had to be killed).
stop() {
  local pid=$1 name=$2
  stop_rc=0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "bench: $name (pid $pid) ignored SIGTERM for 10 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || stop_rc=$?
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -z "$lantern_pid" ] || stop "$lantern_pid" lantern
  [ -z "$nginx_pid" ] || stop "$nginx_pid" nginx
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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

"$bin" serve --data "$data" --listen 127.0.0.1:0 --threads "$server_threads" \
  >"$work/lantern.out" 2>"$work/lantern.log" &
lantern_pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -nE '/"event":"listening"/{s/.*"port":([0-9]+).*/\1/p;q}' "$work/lantern.log")
  [ -z "$port" ] || break
  kill -0 "$lantern_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  cat "$work/lantern.log" >&2
  die "lantern serve did not report a listening port within 10 s"
fi
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
mkdir -p "$work/nginx/html" "$work/nginx/tmp"
# The same bytes as the /me answer (synthetic demo account), so the sizes match exactly.
cp "$work/me.json" "$work/nginx/html/me.json"

# start_nginx PORT: starts nginx in the foreground (daemon off); returns 0 once
# it answers, 1 if it exited (e.g. the port was taken).
start_nginx() {
  local p=$1 user_line=""
  # As root, nginx would drop its workers to "nobody", who cannot read the
  # 0700 temp dir; keep them as the current user instead.
  [ "$(id -u)" -ne 0 ] || user_line="user $(id -un) $(id -gn);"
  cat >"$work/nginx/nginx.conf" <<EOF
# Written by bench/run.sh for one run; nothing outside $work is read or written.
$user_line
daemon off;
master_process on;
worker_processes $server_threads;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  default_type application/json;
  types { application/json json; }
  # One log write per request, as lantern does (it logs every request to stderr).
  access_log $work/nginx/access.log;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  server_tokens off;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$p;
    root $work/nginx/html;
    location = /me.json { }
    location / { return 404; }
  }
}
EOF
  "$nginx_bin" -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" \
    >"$work/nginx/stdout.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 50); do
    if ! kill -0 "$nginx_pid" 2>/dev/null; then
      wait "$nginx_pid" 2>/dev/null || true
      nginx_pid=""
      return 1
    fi
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/me.json" && return 0
    sleep 0.1
  done
  stop "$nginx_pid" nginx
  nginx_pid=""
  return 1
}

nginx_port=""
for _ in $(seq 10); do
  p=$((20000 + RANDOM % 40000))
  # Skip ports something already answers on; nginx failing to bind is caught too.
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then continue; fi
  if start_nginx "$p"; then nginx_port=$p; break; fi
done
if [ -z "$nginx_port" ]; then
  cat "$work/nginx/error.log" "$work/nginx/stdout.log" >&2 2>/dev/null || true
  die "nginx did not start on a free loopback port"
fi
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

# cpu_ticks PID...: user plus system clock ticks these processes (all their
# threads) have used. Less noisy than req/s when the machine is shared.
cpu_ticks() {
  local total=0 pid s f
  for pid in "$@"; do
    s=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -r -a f <<<"${s##*) }" # fields 3 onwards; utime and stime are fields 14 and 15
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}
clk_tck=$(getconf CLK_TCK)

# server_pids NAME: the processes doing the work (nginx's workers, not its master).
server_pids() {
  if [ "$1" = lantern ]; then
    echo "$lantern_pid"
  else
    local kids
    kids=$(cat /proc/"$nginx_pid"/task/*/children 2>/dev/null || true)
    if [ -z "$kids" ]; then # kernels without CONFIG_PROC_CHILDREN: find them by parent
      local stat s f
      for stat in /proc/[0-9]*/stat; do
        s=$(cat "$stat" 2>/dev/null) || continue
        read -r -a f <<<"${s##*) }"
        [ "${f[1]}" != "$nginx_pid" ] || kids+=" ${stat//[!0-9]/}"
      done
    fi
    echo "$kids"
  fi
}

# run_wrk NAME URL SECONDS OUT: one wrk run, bounded in time.
run_wrk() {
  local name=$1 url=$2 secs=$3 out=$4
  timeout $((secs + 30)) wrk "${wrk_args[@]}" -d"${secs}s" "$url" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk against $name failed"; }
}

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

# Rounds alternate the order (L N, N L, ...) so drift from other load on the
# machine falls on both servers alike; each round gives its own ratio.
: >"$work/results"
for round in $(seq "$rounds"); do
  order="lantern nginx"
  [ $((round % 2)) -eq 1 ] || order="nginx lantern"
  for name in $order; do
    url=$lantern_url
    [ "$name" = lantern ] || url=$nginx_url
    out=$work/round$round-$name.txt
    # shellcheck disable=SC2046 # one pid per word
    t0=$(cpu_ticks $(server_pids "$name"))
    run_wrk "$name" "$url" "$duration" "$out"
    # shellcheck disable=SC2046
    ticks=$(( $(cpu_ticks $(server_pids "$name")) - t0 ))
    rps=$(wrk_rps "$out") || { cat "$out" >&2; die "no Requests/sec in wrk's output"; }
    p99=$(wrk_p99_ms "$out") || { cat "$out" >&2; die "no 99% latency in wrk's output"; }
    n=$(wrk_requests "$out") || { cat "$out" >&2; die "no request count in wrk's output"; }
    bad=$(wrk_non2xx "$out")
    errs=$(wrk_socket_errors "$out")
    [ "$bad" -eq 0 ] || { cat "$out" >&2; die "$name answered $bad non-2xx responses; the numbers mean nothing"; }
    [ -z "$errs" ] || echo "  round $round $name: wrk socket errors: $errs"
    printf '%s %s %s %s %s %s\n' "$round" "$name" "$rps" "$p99" "$n" "$ticks" >>"$work/results"
    cpu_us=$(awk -v t="$ticks" -v n="$n" -v hz="$clk_tck" 'BEGIN { printf "%.0f", n ? t * 1e6 / hz / n : 0 }')
    line=$(printf '  round %d  %-7s %6.0f req/s   p99 %6.2f ms   %3d us CPU/req' "$round" "$name" "$rps" "$p99" "$cpu_us")
    if [ "$name" = "${order##* }" ]; then
      r=$(awk -v k="$round" '$1 == k { v[$2] = $3 } END { printf "%.2f", v["lantern"] / v["nginx"] }' "$work/results")
      line+="   round ratio $r"
    fi
    echo "$line"
  done
done

# Means over the rounds; the ratio is of the mean throughputs, with the
# spread of the per-round ratios beside it as a measure of the noise.
read -r l_rps n_rps l_p99 n_p99 ratio rmin rmax wrk_lantern_requests l_cpu n_cpu < <(awk -v hz="$clk_tck" '
  { rps[$2] += $3; p99[$2] += $4; runs[$2]++; req[$2] += $5; ticks[$2] += $6; by[$1, $2] = $3; rounds[$1] = 1 }
  END {
    lo = 1e9; hi = 0
    for (k in rounds) { r = by[k, "lantern"] / by[k, "nginx"]; if (r < lo) lo = r; if (r > hi) hi = r }
    printf "%.0f %.0f %.2f %.2f %.2f %.2f %.2f %d %.1f %.1f\n", rps["lantern"] / runs["lantern"],
      rps["nginx"] / runs["nginx"], p99["lantern"] / runs["lantern"], p99["nginx"] / runs["nginx"],
      rps["lantern"] / rps["nginx"], lo, hi, req["lantern"],
      ticks["lantern"] * 1e6 / hz / req["lantern"], ticks["nginx"] * 1e6 / hz / req["nginx"]
  }' "$work/results")
echo "  ---"
printf '  lantern  %6.0f req/s   p99 %6.2f ms   (means of %d runs)\n' "$l_rps" "$l_p99" "$rounds"
printf '  nginx    %6.0f req/s   p99 %6.2f ms   (means of %d runs)\n' "$n_rps" "$n_p99" "$rounds"
echo "  ratio lantern/nginx (throughput): $ratio   (per round: $rmin to $rmax)"
echo "  server CPU per request: lantern $l_cpu us, nginx $n_cpu us" \
  "(nginx/lantern $(awk -v a="$n_cpu" -v b="$l_cpu" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'))"
if awk -v r="$ratio" 'BEGIN { exit !(r >= 0.5) }'; then
  echo "  aim: at least 0.5 of nginx's throughput: met"
else
  echo "  aim: at least 0.5 of nginx's throughput: not met"
fi

# Lantern must have served what wrk counted (every request is logged) and stop cleanly.
stop "$lantern_pid" lantern
lantern_pid=""
[ "$stop_rc" -eq 0 ] || { tail -n 20 "$work/lantern.log" >&2; die "lantern exited $stop_rc on SIGTERM, not 0"; }
grep -q '"event":"stopped"' "$work/lantern.log" || die "lantern did not log its clean stop"
lantern_requests=$(( $(grep -c '"event":"request"' "$work/lantern.log" || true) - lantern_requests_before ))
# Lantern logs each request when it completes, so it must have logged at least
# every response wrk counted (warm-ups and cut-off requests come on top).
[ "$lantern_requests" -ge "$wrk_lantern_requests" ] ||
  die "lantern logged $lantern_requests requests but wrk counted $wrk_lantern_requests responses"
stop "$nginx_pid" nginx
nginx_pid=""
echo "  servers stopped (lantern exit 0, $lantern_requests requests logged)"

# --- the other benchmarks -------------------------------------------------------
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
