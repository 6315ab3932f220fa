#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for one purpose, and nothing
# twice: `deps.sh run` (build and serve), `deps.sh check` (all tests),
# `deps.sh bench`, `deps.sh fuzz`. Safe to run again and again.
set -euo pipefail
purpose=${1:-run}
here=$(cd "$(dirname "$0")/.." && pwd)

pkgs=(build-essential cmake pkg-config libmicrohttpd-dev libjansson-dev libsodium-dev
      libsqlite3-dev libcsv-dev zlib1g-dev)
case "$purpose" in
  run) ;;
  check) pkgs+=(libcmocka-dev sqlite3 chromium fonts-dejavu-core) ;;
  bench) pkgs+=(sqlite3 wrk nginx-light curl) ;;
  fuzz) pkgs+=(clang libclang-rt-14-dev) ;;
  *) echo "deps.sh: unknown purpose '$purpose' (run, check, bench, fuzz)" >&2; exit 2 ;;
esac
command -v node >/dev/null 2>&1 || pkgs+=(nodejs npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# The test tools from npm, pinned by tests/package-lock.json.
if [ "$purpose" = check ] || [ "$purpose" = bench ]; then
  stamp="$here/tests/node_modules/.lantern-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$here/tests/package-lock.json" "$stamp"; then
    echo "deps: npm ci in tests/" >&2
    (cd "$here/tests" && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp "$here/tests/package-lock.json" "$stamp"
  fi
fi
