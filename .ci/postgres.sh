#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the PostgreSQL store's tests and prints the connection string on its last line.
# Usage: export COPRODUCTION_POSTGRES=$(bash .ci/postgres.sh start /tmp/some-folder)   ...   bash .ci/postgres.sh stop /tmp/some-folder
# Under CI=true the Debian package is installed when the server programs are missing. The server runs as the user
# "postgres" when this script runs as root (PostgreSQL refuses to run as root), on a free loopback port, with password
# authentication over TCP (the tests check a wrong password's typed error) and fsync off (a throwaway cluster).
set -euo pipefail
action=${1:?start or stop}
folder=${2:?a folder for the cluster}

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    bin=$(bin_dir || true)
    if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
      if [[ "${CI:-}" == "true" ]]; then
        echo "::: installing PostgreSQL (apt-get install -y postgresql)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin=$(bin_dir)
      else
        echo "PostgreSQL's server programs are not installed (apt-get install postgresql)" >&2
        exit 1
      fi
    fi
    mkdir -p "$folder"
    if [[ $(id -u) -eq 0 ]]; then
      id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
      chown postgres "$folder"
    fi
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$password" > "$folder/pwfile"
    [[ $(id -u) -eq 0 ]] && chown postgres "$folder/pwfile"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_server_user "$bin/initdb" -D "$folder/data" -U coproduction --pwfile="$folder/pwfile" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    rm -f "$folder/pwfile"
    as_server_user "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
      -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=coproduction;Password=$password;Database=postgres"
    ;;
  stop)
    bin=$(bin_dir)
    [[ -d "$folder/data" ]] && as_server_user "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null || true
    rm -rf "$folder"
    ;;
  *) echo "start or stop" >&2; exit 2 ;;
esac
