#!/usr/bin/env bash
# How fast the open data API, the feeds and the solution pages answer with
# 100 000 ideas on PostgreSQL (and 1 000 published solution cards made
# from them): p50 and p99 latency and requests a second with wrk against a
# release build, 32 connections, plus the open data download's first
# (made) and second (kept) answer, and its size.
#
#   server/benches/open_data.sh
#   IDEAS=1000000 DURATION=30s server/benches/open_data.sh
#
# Needs wrk (apt-get install wrk), psql and PostgreSQL on TEST_POSTGRES_URL
# (default: the local server). SAMSKAP_BIN names a release binary to
# measure instead of building one.
set -euo pipefail
ideas="${IDEAS:-100000}"
connections="${CONNECTIONS:-32}"
port="${PORT:-3203}"
pg_db_prefix=samskap_bench_open_data
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

echo "== loading the demo data set, $ideas ideas and 1 000 solution cards" >&2
load_demo
DATABASE_URL="$database_url" DATA_DIR="$work" "$bin" generate --ideas "$ideas" >&2
psql "$database_url" -q <<'SQL'
BEGIN;
INSERT INTO solution (idea_id, title, problem, context, what_was_done, cost_nok, cost_note,
    contact, licence, maturity, focus_area, revision, version, created_at, updated_at, published_at)
  SELECT id, title, summary, '', body, 100000 + id, '', 'Servicetorget', 'nlod_2', 'in_use',
    focus_area, 2, 1, now(), now() - (id % 1000) * interval '1 hour', now()
  FROM idea WHERE id % (SELECT greatest(count(*) / 1000, 1) FROM idea) = 0 LIMIT 1000;
INSERT INTO solution_version (solution_id, number, title, problem, context, what_was_done,
    cost_nok, cost_note, contact, licence, maturity, focus_area, note, published_at)
  SELECT id, 1, title, problem, context, what_was_done, cost_nok, cost_note, contact, licence,
    maturity, focus_area, '', updated_at FROM solution WHERE id > 2;
COMMIT;
ANALYZE;
SQL

API_REQUESTS_PER_MINUTE=1000000000 start_server "$database_url" "$work" "$port"
base="http://127.0.0.1:$port"
middle=$(( ideas / 2 ))
card="$(psql "$database_url" -At -c "SELECT max(id) FROM solution")"
tag="$(curl -sfI "$base/api/v1/ideas" | awk 'tolower($1)=="etag:"{print $2}' | tr -d '\r')"
echo "| page | p50 | p99 | req/s |"
echo "|---|---|---|---|"
while IFS='|' read -r name path header; do
  [ -n "$name" ] || continue
  curl -sf -o /dev/null ${header:+-H "$header"} "$base$path" || [ -n "$header" ] || { echo "$path failed" >&2; exit 1; }
  wrk -t2 -c"$connections" -d"$duration" --latency ${header:+-H "$header"} "$base$path" > "$work/wrk.txt"
  read -r p50 p99 rps < <(wrk_numbers "$work/wrk.txt")
  printf '| %s | %s | %s | %s |\n' "$name" "$p50" "$p99" "$rps"
done <<ROWS
/api/v1/ideas|/api/v1/ideas|
/api/v1/ideas, 304 by tag|/api/v1/ideas|If-None-Match: $tag
/api/v1/ideas?sort=new|/api/v1/ideas?sort=new|
/api/v1/ideas/{id}|/api/v1/ideas/$middle|
/api/v1/challenges|/api/v1/challenges|
/api/v1/solutions|/api/v1/solutions|
/api/v1/solutions?q=|/api/v1/solutions?q=benk|
/api/v1/solutions/{id}|/api/v1/solutions/$card|
/api/v1/statistics|/api/v1/statistics|
/feeds/ideas.atom|/feeds/ideas.atom|
/feeds/solutions.atom|/feeds/solutions.atom|
/solutions|/solutions|
/solutions?q=|/solutions?q=benk|
/solutions/{id}|/solutions/$card|
/developers|/developers|
ROWS

# The download: made on the first request, kept for a minute after.
for try in made kept; do
  curl -sf -o "$work/downloaded.json" -w "| open-data.json, $try | %{time_total} s | %{size_download} bytes |\n" "$base/api/v1/open-data.json"
done
echo "server RSS: $(ps -o rss= -p "$server_pid") kB"
