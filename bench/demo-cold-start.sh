#!/usr/bin/env bash
# Cold `npm run demo` to the first page served (docs/BENCHMARKS.md "Demo start").
# Usage: bench/demo-cold-start.sh [PORT]   — removes this checkout's .next and .data first.
set -u
cd "$(dirname "$0")/.."
PORT=${1:-3000}
LOG=$(mktemp)
rm -rf .next .data
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
PORT=$PORT setsid npm run demo >"$LOG" 2>&1 &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/login")" = 200 ]; do
  kill -0 $pid 2>/dev/null || { cat "$LOG"; echo "the demo stopped"; exit 1; }
  sleep 0.5
done
echo "first page after $(echo "$(date +%s.%N) - $start" | bc | cut -c1-6) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "Compiled successfully|TypeScript|Skipping validation|filesystem cache" "$LOG"
kill -INT -- -$pid
wait $pid
echo "lines with warn/error/exited:"
grep -inE "warn|error|exited" "$LOG" || echo "(none)"
rm -f "$LOG"
