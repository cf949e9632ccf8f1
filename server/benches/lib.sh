# Shared by the benchmark scripts: the release binary, a work folder, a
# PostgreSQL database of the run's own, cleanup, starting the server and
# reading wrk's numbers. Source it after setting `pg_db_prefix`.
benches="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$benches/../.." && pwd)"
duration="${DURATION:-20s}"
admin_url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="${SAMSKAP_BIN:-$target_dir/release/samskap}"
work="$(mktemp -d)"
pg_db="${pg_db_prefix:-samskap_bench}_$$"
database_url="${admin_url%/*}/$pg_db"
server_pid=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
# The release build run.sh makes (cargo-leptos), unless one is given.
# setup.sh installs what the build needs and puts wasm-opt on the PATH.
[ -n "${SAMSKAP_BIN:-}" ] || (cd "$root" && source server/scripts/setup.sh && cargo leptos build --release --precompress)

# start_server DATABASE_URL DATA_DIR PORT: serves in the background until ready.
start_server() {
  DATABASE_URL="$1" DATA_DIR="$2" LEPTOS_SITE_ADDR="127.0.0.1:$3" \
    LEPTOS_SITE_ROOT="$root/target/site" RUST_LOG=warn "$bin" serve &
  server_pid=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$3/readyz" >/dev/null && break; sleep 0.2; done
}

# load_demo: creates the run's database and loads the demo data set into it.
load_demo() {
  psql "$admin_url" -qc "CREATE DATABASE $pg_db"
  DATABASE_URL="$database_url" DATA_DIR="$work" "$bin" demo >&2
}

stop_server() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# wrk_numbers FILE: "p50 p99 requests-per-second" from `wrk --latency` output.
wrk_numbers() {
  printf '%s %s %s\n' \
    "$(awk '$1=="50%"{print $2}' "$1")" \
    "$(awk '$1=="99%"{print $2}' "$1")" \
    "$(awk '/Requests\/sec/{print $2}' "$1")"
}

# make_people COUNT TOKENS_FILE: people with confirmed addresses and a
# session each, written straight into the PostgreSQL database (signing up
# through the site is rate-limited, as it should be). Only the SHA-256 of a
# session token is stored; the tokens go to TOKENS_FILE for wrk.
make_people() {
  python3 - "$1" "$2" "$work/people.sql" <<'PY'
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
}
