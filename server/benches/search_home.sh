#!/usr/bin/env bash
# Search and the home page with 100 000 ideas on PostgreSQL, before and
# after a change: each binary in SAMSKAP_BINS (default: the release build)
# is started in turn on the same database and driven with wrk, 32
# connections: `/`, a search for a word few ideas have, one every idea
# has, a typo (near spellings), and a solution card search.
#
#   SAMSKAP_BINS="/tmp/samskap-before target/release/samskap" server/benches/search_home.sh
#
# Needs wrk, psql and PostgreSQL on TEST_POSTGRES_URL (default: local).
set -euo pipefail
ideas="${IDEAS:-100000}"
connections="${CONNECTIONS:-32}"
port="${PORT:-3204}"
pg_db_prefix=samskap_bench_search
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bins="${SAMSKAP_BINS:-$bin}"

echo "== loading the demo data set and $ideas ideas" >&2
load_demo
DATABASE_URL="$database_url" DATA_DIR="$work" "$bin" generate --ideas "$ideas" >&2
psql "$database_url" -qc "ANALYZE"

echo "| binary | page | p50 | p99 | req/s |"
echo "|---|---|---|---|---|"
for one in $bins; do
  bin="$one"
  start_server "$database_url" "$work" "$port"
  for page in "home|/" "search, a rare word|/ideas?q=tak" "search, a word every idea has|/ideas?q=bedre" \
      "search, a typo|/ideas?q=sykelparkering" "solution search|/solutions?q=benk"; do
    name="${page%%|*}" path="${page#*|}"
    curl -sf -o /dev/null "http://127.0.0.1:$port$path" || { echo "$path failed" >&2; exit 1; }
    wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$path" > "$work/wrk.txt"
    read -r p50 p99 rps < <(wrk_numbers "$work/wrk.txt")
    printf '| %s | %s | %s | %s | %s |\n' "$(basename "$(dirname "$one")")/$(basename "$one")" "$name" "$p50" "$p99" "$rps"
  done
  stop_server
done
