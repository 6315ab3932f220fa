# shellcheck shell=bash disable=SC2154,SC2034 # settings come from the caller, results go back
# What the HTTP benchmarks share: a throwaway directory removed on exit,
# lantern and nginx started on loopback ports and stopped again (also on
# Ctrl-C), wrk runs bounded in time, server CPU read from /proc, and the
# rounds that compare the two servers. Sourced, not run; bench/lib/wrk.sh
# must be sourced first.
#
# The caller sets, before calling anything here:
#   bench_name      prefix of error messages ("bench", "cases.sh")
#   server_threads  lantern --threads and nginx worker_processes
#   nginx_bin       the nginx binary
# and, before bench_rounds: wrk_args (an array: threads, connections, Lua
# script...), duration, rounds and warmup.
# Globals set here: work, lantern_pid, lantern_port, nginx_pid, nginx_port,
# stop_rc, clk_tck, and the results of bench_rounds (see there).

work=""
lantern_pid=""
lantern_port=""
nginx_pid=""
nginx_port=""
clk_tck=$(getconf CLK_TCK)

die() { echo "${bench_name:-bench}: $*" >&2; exit 1; }

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
    echo "${bench_name:-bench}: $name (pid $pid) ignored SIGTERM for 10 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || stop_rc=$?
}

# Stops whatever is still running and removes the throwaway directory.
bench_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -z "$lantern_pid" ] || stop "$lantern_pid" lantern
  [ -z "$nginx_pid" ] || stop "$nginx_pid" nginx
  [ -z "$work" ] || rm -rf "$work"
  exit "$rc"
}

# bench_workdir: creates $work (under $TMPDIR) and arranges for the cleanup.
bench_workdir() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/lantern-bench.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# start_lantern BIN DATA: `lantern serve` on a free loopback port, its stdout
# and log in $work; sets lantern_pid and lantern_port, or dies.
start_lantern() {
  local bin=$1 data=$2
  "$bin" serve --data "$data" --listen 127.0.0.1:0 --threads "$server_threads" \
    >"$work/lantern.out" 2>"$work/lantern.log" &
  lantern_pid=$!
  lantern_port=""
  for _ in $(seq 100); do
    lantern_port=$(sed -nE '/"event":"listening"/{s/.*"port":([0-9]+).*/\1/p;q}' "$work/lantern.log")
    [ -z "$lantern_port" ] || break
    kill -0 "$lantern_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$lantern_port" ]; then
    cat "$work/lantern.log" >&2
    die "lantern serve did not report a listening port within 10 s"
  fi
}

# stop_lantern WRK_REQUESTS: stops lantern, which must exit 0 and have logged
# its clean stop and at least WRK_REQUESTS requests since
# $lantern_requests_before (lantern logs each request when it completes, so
# it must have logged every response wrk counted; warm-ups and cut-off
# requests come on top). Sets lantern_requests.
stop_lantern() {
  local counted=$1
  stop "$lantern_pid" lantern
  lantern_pid=""
  [ "$stop_rc" -eq 0 ] || { tail -n 20 "$work/lantern.log" >&2; die "lantern exited $stop_rc on SIGTERM, not 0"; }
  grep -q '"event":"stopped"' "$work/lantern.log" || die "lantern did not log its clean stop"
  lantern_requests=$(( $(grep -c '"event":"request"' "$work/lantern.log" || true) - ${lantern_requests_before:-0} ))
  [ "$lantern_requests" -ge "$counted" ] ||
    die "lantern logged $lantern_requests requests but wrk counted $counted responses"
}

# start_nginx PORT PROBE LOCATIONS: starts nginx in the foreground (daemon
# off) with its own config, pid and logs under $work/nginx, serving
# $work/nginx/html with the LOCATIONS config text in its server block;
# returns 0 once PROBE (a path) answers, 1 if it exited (e.g. the port was
# taken).
start_nginx() {
  local p=$1 probe=$2 locations=$3 user_line=""
  # As root, nginx would drop its workers to "nobody", who cannot read the
  # 0700 temp dir; keep them as the current user instead.
  [ "$(id -u)" -ne 0 ] || user_line="user $(id -un) $(id -gn);"
  cat >"$work/nginx/nginx.conf" <<EOF
# Written by bench/$(basename "$0") for one run; nothing outside $work is read or written.
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
$locations
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
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p$probe" && return 0
    sleep 0.1
  done
  stop "$nginx_pid" nginx
  nginx_pid=""
  return 1
}

# start_nginx_free PROBE LOCATIONS: start_nginx on a free random loopback
# port (up to 10 tries); sets nginx_port, or dies. Serve files from
# $work/nginx/html, which this creates.
start_nginx_free() {
  local probe=$1 locations=$2 p
  mkdir -p "$work/nginx/html" "$work/nginx/tmp"
  nginx_port=""
  for _ in $(seq 10); do
    p=$((20000 + RANDOM % 40000))
    # Skip ports something already answers on; nginx failing to bind is caught too.
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then continue; fi
    if start_nginx "$p" "$probe" "$locations"; then nginx_port=$p; break; fi
  done
  if [ -z "$nginx_port" ]; then
    cat "$work/nginx/error.log" "$work/nginx/stdout.log" >&2 2>/dev/null || true
    die "nginx did not start on a free loopback port"
  fi
}

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

# wait_idle: waits (at most 20 s) until neither server uses CPU for 0.2 s,
# so that requests queued by the previous wrk run (it closes its
# connections, but a server may still be working through what it read) are
# neither charged to the next run nor steal its CPU. Matters for slow
# endpoints, where 32 queued requests can be seconds of work.
wait_idle() {
  local before after
  # shellcheck disable=SC2046 # one pid per word
  before=$(cpu_ticks $(server_pids lantern) $(server_pids nginx))
  for _ in $(seq 100); do
    sleep 0.2
    # shellcheck disable=SC2046
    after=$(cpu_ticks $(server_pids lantern) $(server_pids nginx))
    [ $((after - before)) -gt 1 ] || return 0
    before=$after
  done
}

# run_wrk NAME URL SECONDS OUT: one wrk run with "${wrk_args[@]}", bounded in time.
run_wrk() {
  local name=$1 url=$2 secs=$3 out=$4
  timeout $((secs + 30)) wrk "${wrk_args[@]}" -d"${secs}s" "$url" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk against $name failed"; }
}

# bench_rounds TAG LANTERN_URL NGINX_URL: $rounds rounds of $duration seconds
# of wrk against each server. Rounds alternate the order (L N, N L, ...) so
# drift from other load on the machine falls on both servers alike; each
# round prints its own ratio. Then the means: the ratio is of the mean
# throughputs, with the spread of the per-round ratios beside it as a
# measure of the noise. Warm-ups are the caller's (run_wrk). Sets l_rps,
# n_rps, l_p99, n_p99, ratio, rmin, rmax, wrk_lantern_requests, l_cpu, n_cpu
# (microseconds of server CPU per request). TAG names the files in $work.
bench_rounds() {
  local tag=$1 lantern_url=$2 nginx_url=$3
  local results=$work/$tag-results round order name url out t0 ticks rps p99 n bad errs cpu_us line r
  : >"$results"
  for round in $(seq "$rounds"); do
    order="lantern nginx"
    [ $((round % 2)) -eq 1 ] || order="nginx lantern"
    for name in $order; do
      url=$lantern_url
      [ "$name" = lantern ] || url=$nginx_url
      out=$work/$tag-round$round-$name.txt
      wait_idle
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
      printf '%s %s %s %s %s %s\n' "$round" "$name" "$rps" "$p99" "$n" "$ticks" >>"$results"
      cpu_us=$(awk -v t="$ticks" -v n="$n" -v hz="$clk_tck" 'BEGIN { printf "%.0f", n ? t * 1e6 / hz / n : 0 }')
      line=$(printf '  round %d  %-7s %6.0f req/s   p99 %6.2f ms   %3d us CPU/req' "$round" "$name" "$rps" "$p99" "$cpu_us")
      if [ "$name" = "${order##* }" ]; then
        r=$(awk -v k="$round" '$1 == k { v[$2] = $3 } END { r = v["lantern"] / v["nginx"]
          f = r >= 0.095 ? "%.2f" : "%#.2g"; printf f, r }' "$results")
        line+="   round ratio $r"
      fi
      echo "$line"
    done
  done

  read -r l_rps n_rps l_p99 n_p99 ratio rmin rmax wrk_lantern_requests l_cpu n_cpu < <(awk -v hz="$clk_tck" '
    { rps[$2] += $3; p99[$2] += $4; runs[$2]++; req[$2] += $5; ticks[$2] += $6; by[$1, $2] = $3; rounds[$1] = 1 }
    END {
      lo = 1e9; hi = 0
      for (k in rounds) { r = by[k, "lantern"] / by[k, "nginx"]; if (r < lo) lo = r; if (r > hi) hi = r }
      # Two decimals, or two significant digits for ratios far below 0.1.
      f = "%.0f %.0f %.2f %.2f " (lo >= 0.095 ? "%.2f %.2f %.2f" : "%#.2g %#.2g %#.2g") " %d %.1f %.1f\n"
      printf f, rps["lantern"] / runs["lantern"],
        rps["nginx"] / runs["nginx"], p99["lantern"] / runs["lantern"], p99["nginx"] / runs["nginx"],
        rps["lantern"] / rps["nginx"], lo, hi, req["lantern"],
        ticks["lantern"] * 1e6 / hz / req["lantern"], ticks["nginx"] * 1e6 / hz / req["nginx"]
    }' "$results")
  echo "  ---"
  printf '  lantern  %6.0f req/s   p99 %6.2f ms   (means of %d runs)\n' "$l_rps" "$l_p99" "$rounds"
  printf '  nginx    %6.0f req/s   p99 %6.2f ms   (means of %d runs)\n' "$n_rps" "$n_p99" "$rounds"
  echo "  ratio lantern/nginx (throughput): $ratio   (per round: $rmin to $rmax)"
  echo "  server CPU per request: lantern $l_cpu us, nginx $n_cpu us" \
    "(nginx/lantern $(awk -v a="$n_cpu" -v b="$l_cpu" 'BEGIN { r = b > 0 ? a / b : 0
      f = r >= 0.095 || r == 0 ? "%.2f" : "%#.2g"; printf f, r }'))"
}
