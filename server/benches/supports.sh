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

# People with confirmed addresses and a session each, written straight into
# the database (signing up through the site is rate-limited, as it should
# be). Only the SHA-256 of a session token is stored; wrk gets the tokens.
python3 - "$people" "$work/tokens.txt" "$work/people.sql" <<'PY'
import hashlib, secrets, sys
count, tokens_file, sql_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(tokens_file, "w") as tokens, open(sql_file, "w") as sql:
    sql.write("BEGIN;\n")
    for number in range(count):
        token = secrets.token_urlsafe(32)
        tokens.write(token + "\n")
        sql.write(
            "WITH made AS (INSERT INTO account (email, email_verified_at, password_hash, display_name,"
            " actor_type, locale, created_at, updated_at) VALUES"
            f" ('benk{number}@example.no', now(), '!bench', 'Benk {number}', 'resident', 'nb', now(), now())"
            " RETURNING id)"
            " INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at)"
            f" SELECT '{hashlib.sha256(token.encode()).hexdigest()}', id, now(), now(), now() + interval '1 day' FROM made;\n"
        )
    sql.write("COMMIT;\n")
PY
psql "$database_url" -q -f "$work/people.sql"
# wrk sends everyone's requests from one address: let that address do what
# all the people may (each person's own limit stays as it is).
psql "$database_url" -qc "INSERT INTO setting (key, value, updated_at)
  VALUES ('limits', '{\"people_per_address\": $people}', now())
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()"
open_ideas="$(psql "$database_url" -At -c "SELECT string_agg(id::text, ',') FROM idea WHERE status IN ('published', 'threshold_reached')")"
hot_idea="${open_ideas%%,*}"

cat > "$work/supports.lua" <<'LUA'
-- Each wrk thread takes every n-th person; each person alternates support
-- and withdrawal, so every request changes a row.
local tokens, ideas = {}, {}
local thread_number, threads = 0, 1
local counter = 0

function setup(thread)
  thread:set("thread_number", thread_number)
  thread_number = thread_number + 1
end

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  for id in string.gmatch(args[2], "[^,]+") do ideas[#ideas + 1] = id end
  threads = tonumber(args[3])
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
  wrk.headers["Origin"] = args[4]
end

function request()
  counter = counter + 1
  local person = ((counter * threads + thread_number) % #tokens) + 1
  local round = math.floor((counter * threads) / #tokens)
  -- A person always supports the same idea, so taking it back finds it.
  local idea = ideas[((person * 7) % #ideas) + 1]
  local support = (round % 2 == 0) and "true" or "false"
  wrk.headers["Cookie"] = "samskap_session=" .. tokens[person]
  wrk.body = "idea_id=" .. idea .. "&support=" .. support
  return wrk.format(nil, "/api/supports/idea")
end

function done(summary, latency, requests)
  io.write(string.format("non_2xx=%d\n", summary.errors.status))
end
LUA

start_server "$database_url" "$work" "$port"

threads=2
echo "| ideas supported        | conn | supports/s |      p50 |      p99 | refused |"
echo "|------------------------|------|------------|----------|----------|---------|"
for run in "one idea|$hot_idea" "spread over demo ideas|$open_ideas"; do
  name="${run%%|*}" ideas="${run#*|}"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/supports.lua" \
    "http://127.0.0.1:$port" -- "$work/tokens.txt" "$ideas" "$threads" "http://127.0.0.1:$port" > "$work/wrk.txt"
  read -r p50 p99 rps < <(wrk_numbers "$work/wrk.txt")
  refused="$(awk -F= '/^non_2xx=/{s+=$2} END{print s+0}' "$work/wrk.txt")"
  printf '| %-22s | %4s | %10s | %8s | %8s | %7s |\n' "$name" "$connections" "$rps" "$p50" "$p99" "$refused"
done

# The counts still equal the rows after the storm.
mismatched="$(psql "$database_url" -At -c "SELECT count(*) FROM idea i WHERE support_count <> (SELECT count(*) FROM idea_support s WHERE s.idea_id = i.id)")"
echo "ideas whose stored count differs from their support rows: $mismatched"
[ "$mismatched" = 0 ]
