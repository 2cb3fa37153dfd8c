#!/usr/bin/env bash
# An anonymous flood beside signed-in reads: does the flood grow the store,
# and what does it do to a signed-in person's latency? Loopback only,
# bounded in time (two 10-second wrk runs, and the flood once beside one).
#
#   bash server/benches/flood.sh [FLOOD_CONNECTIONS]
#
# BIN=path/to/server uses that build (default: a release build).
set -euo pipefail
cd "$(dirname "$0")/../.."
conns="${1:-16}"
export PATH="$HOME/.cargo/bin:$PATH"
if [ -z "${BIN:-}" ]; then
  cargo build --release -p server >&2
  BIN=target/release/server
fi
out=target/flood
rm -rf "$out" && mkdir -p "$out"
port=3021 base=http://127.0.0.1:3021
export PORTAL_DATABASE_URL="sqlite://$PWD/$out/portal.db" PORTAL_AUTH=test PORTAL_SECURE_COOKIES=false
export PORTAL_TODAY=2026-11-23 PORTAL_PHASE=2 PORTAL_SIGNIN_PER_MINUTE=0 RUST_LOG=error
export LEPTOS_OUTPUT_NAME=portal LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ADDR=127.0.0.1:$port PORTAL_PUBLIC_URL=$base
"$BIN" > "$out/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" > /dev/null && break; sleep 0.2; done
jar="$out/jar"
page=$(curl -s -c "$jar" -b "$jar" "$base/login")
token=$(echo "$page" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -c "$jar" -b "$jar" -o /dev/null -d "csrf=$token&person=120485-946D" "$base/auth/test-login"
cookie=$(awk '$6=="portal_session"{print "portal_session="$7}' "$jar")
rows() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM audit_events').fetchone()[0])" "$out/portal.db"; }
signed_in() { wrk -t1 -c2 -d10s --latency -H "Cookie: $cookie" "$base/" | grep -E "Requests/sec|50%|99%"; }
echo "audit rows at start: $(rows)"
echo "== quiet: signed-in GET / (2 connections, 10 s)"
signed_in
echo "audit rows: $(rows)"
echo "== flood: anonymous GET of a document ($conns connections, 10 s) beside signed-in GET /"
wrk -t1 -c"$conns" -d10s "$base/documents/1.2.246.10.1000001.30.A03" > "$out/flood.txt" &
flood=$!
signed_in
wait "$flood"
grep -E "requests in|Requests/sec" "$out/flood.txt"
echo "audit rows: $(rows) (the flood's requests write none)"
