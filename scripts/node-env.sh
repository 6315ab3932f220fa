# Sourced by the scripts that run Node.js: puts the Node 20 that
# scripts/deps.sh fetched (only on machines whose node is older) first on PATH.
# shellcheck shell=bash
_lantern_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -x "$_lantern_root/tests/.node/bin/node" ]; then
  PATH="$_lantern_root/tests/.node/bin:$PATH"
  export PATH
fi
unset _lantern_root
