#!/usr/bin/env bash
# Load test of the API with wrk against a local Postgres and redis-server (Release build).
# Usage: bench/api-load.sh   (BENCH_ONLY=get or post: that run alone)
#         (needs postgresql 15, redis-server, wrk; runs as root through runuser)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$(mktemp -d /tmp/musicgen-bench-XXXX)
chmod 755 "$B"   # the postgres user must reach its data folder inside it
PG=/usr/lib/postgresql/15/bin
mkdir -p "$B/pg"
if [ "$(id -u)" = 0 ]; then chown postgres "$B/pg"; RUN="runuser -u postgres --"; else RUN=""; fi
$RUN $PG/initdb -D "$B/pg" -U postgres --auth=trust --no-sync >/dev/null
$RUN $PG/postgres -D "$B/pg" -p 55432 -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 >"$B/pg.log" 2>&1 &
redis-server --port 56379 --save "" --appendonly no >"$B/redis.log" 2>&1 & REDIS=$!
cleanup() { kill "${API:-}" "$REDIS" 2>/dev/null || true; kill -INT "$(head -1 "$B/pg/postmaster.pid")" 2>/dev/null || true; }
trap cleanup EXIT
sleep 3
$PG/psql -h 127.0.0.1 -p 55432 -U postgres -qc "create database musicdb"
export ConnectionStrings__musicdb="Host=127.0.0.1;Port=55432;Username=postgres;Database=musicdb" ConnectionStrings__cache="127.0.0.1:56379" ConnectionStrings__storage="Path=$B/blobs"
export Auth__SigningKey="bench-key-0123456789-0123456789-0123456789" Quotas__SubmissionsPerMinute=100000 Quotas__MonthlySeconds=2000000000 Logging__LogLevel__Default=Warning
dotnet build -c Release "$ROOT/MusicGen.Api" -v q >/dev/null
dotnet build -c Release "$ROOT/MusicGen.MigrationService" -v q >/dev/null
dotnet "$ROOT/MusicGen.MigrationService/bin/Release/net10.0/MusicGen.MigrationService.dll" >/dev/null
dotnet "$ROOT/MusicGen.Api/bin/Release/net10.0/MusicGen.Api.dll" --urls http://127.0.0.1:55080 >"$B/api.log" 2>&1 & API=$!
until curl -sf http://127.0.0.1:55080/health >/dev/null; do sleep 1; done
TOKEN=$(curl -s -XPOST 127.0.0.1:55080/api/v1/auth/register -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"bench password"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["accessToken"])')
ID=$(curl -s -XPOST 127.0.0.1:55080/api/v1/generations -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"prompt":"piano","lengthMs":10000}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
cat >"$B/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"prompt":"melancholic lo-fi piano, 80 bpm, rain","lengthMs":10000,"variations":2}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA
# CPU time (user + system, in clock ticks) of the API, of every postgres process and of redis-server:
# divided by the requests of a run, it is a steadier measure than req/s on a shared machine.
PGPID=$(head -1 "$B/pg/postmaster.pid")
cpu_ticks() { # pids...
  local total=0 pid
  for pid in "$@"; do [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
pg_pids() { echo "$PGPID" $(pgrep -P "$PGPID"); }
# Runs wrk, then prints the CPU microseconds per request of the API, Postgres and Redis.
measure() {
  local api0 pg0 redis0 out requests hz
  hz=$(getconf CLK_TCK)
  api0=$(cpu_ticks "$API"); pg0=$(cpu_ticks $(pg_pids)); redis0=$(cpu_ticks "$REDIS")
  out=$(wrk "$@"); echo "$out"
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  # Postgres backends end with their connections, so the sum only covers the ones alive now.
  echo "CPU per request (µs): api $(( ($(cpu_ticks "$API") - api0) * 1000000 / hz / requests )), postgres $(( ($(cpu_ticks $(pg_pids)) - pg0) * 1000000 / hz / requests )), redis $(( ($(cpu_ticks "$REDIS") - redis0) * 1000000 / hz / requests )); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
if [ "${BENCH_ONLY:-}" != post ]; then
  # Warm-up (discarded): JIT tiering and connection pools settle before the measured run.
  wrk -t2 -c32 -d10s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:55080/api/v1/generations/$ID" >/dev/null
  echo "== GET /api/v1/generations/{id}"
  measure -t2 -c32 -d20s --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:55080/api/v1/generations/$ID"
fi
[ "${BENCH_ONLY:-}" = get ] && exit 0
if [ "${BENCH_ONLY:-}" = post ]; then
  # Warm-up (discarded) on the submit path itself; its rows count in the totals below.
  wrk -t2 -c32 -d10s -s "$B/post.lua" http://127.0.0.1:55080/api/v1/generations >/dev/null
fi
echo "== POST /api/v1/generations"
measure -t2 -c32 -d20s --latency -s "$B/post.lua" http://127.0.0.1:55080/api/v1/generations
sleep 3
echo "== generation rows, outbox rows, unsent outbox rows, queued jobs"
$PG/psql -h 127.0.0.1 -p 55432 -U postgres -d musicdb -tAc "select (select count(*) from generations), count(*), count(*) filter (where sent_at is null) from outbox_messages"
redis-cli -p 56379 llen "mg:{generation}:wait"
