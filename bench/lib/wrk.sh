# shellcheck shell=bash
# Helpers that read wrk's text output (run with --latency). Sourced, not run.
# Each takes the path of a file holding one wrk run's stdout.

# wrk_rps FILE: the "Requests/sec:" figure, e.g. 18814.99.
wrk_rps() {
  awk '$1 == "Requests/sec:" { print $2; found = 1 } END { if (!found) exit 1 }' "$1"
}

# wrk_p99_ms FILE: the 99% line of the latency distribution, in milliseconds.
# wrk prints it as 250us, 1.46ms, 2.10s or 1.00m.
wrk_p99_ms() {
  awk '
    $1 == "99%" {
      v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
      f = unit == "us" ? 0.001 : unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 : -1
      if (f < 0) exit 2
      printf "%.2f\n", v * f; found = 1
    }
    END { if (!found) exit 1 }' "$1"
}

# wrk_requests FILE: the total number of requests completed ("N requests in 10.00s").
wrk_requests() {
  awk '$2 == "requests" && $3 == "in" { print $1; found = 1 } END { if (!found) exit 1 }' "$1"
}

# wrk_non2xx FILE: the count of responses that were not 2xx or 3xx (0 when wrk
# printed no such line).
wrk_non2xx() {
  awk '/^ *Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$1"
}

# wrk_socket_errors FILE: wrk's socket error line without its label, or nothing.
wrk_socket_errors() {
  sed -nE 's/^ *Socket errors: *//p' "$1"
}
