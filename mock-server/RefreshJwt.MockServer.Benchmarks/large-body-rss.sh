#!/usr/bin/env bash
# The mock's resident memory before and after oversized bodies (mock-server/BENCHMARKS.md, "Large bodies").
#   large-body-rss.sh [MOCK_DLL]   default: this checkout's Release build of RefreshJwt.MockServer
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dll="${1:-$root/artifacts/bin/RefreshJwt.MockServer/release/RefreshJwt.MockServer.dll}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -c 100000000 /dev/zero >"$work/100m"
head -c 50000000 /dev/zero >"$work/50m"

dotnet "$dll" --http --port 0 --quiet >"$work/out" 2>/dev/null &
pid=$!
for _ in $(seq 300); do [ -s "$work/out" ] && break; sleep 0.1; done
url="$(head -1 "$work/out")"
rss() { awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$pid/status"; }
send() { curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/users/refresh_jwt" -H 'Authorization: JWT x' "$@"; }

curl -s -o /dev/null "$url/__mock/clock"
echo "idle: RSS $(rss)"
echo "one 100 MB body (Content-Length): answered $(send --data-binary @"$work/100m"); RSS $(rss)"
senders=()
for i in 1 2 3 4; do send --data-binary @"$work/50m" >"$work/status.$i" & senders+=($!); done
wait "${senders[@]}"
echo "four parallel 50 MB bodies: answered $(for f in "$work"/status.*; do printf '%s ' "$(cat "$f")"; done); RSS $(rss)"
echo "one 100 MB body (chunked): answered $(send -H 'Transfer-Encoding: chunked' --data-binary @"$work/100m"); RSS $(rss)"
kill -TERM "$pid"
wait "$pid" || true
