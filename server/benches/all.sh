#!/usr/bin/env bash
# The whole benchmark, in one command: builds the release binary (unless
# SAMSKAP_BIN names one), and for each size and back end loads the demo
# data set plus that many generated ideas (`samskap generate`), starts the
# server and drives each page with wrk on loopback, 32 connections, wrk and
# server sharing the machine. As the ceiling, nginx serves the same
# `/ideas` HTML from a file; each page's throughput is printed as a share
# of it. Also: the database statements each page costs, supports per
# second with every count checked against its rows afterwards, the
# server's peak memory, and a CPU profile of the slowest page when `perf`
# works here, and the page weight of `/ideas` (page_weight.py) at the first
# size.
#
#   server/benches/all.sh                                   # 1 000 and 100 000 ideas
#   SIZES="1000 100000 1000000" BACKENDS=postgres server/benches/all.sh
#   DURATION=10s SAMSKAP_BIN=target/release/samskap server/benches/all.sh
#
# Needs wrk and nginx (apt-get install wrk nginx-light), python3, psql and
# PostgreSQL on TEST_POSTGRES_URL (default: the local server). SQLite runs
# up to SQLITE_MAX ideas (100 000).
set -euo pipefail
sizes="${SIZES:-1000 100000}"
backends="${BACKENDS:-postgres sqlite}"
sqlite_max="${SQLITE_MAX:-100000}"
connections="${CONNECTIONS:-32}"
port="${PORT:-3210}"
nginx_port=$((port + 1))
people="${PEOPLE:-2000}"
pg_db_prefix=samskap_bench_all
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v nginx >/dev/null || { echo "nginx is needed: apt-get install nginx-light" >&2; exit 1; }
# wrk asks from one address: the API's per-address limit would answer 429.
export API_REQUESTS_PER_MINUTE=100000000
nginx_pid=""
trap 'cleanup; [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true' EXIT

# run_wrk PATH [wrk options...]: "p50 p99 req/s" of PATH on the server.
run_wrk() {
  local path="$1"; shift
  # Warm up first: each new pool connection loads the Norwegian dictionary
  # on its first search (about 0.4 s), once in its life.
  wrk -t2 -c"$connections" -d3s "$@" "http://127.0.0.1:$port$path" > /dev/null
  wrk -t2 -c"$connections" -d"$duration" --latency "$@" "http://127.0.0.1:$port$path" > "$work/wrk.txt"
  if grep -q "Non-2xx" "$work/wrk.txt"; then
    echo "$path: $(grep Non-2xx "$work/wrk.txt")" >&2
  fi
  wrk_numbers "$work/wrk.txt"
}

# ceiling: nginx serving the server's `/ideas` HTML from a file, req/s.
ceiling() {
  mkdir -p "$work/nginx/logs" "$work/nginx/html"
  curl -sf "http://127.0.0.1:$port/ideas" > "$work/nginx/html/ideas.html"
  cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
error_log $work/nginx/logs/error.log warn;
pid $work/nginx/logs/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/logs/body;
  proxy_temp_path $work/nginx/logs/proxy;
  fastcgi_temp_path $work/nginx/logs/fastcgi;
  uwsgi_temp_path $work/nginx/logs/uwsgi;
  scgi_temp_path $work/nginx/logs/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    location = /ideas { default_type text/html; alias $work/nginx/html/ideas.html; }
  }
}
NGINX
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/logs/error.log" -g 'daemon off;' &
  nginx_pid=$!
  sleep 0.5
  wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$nginx_port/ideas" > "$work/wrk.txt"
  kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""
  wrk_numbers "$work/wrk.txt"
}

# statements PATH [curl options...]: database statements per request over
# 50 requests one after another, from the server's own count (`/metrics`,
# less the two statements reading the outbox and job lag for it).
statements() {
  local path="$1"; shift
  local count='/^samskap_db_statements_total /{print $2}' before after
  before="$(curl -sf "http://127.0.0.1:$port/metrics" | awk "$count")"
  for _ in $(seq 1 50); do curl -sf -o /dev/null "$@" "http://127.0.0.1:$port$path"; done
  after="$(curl -sf "http://127.0.0.1:$port/metrics" | awk "$count")"
  python3 -c "print(f'{($after - $before - 2) / 50:.1f}')"
}

one_run() {
  local backend="$1" size="$2"
  local database="$database_url" data="$work/$backend-$size"
  mkdir -p "$data"
  if [ "$backend" = sqlite ]; then
    database="sqlite://$data/samskap.db?mode=rwc"
  else
    psql "$admin_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)"
    psql "$admin_url" -qc "CREATE DATABASE $pg_db"
  fi
  echo "== $backend, $size ideas: loading" >&2
  DATABASE_URL="$database" DATA_DIR="$data" "$bin" demo >&2
  local started=$SECONDS
  DATABASE_URL="$database" DATA_DIR="$data" "$bin" generate --ideas "$size" >&2
  echo "   generated in $((SECONDS - started)) s" >&2

  local first_idea challenge staff_token=""
  first_idea="$(query "$backend" "$data" "SELECT MIN(id) FROM idea WHERE title LIKE '%(generert nr. 0)'")"
  challenge="$(query "$backend" "$data" "SELECT challenge_id FROM idea WHERE challenge_id IS NOT NULL GROUP BY challenge_id ORDER BY COUNT(*) DESC LIMIT 1")"
  local deep_pages=$((size / 40 < 2500 ? size / 40 : 2500))
  local cursor
  cursor="$(query "$backend" "$data" "SELECT CAST(hot_score AS TEXT) || '_' || id FROM idea WHERE status IN ('published','threshold_reached','under_review','selected','piloting','implemented','benefits_realised') AND hidden_at IS NULL ORDER BY hot_score DESC, id DESC LIMIT 1 OFFSET $((deep_pages * 20 - 1))")"
  if [ "$backend" = postgres ]; then
    staff_token="$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
    psql "$database_url" -qc "INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at)
      SELECT '$(printf '%s' "$staff_token" | sha256sum | cut -d' ' -f1)', MIN(account_id), now(), now(), now() + interval '1 day'
      FROM account_role WHERE role = 'staff' AND account_id IN (SELECT id FROM account WHERE password_hash = '!generated')"
    make_people "$people" "$work/tokens.txt"
    psql "$database_url" -qc "INSERT INTO setting (key, value, updated_at)
      VALUES ('limits', '{\"people_per_address\": $people}', now())
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()"
  fi

  start_server "$database" "$data" "$port"
  local ceiling_rps
  read -r _ _ ceiling_rps < <(ceiling)
  printf '| %s | %s | nginx, static `/ideas` | %s | 100 %% | | | |\n' "$backend" "$size" "$ceiling_rps"
  local slowest="" slowest_rps=999999999
  local pages=(
    "/ideas, first page|/ideas"
    "/ideas, page $deep_pages|/ideas?after=$cursor"
    "search, a subject (1 in 30)|/ideas?q=sykkelparkering"
    "search, a rare word|/ideas?q=takterrasse"
    "search, a word every idea has|/ideas?q=generert"
    "idea, 200 comments|/ideas/$((first_idea + 1))"
    "idea, 2 000 comments|/ideas/$first_idea"
    "home page|/"
    "a challenge|/challenges/$challenge"
    "/impact|/impact"
    "/api/v1/ideas|/api/v1/ideas"
  )
  [ -n "$staff_token" ] && pages+=("the board (staff)|/admin/pipeline")
  for page in "${pages[@]}"; do
    local name="${page%%|*}" path="${page#*|}" cookie=()
    [ "$path" = /admin/pipeline ] && cookie=(-H "Cookie: samskap_session=$staff_token")
    curl -sf -o /dev/null "${cookie[@]}" "http://127.0.0.1:$port$path" || { echo "$path failed" >&2; exit 1; }
    local p50 p99 rps share queries
    read -r p50 p99 rps < <(run_wrk "$path" "${cookie[@]}")
    share="$(python3 -c "print(f'{100 * $rps / $ceiling_rps:.1f} %')")"
    queries="$(statements "$path" "${cookie[@]}")"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$backend" "$size" "$name" "$rps" "$share" "$p50" "$p99" "$queries"
    if python3 -c "import sys; sys.exit(0 if $rps < $slowest_rps else 1)"; then slowest="$path"; slowest_rps="$rps"; fi
  done
  if [ "$backend" = postgres ]; then
    supports "$size" "$ceiling_rps"
  fi
  if [ "$size" = "${sizes%% *}" ]; then
    echo "== page weight of /ideas ($backend)" >&2
    python3 "$benches/page_weight.py" "http://127.0.0.1:$port/ideas" >&2
  fi
  printf '| %s | %s | server peak memory (RSS) | %s | | | | |\n' "$backend" "$size" "$(awk '/VmHWM/{print $2/1024 " MB"}' "/proc/$server_pid/status")"
  profile "$slowest"
  stop_server
}

# query BACKEND DATA_DIR SQL: one value.
query() {
  if [ "$1" = postgres ]; then
    psql "$database_url" -At -c "$3"
  else
    python3 -c 'import sqlite3, sys; row = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print(row[0] if row else "")' "$2/samskap.db" "$3"
  fi
}

supports() {
  local size="$1" ceiling_rps="$2" open_ideas
  open_ideas="$(psql "$database_url" -At -c "SELECT string_agg(id::text, ',') FROM (SELECT id FROM idea WHERE status IN ('published', 'threshold_reached') ORDER BY id LIMIT 2000) open")"
  wrk -t2 -c"$connections" -d"$duration" --latency -s "$benches/supports.lua" \
    "http://127.0.0.1:$port" -- "$work/tokens.txt" "$open_ideas" 2 "http://127.0.0.1:$port" > "$work/wrk.txt"
  local p50 p99 rps mismatched
  read -r p50 p99 rps < <(wrk_numbers "$work/wrk.txt")
  mismatched="$(psql "$database_url" -At -c "SELECT count(*) FROM idea i WHERE support_count <> (SELECT count(*) FROM idea_support s WHERE s.idea_id = i.id)")"
  printf '| postgres | %s | supports (each writes) | %s | %s | %s | %s | counts ≠ rows: %s |\n' "$size" "$rps" \
    "$(python3 -c "print(f'{100 * $rps / $ceiling_rps:.1f} %')")" "$p50" "$p99" "$mismatched"
}

# profile PATH: where the server's CPU time goes on PATH (perf, if it can
# read the counters here).
profile() {
  if ! perf stat -e task-clock true >/dev/null 2>&1; then
    echo "(no CPU profile: perf cannot measure here)" >&2
    return
  fi
  echo "== CPU profile of the slowest page, $1" >&2
  wrk -t2 -c"$connections" -d10s "http://127.0.0.1:$port$1" >/dev/null &
  local load=$!
  perf record -F 499 -g -p "$server_pid" -o "$work/perf.data" -- sleep 8 >/dev/null 2>&1 || true
  wait "$load"
  timeout 120 perf report -i "$work/perf.data" --stdio --no-children --percent-limit 2 2>/dev/null \
    | grep -E '^ +[0-9]' | head -15 >&2 || true
}

echo "| back end | ideas | page | req/s | share of nginx | p50 | p99 | statements per request |"
echo "|---|---|---|---|---|---|---|---|"
for size in $sizes; do
  for backend in $backends; do
    if [ "$backend" = sqlite ] && [ "$size" -gt "$sqlite_max" ]; then continue; fi
    one_run "$backend" "$size"
  done
done
