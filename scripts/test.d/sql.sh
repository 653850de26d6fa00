# shellcheck shell=bash
# The SQL engines that tests/sql_postgres.rs and tests/sql_mariadb.rs run every exported DDL script
# on: a PostgreSQL server and a MariaDB server of our own, each in a
# temporary data folder, listening on a free port of 127.0.0.1 only, started
# by setup_sql and stopped (and their folders removed) by teardown_sql.
# Debian's packages may start their default servers; these are others.
#
# Sourced by scripts/test (with `set -euo pipefail`). The test finds the
# servers through ARCHDESK_PG_URL and ARCHDESK_MYSQL_URL; with
# ARCHDESK_REQUIRE_ENGINES=1 it fails when either cannot be reached.
# SQLite needs nothing here: the tests use rusqlite's bundled SQLite.
#
# The servers refuse to run as root, so when this runs as root they run as
# the `postgres` and `mysql` users the packages create (or `nobody`).

command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ||
    apt_packages+=(postgresql)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] ||
    apt_packages+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || apt_packages+=(mariadb-client)

sql_dir=""
sql_pg_bin=""

# The first port from $1 up that nothing listens on.
sql_free_port() {
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        port=$((port + 1))
    done
    echo "$port"
}

# Runs a command as $1 (when root) or as ourselves.
sql_as() {
    local user=$1
    shift
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$user" -- "$@"
    else
        "$@"
    fi
}

# The user a server runs as when we are root: its package's, else nobody.
sql_user() {
    if id "$1" >/dev/null 2>&1; then echo "$1"; else echo nobody; fi
}

# Prints the end of a log and fails.
sql_fail() {
    echo "$1" >&2
    [ -f "${2:-}" ] && tail -n 30 "$2" >&2
    return 1
}

setup_sql() {
    local base=${TMPDIR:-/tmp}
    # The server users must reach it: as root, not under a TMPDIR in /root.
    if [ "$(id -u)" -eq 0 ]; then base=/tmp; fi
    sql_dir=$(mktemp -d "$base/archdesk-sql.XXXXXX")
    chmod 755 "$sql_dir"
    sql_setup_postgres
    sql_setup_mariadb
}

sql_setup_postgres() {
    local user port run="$sql_dir/pg"
    user=$(sql_user postgres)
    # Debian keeps the server programs out of PATH, one folder per major version.
    sql_pg_bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    [ -x "$sql_pg_bin/initdb" ] || sql_pg_bin=$(dirname "$(command -v initdb)")
    mkdir -p "$run/data" "$run/socket"
    if [ "$(id -u)" -eq 0 ]; then chown -R "$user" "$run"; fi
    port=$(sql_free_port 55432)
    sql_as "$user" "$sql_pg_bin/initdb" -D "$run/data" -U archdesk --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$sql_dir/pg-initdb.log" 2>&1 ||
        sql_fail "initdb failed:" "$sql_dir/pg-initdb.log"
    sql_as "$user" "$sql_pg_bin/pg_ctl" -D "$run/data" -l "$run/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $run/socket -c fsync=off -c full_page_writes=off" \
        start >/dev/null ||
        sql_fail "PostgreSQL did not start:" "$run/server.log"
    export ARCHDESK_PG_URL="postgresql://archdesk@127.0.0.1:$port/postgres"
    echo "PostgreSQL $("$sql_pg_bin/postgres" --version | awk '{print $3}'): $ARCHDESK_PG_URL (data in $run)"
}

sql_setup_mariadb() {
    local user port run="$sql_dir/mariadb" mariadbd i
    user=$(sql_user mysql)
    mkdir -p "$run/data"
    if [ "$(id -u)" -eq 0 ]; then chown -R "$user" "$run"; fi
    port=$(sql_free_port 53306)
    sql_as "$user" mariadb-install-db --no-defaults --datadir="$run/data" \
        --auth-root-authentication-method=normal --skip-test-db \
        >"$sql_dir/mariadb-install.log" 2>&1 ||
        sql_fail "mariadb-install-db failed:" "$sql_dir/mariadb-install.log"
    mariadbd=$(command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd)
    sql_as "$user" "$mariadbd" --no-defaults --datadir="$run/data" --socket="$run/socket" \
        --port="$port" --bind-address=127.0.0.1 --skip-name-resolve \
        --pid-file="$run/server.pid" --log-error="$run/server.log" \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=0 \
        --skip-log-bin </dev/null >/dev/null 2>&1 &
    for i in $(seq 1 120); do
        mariadb-admin --no-defaults --socket="$run/socket" -u root ping >/dev/null 2>&1 && break
        if [ "$i" -eq 120 ]; then sql_fail "MariaDB did not start:" "$run/server.log"; fi
        sleep 0.5
    done
    mariadb --no-defaults --socket="$run/socket" -u root -e \
        "CREATE USER 'archdesk'@'127.0.0.1' IDENTIFIED BY 'archdesk'; GRANT ALL ON *.* TO 'archdesk'@'127.0.0.1';"
    export ARCHDESK_MYSQL_URL="mysql://archdesk:archdesk@127.0.0.1:$port"
    echo "MariaDB $(mariadb --no-defaults --socket="$run/socket" -u root -N -e 'SELECT VERSION()'): $ARCHDESK_MYSQL_URL (data in $run)"
}

teardown_sql() {
    [ -n "$sql_dir" ] && [ -d "$sql_dir" ] || return 0
    if [ -f "$sql_dir/pg/data/postmaster.pid" ]; then
        sql_as "$(sql_user postgres)" "$sql_pg_bin/pg_ctl" -D "$sql_dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ -f "$sql_dir/mariadb/server.pid" ]; then
        local pid i
        pid=$(cat "$sql_dir/mariadb/server.pid")
        kill "$pid" 2>/dev/null || true
        for i in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
    fi
    rm -rf "$sql_dir"
    sql_dir=""
}
