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
# The tests need node and npm; the server needs neither.
if [ "$purpose" = check ] || [ "$purpose" = bench ]; then
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
fi
[ "$purpose" = run ] || command -v curl >/dev/null 2>&1 || pkgs+=(curl ca-certificates)

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

# The test tools (playwright-core, node --test --test-concurrency) need
# Node.js 20 or later; Debian 12 ships 18. An older node gets a pinned Node 20
# binary, the npm registry's repackaging of the official build, checked against
# its published sha512 (the registry's integrity value, in hex) and kept in tests/.node (scripts/node-env.sh puts it
# first on PATH). Nothing is fetched when the machine's node is recent enough.
node_version=20.20.2
declare -A node_sha512=(
  [x64]=3de1d033cc007661ed640d66068732819c6ce4b8945adb097b3413901774898f7cecaa46ac3d4edad544c9dbcc662b9771e45a9f1b7bae34e70c407038fba3a1
  [arm64]=2c25c99cd4c58b21ae601c36819488e4e04531b92300fb7cb2a0ff34aad6a04d90983812b9b4ea16783a19a349f4427c1e9c413067165a96db72ce15a3e0a71a
)
ensure_node20() {
  # shellcheck source=scripts/node-env.sh
  . "$here/scripts/node-env.sh"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$major" -ge 20 ] && return 0
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) echo "deps: Node.js $major is too old for the tests and no Node 20 build is pinned for $(uname -m); install Node.js 20 or later" >&2
       exit 1 ;;
  esac
  local dir="$here/tests/.node" tgz
  tgz=$(mktemp)
  echo "deps: Node.js ${major} is older than 20; fetching Node.js $node_version for the tests into tests/.node" >&2
  curl -fsSL --retry 3 -o "$tgz" \
    "https://registry.npmjs.org/node-linux-$arch/-/node-linux-$arch-$node_version.tgz"
  local got
  got=$(sha512sum "$tgz" | cut -d' ' -f1)
  if [ "$got" != "${node_sha512[$arch]}" ]; then
    rm -f "$tgz"
    echo "deps: the Node.js $node_version download does not match its pinned sha512" >&2
    exit 1
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  tar -xzf "$tgz" -C "$dir" --strip-components=1 package/bin/node
  rm -f "$tgz"
  . "$here/scripts/node-env.sh"
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || { echo "deps: tests/.node/bin/node does not run" >&2; exit 1; }
}

# The test tools from npm, pinned by tests/package-lock.json.
if [ "$purpose" = check ] || [ "$purpose" = bench ]; then
  ensure_node20
  stamp="$here/tests/node_modules/.lantern-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$here/tests/package-lock.json" "$stamp"; then
    echo "deps: npm ci in tests/" >&2
    (cd "$here/tests" && npm ci --no-audit --no-fund --loglevel=error >&2)
    cp "$here/tests/package-lock.json" "$stamp"
  fi
fi
