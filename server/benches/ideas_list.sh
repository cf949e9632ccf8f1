#!/usr/bin/env bash
# How fast `/ideas` answers with 100 000 ideas, on SQLite and on PostgreSQL:
# p50 and p99 latency of the first page, of a deep page (the 2 500th,
# reached by its keyset cursor) and of one idea's page in the middle of the
# data set (its timeline, official responses and comments), measured with
# wrk against a release build.
#
#   server/benches/ideas_list.sh            # 100 000 ideas, 20 s per run
#   IDEAS=1000000 DURATION=30s server/benches/ideas_list.sh
#
# Needs wrk (apt-get install wrk), python3, psql and PostgreSQL on
# TEST_POSTGRES_URL (default: the local server). SAMSKAP_BIN names a
# release binary to measure instead of building one.
set -euo pipefail
ideas="${IDEAS:-100000}"
connections="${CONNECTIONS:-8}"
port="${PORT:-3200}"
pg_db_prefix=samskap_bench
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

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
  start_server "$database_url" "$work/$backend" "$port"
  local middle=$(( ideas / 2 ))
  for page in "first page|/ideas" "deep page (2 500th)|/ideas?after=$cursor" "an idea's page|/ideas/$middle"; do
    local name="${page%%|*}" path="${page#*|}"
    curl -sf -o /dev/null "http://127.0.0.1:$port$path" || { echo "$path failed" >&2; exit 1; }
    wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$path" > "$work/wrk.txt"
    local p50 p99 rps
    read -r p50 p99 rps < <(wrk_numbers "$work/wrk.txt")
    printf '| %-10s | %-20s | %8s | %8s | %9s |\n' "$backend" "$name" "$p50" "$p99" "$rps"
  done
  stop_server
}

mkdir -p "$work/sqlite" "$work/postgres"
psql "$admin_url" -qc "CREATE DATABASE $pg_db"
echo "| back end   | page                 |      p50 |      p99 |   req/s   |"
echo "|------------|----------------------|----------|----------|-----------|"
measure sqlite "sqlite://$work/sqlite/samskap.db?mode=rwc"
measure postgres "${admin_url%/*}/$pg_db"
