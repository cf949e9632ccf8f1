#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL (the one on 127.0.0.1:5432),
# for the test that public pages read from a replica: the primary lets a
# replication connection in from loopback, `pg_basebackup -R` copies it into
# a second data folder, and that folder is started as a hot standby on port
# 5433. Safe to run again: a replica already answering is left as it is.
set -euo pipefail
port="${REPLICA_PORT:-5433}"
folder="${REPLICA_DIR:-/var/lib/postgresql/samskap-replica}"
primary="postgres://postgres@127.0.0.1:5432/postgres"

if pg_isready -q -h 127.0.0.1 -p "$port"; then
  exit 0
fi
printf '\n== making a streaming replica of PostgreSQL on port %s\n' "$port" >&2
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"

hba="$(psql "$primary" -Atc 'SHOW hba_file')"
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]' "$hba"; then
  echo "host replication all 127.0.0.1/32 trust" >> "$hba"
  psql "$primary" -qAtc 'SELECT pg_reload_conf()' >/dev/null
fi

# The server runs as postgres, never as root.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
rm -rf "$folder"
mkdir -p "$folder"
chown postgres:postgres "$folder" 2>/dev/null || true
chmod 700 "$folder"
as_postgres "$bin/pg_basebackup" -d "$primary" -D "$folder" -R -X stream --no-password
# Debian keeps the primary's settings outside its data folder: the replica
# gets its own, small ones.
as_postgres tee "$folder/postgresql.conf" >/dev/null <<CONF
port = $port
listen_addresses = '127.0.0.1'
hot_standby = on
hba_file = '$folder/pg_hba.conf'
ident_file = '$folder/pg_ident.conf'
CONF
as_postgres tee "$folder/pg_hba.conf" >/dev/null <<HBA
local all all trust
host all all 127.0.0.1/32 trust
HBA
as_postgres touch "$folder/pg_ident.conf"
as_postgres "$bin/pg_ctl" -D "$folder" -l "$folder/server.log" -w start >&2
pg_isready -h 127.0.0.1 -p "$port" >&2
