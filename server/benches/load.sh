#!/usr/bin/env bash
# The load test and the soak: a release build on 127.0.0.1 with
# the demo archive, many sessions (every demo person, signed in several
# times), and wrk requesting a mix of front, service-task and document pages,
# each with the cookie of one of the sessions.
#
#   bash server/benches/load.sh [SECONDS] [CONNECTIONS] [SOAK_MINUTES]
#
# defaults: 60 s at 64 connections, then a 10-minute soak at 16 connections
# with the server's RSS sampled each minute. Bounded in time; loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-60}" conns="${2:-64}" soak="${3:-10}"
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release -p server >&2
out=target/load
rm -rf "$out" && mkdir -p "$out"
export PORTAL_DATABASE_URL="sqlite://$PWD/$out/portal.db" PORTAL_AUTH=test PORTAL_SECURE_COOKIES=false
export PORTAL_SIGNIN_PER_MINUTE=0 PORTAL_PHASE=2 PORTAL_TODAY=2026-11-23 PORTAL_SESSIONS_PER_PERSON=10
export LEPTOS_OUTPUT_NAME=portal LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ADDR=127.0.0.1:3020 RUST_LOG=warn
target/release/server > "$out/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
base=http://127.0.0.1:3020
for _ in $(seq 1 100); do curl -sf "$base/healthz" > /dev/null && break; sleep 0.1; done

# Sessions and their pages: each demo person three times; the pages are the
# links on that person's own front page (documents and service tasks).
python3 - "$base" > "$out/requests.lua" <<'PY'
import json, re, sys, urllib.request, http.cookiejar
base = sys.argv[1]
people = [p["id"] for p in json.load(open("server/demo/archive.json"))["people"]]
pairs = []
for person in people:
    for _ in range(3):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(base + "/login").read().decode()
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        body = f"person={person}&csrf={token}".encode()
        front = opener.open(base + "/auth/test-login", data=body).read().decode()
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        links = sorted(set(re.findall(r'href="(/(?:documents|tasks)/[^"?#]+)"', front)))
        for path in ["/"] + links:
            pairs.append((cookie, path))
print("local pairs = {")
for cookie, path in pairs:
    print(f'  {{ "{cookie}", "{path}" }},')
print("}")
print("""
local i = 0
request = function()
  i = i + 1
  local p = pairs[(i % #pairs) + 1]
  return wrk.format("GET", p[2], { ["Cookie"] = p[1] })
end
done = function(summary, latency)
  io.write(string.format("requests %d, %.0f req/s, errors %d (status >= 400: %d), p50 %.2f ms, p99 %.2f ms\\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
""")
print(f"-- {len(pairs)} (session, page) pairs", file=sys.stderr)
PY
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status"; }
echo "Machine: $(nproc) cores, $(uname -r); $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD)"
echo "RSS before: $(rss) MB"
echo "== load: ${secs} s, ${conns} connections"
wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s "$out/requests.lua" "$base" | tail -n 12
echo "RSS after the load: $(rss) MB"
if [ "$soak" -gt 0 ]; then
  echo "== soak: ${soak} min, 16 connections; RSS each minute"
  for m in $(seq 1 "$soak"); do
    wrk -t2 -c16 -d60s --timeout 10s -s "$out/requests.lua" "$base" | tail -n 1 | sed "s/^/minute $m: /"
    echo "minute $m: RSS $(rss) MB"
  done
fi
