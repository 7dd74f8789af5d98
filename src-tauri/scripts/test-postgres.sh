#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: a temporary folder, 127.0.0.1 on a free port,
# TLS only (a test CA and a server certificate made at start), SCRAM passwords. Nothing of it
# outlives the run: the cluster is stopped and its folder removed when this script ends.
#
#   bash src-tauri/scripts/test-postgres.sh serve
#
# prints one line, the admin address with the server certificate's SHA-256 fingerprint:
#   postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres?fingerprint=HEX
# then keeps the cluster running until its standard input closes (or it gets SIGTERM/SIGINT),
# and stops and removes it. `tests/run` runs it as a coprocess and exports that line as
# RAPPORT_TEST_PG; a `cargo test` started without it runs it the same way by itself.
#
# initdb refuses to run as root: as root the cluster runs as the `postgres` user (made by the
# postgresql package) through runuser; as any other user it runs as that user.
set -euo pipefail

[ "${1:-}" = serve ] || { echo "usage: $0 serve" >&2; exit 2; }

bin="${RAPPORT_PG_BIN:-}"
if [ -z "$bin" ]; then
    for candidate in /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/initdb" ] && bin="$candidate"
    done
fi
[ -n "$bin" ] && [ -x "$bin/initdb" ] || {
    echo "test-postgres: PostgreSQL is not installed (apt-get install postgresql), or set RAPPORT_PG_BIN" >&2
    exit 1
}

if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "test-postgres: running as root needs the postgres user (apt-get install postgresql)" >&2; exit 1; }
    as_pg() { runuser -u postgres -- "$@"; }
    owner=postgres
else
    as_pg() { "$@"; }
    owner="$(id -un)"
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/rapport-pg.XXXXXX")"
data="$dir/data"
started=""
waiter=""
cleanup() {
    set +e
    if [ -n "$waiter" ]; then kill "$waiter" 2>/dev/null || true; fi
    if [ -n "$started" ]; then
        as_pg "$bin/pg_ctl" stop -D "$data" -m immediate -s >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 0' TERM INT HUP
chmod 755 "$dir"
chown "$owner" "$dir"

password="$(openssl rand -hex 16)"
printf '%s\n' "$password" >"$dir/pwfile"
chown "$owner" "$dir/pwfile"
chmod 600 "$dir/pwfile"
as_pg "$bin/initdb" -D "$data" -U postgres --pwfile="$dir/pwfile" --auth-host=scram-sha-256 \
    --auth-local=peer --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
}
rm -f "$dir/pwfile"

# A test CA and a server certificate it signed, for 127.0.0.1 and localhost.
(
    cd "$dir"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3 \
        -subj /CN=rapport-test-ca -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -subj /CN=127.0.0.1 -keyout server.key -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >san.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3 \
        -extfile san.ext -out server.crt 2>/dev/null
    install -o "$owner" -m 600 server.key "$data/server.key"
    install -o "$owner" -m 644 server.crt "$data/server.crt"
    rm -f ca.key server.key server.csr san.ext
)
fingerprint="$(openssl x509 -in "$dir/server.crt" -outform DER | sha256sum | cut -c1-64)"

cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
password_encryption = 'scram-sha-256'
max_connections = 200
# PostgreSQL's own default, which a Debian install (and so rapport server init) keeps: the
# benchmark measures the server an owner gets. With 32 MB a search counting 27,000 matches
# among 100,000 contacts read its table from the system's cache instead (19 ms, not 10).
shared_buffers = 128MB
# A throwaway cluster: nothing needs to survive a crash.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
cat >"$data/pg_hba.conf" <<EOF
local     all  all                 trust
hostssl   all  all  127.0.0.1/32   scram-sha-256
hostnossl all  all  127.0.0.1/32   reject
EOF

# A free port: one nothing answers on; if another program takes it meanwhile, try another.
for _ in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if as_pg "$bin/pg_ctl" start -D "$data" -w -s -t 30 -l "$data/server.log" -o "-p $port" >/dev/null 2>&1; then
        started=1
        break
    fi
done
[ -n "$started" ] || { echo "test-postgres: the cluster did not start:" >&2; cat "$data/server.log" >&2; exit 1; }

echo "postgres://postgres:$password@127.0.0.1:$port/postgres?fingerprint=$fingerprint"
# Until whoever started us closes our input (or ends): then the trap stops and removes it.
# (`wait`, unlike a command in the foreground, lets the signal traps run at once.)
cat <&0 >/dev/null &
waiter=$!
wait "$waiter" || true
