#!/usr/bin/env bash
# Starts a streaming replica of the local PostgreSQL server (127.0.0.1:5432) on 127.0.0.1:5433, for the
# read-replica test (server/test/replica/, issue 13 item 2): pg_basebackup -R into a second data
# directory, started read-only (hot standby). Debian's packaged server; run as root (CI) — the
# PostgreSQL processes run as the postgres user. Idempotent: an answering replica is left alone.
set -euo pipefail
port="${REPLICA_PORT:-5433}"
dir="${REPLICA_DIR:-/var/tmp/ce-pg-replica}"
ver="$(ls /etc/postgresql | head -1)"
bin="/usr/lib/postgresql/$ver/bin"
hba="/etc/postgresql/$ver/main/pg_hba.conf"

if pg_isready -h 127.0.0.1 -p "$port" -q; then exit 0; fi

# The primary must accept replication connections from this machine.
if ! grep -q '^host replication all 127.0.0.1/32 trust' "$hba"; then
  echo 'host replication all 127.0.0.1/32 trust' >>"$hba"
  runuser -u postgres -- psql -h 127.0.0.1 -p 5432 -qAtc 'select pg_reload_conf()' >/dev/null
fi

if [ -e "$dir/postmaster.pid" ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir" stop -m immediate >/dev/null 2>&1 || true; fi
rm -rf "$dir"
install -d -o postgres -g postgres -m 700 "$dir"
runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D "$dir" -R -X stream
# Debian keeps the configuration outside the data directory: the replica gets its own, minimal one.
cat >"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '/tmp'
hot_standby = on
max_connections = 100
CONF
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$dir/pg_hba.conf"
chown postgres:postgres "$dir/postgresql.conf" "$dir/pg_hba.conf"
runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
pg_isready -h 127.0.0.1 -p "$port"
