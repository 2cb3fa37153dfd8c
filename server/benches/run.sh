#!/usr/bin/env bash
# The national-scale benchmark: one command, Markdown tables.
#
#   bash server/benches/run.sh [DOCUMENTS ...]      (default: 30000 300000)
#
# For each archive size: generates a synthetic archive (`server generate`),
# imports it into a fresh SQLite store and a fresh PostgreSQL database
# (documents/s, store size), and the same archive written as CDA documents
# (`server generate --cda`) into another (CDA documents/s); serves each from
# a release build on 127.0.0.1
# and measures, for a typical subject (20 documents) and the heavy ones
# (100 … 10 000): the front page, task page 1 and one document page — p50 /
# p99 over sequential keep-alive requests (wrk -c1) and req/s at 32
# connections (wrk -c32) — beside the static route and the SQL floor (one page
# of one task's metadata from the indexed table), and the server's peak RSS.
#
# From BENCH_STREAM_FROM documents (default 1 000 000) the archive is not kept:
# it is generated and imported in batches (`server generate --import`).
# BENCH_SECONDS (default 5) per measurement; BENCH_STORES (default
# "sqlite postgres"). PostgreSQL: a throwaway cluster (.ci/postgres.sh, fsync
# on). Needs wrk (apt). Only ever targets 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(30000 300000)
secs=${BENCH_SECONDS:-5}
stores=${BENCH_STORES:-sqlite postgres}
port=${BENCH_PORT:-3199}
out=target/bench
mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

cargo build --release -p server >&2
bin=target/release/server
base="http://127.0.0.1:$port"

if [[ " $stores " == *" postgres "* ]]; then
  # shellcheck source=../../.ci/postgres.sh
  source .ci/postgres.sh
  PG_PORT_FIXED=${BENCH_PG_PORT:-} PG_FSYNC=on pg_start
  trap pg_stop EXIT
fi

# p50 and p99 in ms from wrk --latency output.
pct() { awk -v p="$1" '$1 == p"%" { v=$2; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 }; printf "%.2f", v }'; }
rps() { awk '/^Requests\/sec/ { printf "%.0f", $2 }'; }
rss_mb() { awk '/VmHWM/ { printf "%.0f", $2/1024 }' "/proc/$1/status"; }

# Signs the test person ID in (the sign-in form's token from /login, as a
# browser does) and prints the Cookie header's value.
signin() {
  local jar token
  jar=$(mktemp)
  token=$(curl -s -c "$jar" "$base/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null -d "person=$1&csrf=$token" "$base/auth/test-login"
  # curl writes HttpOnly cookies as "#HttpOnly_host …".
  awk '($0 ~ /^#HttpOnly_/ || $0 !~ /^#/) && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar"
  rm -f "$jar"
}

measure() { # URL COOKIE → "p50 / p99 | req/s"
  local url=$1 cookie=$2 seq par errors code
  # What is measured must be the page itself, not a redirect to sign-in.
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url")
  if [ "$code" != 200 ]; then
    echo "$url answered $code, not 200: not measured" >&2
    exit 1
  fi
  # One second of warm-up, not counted (the cold first request of a subject
  # is reported on its own, in the "first front page" column).
  wrk -t1 -c2 -d1s -H "Cookie: $cookie" "$url" > /dev/null
  seq=$(wrk -t1 -c1 -d"${secs}s" --latency -H "Cookie: $cookie" "$url")
  par=$(wrk -t2 -c32 -d"${secs}s" --timeout 10s -H "Cookie: $cookie" "$url")
  sleep 0.5
  errors=$(printf '%s\n%s\n' "$seq" "$par" | awk '/Non-2xx|Socket errors/ { print }')
  [ -z "$errors" ] || echo "  warning: $url: $errors" >&2
  printf '%s / %s | %s' "$(pct 50 <<<"$seq")" "$(pct 99 <<<"$seq")" "$(rps <<<"$par")"
}

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r); $(date -u +%Y-%m-%d); $secs s a measurement"
echo
echo "| store | archive | subject's documents | first front page ms (cold) | front p50 / p99 ms | front req/s | task p50 / p99 ms | task req/s | document p50 / p99 ms | document req/s |"
echo "|---|---|---|---|---|---|---|---|---|---|"
summary=()
for docs in "${sizes[@]}"; do
  dir="$out/archive-$docs"
  persons=$(( (docs - 16120) / 27 + 10 ))
  [ "$persons" -gt 10 ] || persons=$(( docs / 20 + 5 ))
  # From BENCH_STREAM_FROM documents on (default 1 000 000), the archive is
  # generated for each store and imported ten files at a time, each batch
  # removed before the next is written: 3 M documents are about 50 GB of JSON.
  stream=$(( docs >= ${BENCH_STREAM_FROM:-1000000} ))
  gen=("$bin" generate "$dir" --persons "$persons" --documents "$docs" --per-file 5000 --seed 1)
  if [ "$stream" = 0 ] && { [ ! -s "$dir.subjects" ] || [ ! -d "$dir" ]; }; then
    rm -rf "$dir"
    "${gen[@]}" > "$dir.subjects"
  fi
  # The same archive as CDA documents and register files (cda.md).
  if [ "$stream" = 0 ] && [ ! -d "$dir-cda" ]; then
    "${gen[@]/$dir/$dir-cda}" --cda > /dev/null
  fi
  for store in $stores; do
    if [ "$store" = sqlite ]; then
      db="$out/store-$docs.db"
      rm -f "$db" "$db-wal" "$db-shm"
      url="sqlite://$PWD/$db"
    else
      name="bench_$docs"
      psql -q "$PORTAL_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
      url="${PORTAL_TEST_POSTGRES%/*}/$name"
    fi
    if [ "$stream" = 1 ]; then
      rm -rf "$dir"
      PORTAL_DATABASE_URL="$url" "${gen[@]}" --import > "$dir.subjects"
      seconds=$(awk '$1 == "import_seconds" { print $2 }' "$dir.subjects")
    else
      start=$(date +%s.%N)
      PORTAL_DATABASE_URL="$url" "$bin" import "$dir"/archive-*.json > /dev/null
      end=$(date +%s.%N)
      seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    fi
    generated=$(awk '$1 == "documents" { print $2 }' "$dir.subjects")
    rate=$(awk -v n="$generated" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
    # The CDA import of the same archive, into a store of its own.
    cda_rate=-
    if [ "$stream" = 0 ]; then
      if [ "$store" = sqlite ]; then
        cdb="$out/store-$docs-cda.db"
        rm -f "$cdb" "$cdb-wal" "$cdb-shm"
        cda_url="sqlite://$PWD/$cdb"
      else
        psql -q "$PORTAL_TEST_POSTGRES" -c "DROP DATABASE IF EXISTS ${name}_cda" -c "CREATE DATABASE ${name}_cda"
        cda_url="${PORTAL_TEST_POSTGRES%/*}/${name}_cda"
      fi
      start=$(date +%s.%N)
      PORTAL_DATABASE_URL="$cda_url" "$bin" import "$dir-cda" > /dev/null
      end=$(date +%s.%N)
      cda_rate=$(awk -v n="$generated" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
      if [ "$store" = sqlite ]; then rm -f "$cdb" "$cdb-wal" "$cdb-shm"
      else psql -q "$PORTAL_TEST_POSTGRES" -c "DROP DATABASE ${name}_cda"; fi
    fi
    if [ "$store" = sqlite ]; then
      size=$(du -cm "$db"* | awk 'END { print $1 }')
    else
      size=$(psql -tA "$url" -c "SELECT pg_database_size(current_database()) / 1048576")
    fi

    PORTAL_DATABASE_URL="$url" PORTAL_DEMO=false PORTAL_AUTH=test PORTAL_SIGNIN_PER_MINUTE=0 \
      PORTAL_SECURE_COOKIES=false PORTAL_TODAY=2026-11-23 RUST_LOG=warn \
      LEPTOS_OUTPUT_NAME=portal LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
      LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_ENV=PROD "$bin" > "$out/server-$store-$docs.log" 2>&1 &
    pid=$!
    # Up to two minutes for the store to open (it did take seconds at 3 M
    # before migration 0010 stopped the scan for pre-0004 bodies at every start).
    for _ in $(seq 1200); do curl -fs "$base/favicon.ico" -o /dev/null && break; sleep 0.1; done

    while read -r kind id count first; do
      [ "$kind" = subject ] || continue
      cookie=$(signin "$id")
      cold=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base/" | awk '{ printf "%.1f", $1 * 1000 }')
      front=$(measure "$base/" "$cookie")
      task=$(measure "$base/tasks/2016:26" "$cookie")
      doc=$(measure "$base/documents/$first" "$cookie")
      echo "| $store | $docs | $count | $cold | ${front/|/| } | ${task/|/| } | ${doc/|/| } |"
    done < "$dir.subjects"
    static=$(measure "$base/favicon.ico" "x=y")
    typical=$(awk '$1 == "subject" && $3 == 20 { print $2 }' "$dir.subjects")
    sql="SELECT d.data FROM documents d JOIN document_clients c ON c.document_id = d.id AND c.version = d.version WHERE c.person = '$typical' LIMIT 20"
    if [ "$store" = sqlite ]; then
      floor=$(python3 - "$db" "$sql" <<'EOF'
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
for _ in range(50): con.execute(sys.argv[2]).fetchall()
n = 2000; t = time.perf_counter()
for _ in range(n): con.execute(sys.argv[2]).fetchall()
print("%.3f" % ((time.perf_counter() - t) / n * 1000))
EOF
)
    else
      floor=$(psql -tA "$url" -c "EXPLAIN (ANALYZE, FORMAT JSON) $sql" \
        | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)[0]["Execution Time"])')
    fi
    summary+=("| $store | $docs | $generated | $rate | $cda_rate | $size | ${static/|/| } | $floor | $(rss_mb $pid) |")
    # Also at once, so that a run stopped later keeps it.
    echo "${summary[-1]}" >> "$out/summary.md"
    kill $pid; wait $pid 2>/dev/null || true
    # A streamed archive's stores are not kept (disk).
    if [ "$stream" = 1 ]; then
      if [ "$store" = sqlite ]; then rm -f "$db" "$db-wal" "$db-shm"
      else psql -q "$PORTAL_TEST_POSTGRES" -c "DROP DATABASE $name"; fi
    fi
  done
done
echo
echo "| store | archive | documents imported | import documents/s | CDA import documents/s | store MB | static p50 / p99 ms | static req/s | SQL floor ms | server peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${summary[@]}"
