#!/usr/bin/env bash
# `make run`: a working Lantern on http://127.0.0.1:8080 with synthetic demo
# data. The first run creates ./var (key, database, demo users); later runs
# reuse it. LANTERN_DATA and LANTERN_LISTEN override the defaults.
set -euo pipefail
bin=${1:-build/lantern}
data=${LANTERN_DATA:-./var}
listen=${LANTERN_LISTEN:-127.0.0.1:8080}
if [ ! -d "$data" ]; then
  "$bin" init --data "$data" > "$data.init.txt.tmp" 2>&1 || { cat "$data.init.txt.tmp" >&2; rm -f "$data.init.txt.tmp"; exit 1; }
  # The admin password is shown once: keep it beside the data for the demo only.
  mv "$data.init.txt.tmp" "$data/admin-password.txt"
  chmod 600 "$data/admin-password.txt"
  # Init and demo are one step here: if the demo fails, the fresh directory
  # goes, so the next run starts again instead of serving a half-loaded demo
  # with no logins to show.
  if ! "$bin" demo --data "$data" > "$data/demo-logins.txt.tmp"; then
    echo "make run: loading the demo data failed; removing the new $data" >&2
    rm -rf "$data"
    exit 1
  fi
  mv "$data/demo-logins.txt.tmp" "$data/demo-logins.txt"
fi
cat <<EOT

Lantern is starting on http://$listen/  (data: $data)
All data in this demo is SYNTHETIC: invented people, invented organisations.

$(cat "$data/demo-logins.txt" 2>/dev/null | sed 1d)
  admin: see $data/admin-password.txt

Stop with Ctrl+C.
EOT
exec "$bin" serve --data "$data" --listen "$listen"
