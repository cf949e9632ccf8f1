#!/usr/bin/env bash
# How fast `/ideas` answers with 100 000 ideas, on SQLite and on PostgreSQL:
# p50 and p99 latency of the first page and of a deep page (the 2 500th,
# reached by its keyset cursor), measured with wrk against a release build.
#
#   server/benches/ideas_list.sh            # 100 000 ideas, 20 s per run
#   IDEAS=1000000 DURATION=30s server/benches/ideas_list.sh
#
# Needs wrk (apt-get install wrk), python3, psql and PostgreSQL on
# TEST_POSTGRES_URL (default: the local server). SAMSKAP_BIN names a
# release binary to measure instead of building one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ideas="${IDEAS:-100000}"
duration="${DURATION:-20s}"
connections="${CONNECTIONS:-8}"
port="${PORT:-3200}"
admin_url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="${SAMSKAP_BIN:-$target_dir/release/samskap}"
work="$(mktemp -d)"
pg_db="samskap_bench_$$"
server_pid=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
# The release build run.sh makes (cargo-leptos), unless one is given.
[ -n "${SAMSKAP_BIN:-}" ] || (cd "$root" && cargo leptos build --release)

# The cursor of the idea that ends page `page` in the hot order.
deep_cursor_sqlite() {
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
offset = int(sys.argv[2]) * 20 - 1
score, id = db.execute("SELECT hot_score, id FROM idea WHERE status='published' ORDER BY hot_score DESC, id DESC LIMIT 1 OFFSET ?", (offset,)).fetchone()
print(f"{score!r}_{id}")
PY
}
deep_cursor_postgres() {
  psql "$1" -At -c "SELECT hot_score::float8::text || '_' || id FROM idea WHERE status='published' ORDER BY hot_score DESC, id DESC LIMIT 1 OFFSET $(( $2 * 20 - 1 ))"
}

measure() {
  local backend="$1" database_url="$2"
  echo "== $backend: generating $ideas ideas" >&2
  DATABASE_URL="$database_url" DATA_DIR="$work/$backend" "$bin" generate --ideas "$ideas" >&2
  local cursor
  if [ "$backend" = sqlite ]; then cursor="$(deep_cursor_sqlite "$work/sqlite/samskap.db" 2500)"; else cursor="$(deep_cursor_postgres "$database_url" 2500)"; fi
  DATABASE_URL="$database_url" DATA_DIR="$work/$backend" LEPTOS_SITE_ADDR="127.0.0.1:$port" \
    LEPTOS_SITE_ROOT="$root/target/site" RUST_LOG=warn "$bin" serve &
  server_pid=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  for page in "first page|/ideas" "deep page (2 500th)|/ideas?after=$cursor"; do
    local name="${page%%|*}" path="${page#*|}"
    curl -sf -o /dev/null "http://127.0.0.1:$port$path" || { echo "$path failed" >&2; exit 1; }
    wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$path" > "$work/wrk.txt"
    local p50 p99 rps
    p50="$(awk '$1=="50%"{print $2}' "$work/wrk.txt")"
    p99="$(awk '$1=="99%"{print $2}' "$work/wrk.txt")"
    rps="$(awk '/Requests\/sec/{print $2}' "$work/wrk.txt")"
    printf '| %-10s | %-20s | %8s | %8s | %9s |\n' "$backend" "$name" "$p50" "$p99" "$rps"
  done
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

mkdir -p "$work/sqlite" "$work/postgres"
psql "$admin_url" -qc "CREATE DATABASE $pg_db"
echo "| back end   | page                 |      p50 |      p99 |   req/s   |"
echo "|------------|----------------------|----------|----------|-----------|"
measure sqlite "sqlite://$work/sqlite/samskap.db?mode=rwc"
measure postgres "${admin_url%/*}/$pg_db"
