#!/usr/bin/env bash
# Load run for GET /api/v1/contacts/{id}/outbound-number: a throwaway PostgreSQL filled with 1,000,000 contacts,
# 2,000 users and 1,000 numbers, the portal in Release on 127.0.0.1, and wrk from a second process over random
# contact ids. Usage: bench/api-load.sh [contacts] [seconds]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
source scripts/postgres.sh
contacts=${1:-1000000}
seconds=${2:-30}

command -v wrk >/dev/null || { pg_is_root && apt-get install -y -qq wrk >/dev/null; }
bin=$(pg_find_bin)
work=$(mktemp -d /var/tmp/portal-load.XXXXXX)
chmod 755 "$work"
portal_pid=
cleanup() {
  [ -n "$portal_pid" ] && kill "$portal_pid" 2>/dev/null
  pg_stop_cluster "$bin" "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

port=$(pg_free_port)
pg_init_cluster "$bin" "$work/pg" --no-sync
pg_start_cluster "$bin" "$work/pg" "$port" "-c fsync=off -c shared_buffers=512MB -c max_connections=200"
export ConnectionStrings__Portal="Host=127.0.0.1;Port=$port;Username=postgres;Database=portal;Maximum Pool Size=16"
export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning

dotnet build Portal/Portal.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
app="$root/Portal/bin/Release/net10.0"
(cd "$app" && dotnet Portal.dll migrate >/dev/null)
echo "Filling $contacts contacts..."
time psql -q -h 127.0.0.1 -p "$port" -U postgres -d portal -v ON_ERROR_STOP=1 \
  -v numbers=1000 -v users=2000 -v contacts="$contacts" -f bench/load/fill.sql
key=$(cd "$app" && dotnet Portal.dll create-api-key --name load-run --scope read)
range=$(psql -At -h 127.0.0.1 -p "$port" -U postgres -d portal -c "select min(id) || ' ' || max(id) from contacts")

http_port=$(pg_free_port)
(cd "$app" && exec dotnet Portal.dll --urls "http://127.0.0.1:$http_port") >"$work/portal.log" 2>&1 &
portal_pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$http_port/healthz" >/dev/null && break; sleep 1; done

export API_KEY=$key MIN_ID=${range% *} MAX_ID=${range#* }
echo "Warming up for 10 s..."
wrk -t1 -c32 -d10s -s bench/load/outbound-number.lua "http://127.0.0.1:$http_port" >/dev/null
echo "Measuring: wrk -t1 -c32 -d${seconds}s over contact ids $MIN_ID..$MAX_ID"
wrk -t1 -c32 -d"${seconds}s" --latency -s bench/load/outbound-number.lua "http://127.0.0.1:$http_port"
echo "Portal warnings and errors during the run (none is good):"
grep -E "^(warn|fail|crit)" "$work/portal.log" | grep -v WebRootPath | sort | uniq -c || true
