#!/usr/bin/env bash
# How many supports per second Samskap records on PostgreSQL, and the p99
# latency at that rate, measured with wrk against a release build. Every
# request changes something: each person alternates supporting and taking
# the support back, so every request inserts or deletes a row and moves the
# idea's count and hot score in one transaction.
#
# Two runs: all supports on one idea (the hottest row possible: every
# request waits for the one before on the idea's row lock), and supports
# spread over the demo data set's ideas that take them.
#
#   server/benches/supports.sh
#   PEOPLE=5000 CONNECTIONS=32 DURATION=30s server/benches/supports.sh
#
# Needs wrk (apt-get install wrk), python3, psql and PostgreSQL on
# TEST_POSTGRES_URL (default: the local server). SAMSKAP_BIN names a
# release binary to measure instead of building one.
set -euo pipefail
people="${PEOPLE:-2000}"
connections="${CONNECTIONS:-16}"
port="${PORT:-3201}"
pg_db_prefix=samskap_bench_supports
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

echo "== loading the demo data set and $people people with a session each" >&2
load_demo

make_people "$people" "$work/tokens.txt"
# wrk sends everyone's requests from one address: let that address do what
# all the people may (each person's own limit stays as it is).
psql "$database_url" -qc "INSERT INTO setting (key, value, updated_at)
  VALUES ('limits', '{\"people_per_address\": $people}', now())
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()"
open_ideas="$(psql "$database_url" -At -c "SELECT string_agg(id::text, ',') FROM idea WHERE status IN ('published', 'threshold_reached')")"
hot_idea="${open_ideas%%,*}"

start_server "$database_url" "$work" "$port"

threads=2
echo "| ideas supported        | conn | supports/s |      p50 |      p99 | refused |"
echo "|------------------------|------|------------|----------|----------|---------|"
for run in "one idea|$hot_idea" "spread over demo ideas|$open_ideas"; do
  name="${run%%|*}" ideas="${run#*|}"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$benches/supports.lua" \
    "http://127.0.0.1:$port" -- "$work/tokens.txt" "$ideas" "$threads" "http://127.0.0.1:$port" > "$work/wrk.txt"
  read -r p50 p99 rps < <(wrk_numbers "$work/wrk.txt")
  refused="$(awk -F= '/^non_2xx=/{s+=$2} END{print s+0}' "$work/wrk.txt")"
  printf '| %-22s | %4s | %10s | %8s | %8s | %7s |\n' "$name" "$connections" "$rps" "$p50" "$p99" "$refused"
done

# The counts still equal the rows after the storm.
mismatched="$(psql "$database_url" -At -c "SELECT count(*) FROM idea i WHERE support_count <> (SELECT count(*) FROM idea_support s WHERE s.idea_id = i.id)")"
echo "ideas whose stored count differs from their support rows: $mismatched"
[ "$mismatched" = 0 ]
