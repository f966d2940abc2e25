#!/usr/bin/env bash
# End-to-end latency of a generation (POST → Completed) through API, Redis, Worker and the folder
# store, against a local Postgres and redis-server (Release builds), and the Worker's peak RSS while
# rendering a 10-minute track.
# Also the sustained throughput: a backlog of 30 s generations submitted at once, drained by one Worker.
# Usage: bench/worker-e2e.sh [runs] [long-variations] [backlog]
#   (defaults 50, 1 and 60; 0 skips that part; needs postgresql 15, redis-server; as root through runuser)
set -euo pipefail
RUNS=${1:-50}
LONG_VARIATIONS=${2:-1}
BACKLOG=${3:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$(mktemp -d /tmp/musicgen-worker-bench-XXXX)
chmod 755 "$B"   # the postgres user must reach its data folder inside it
PG=/usr/lib/postgresql/15/bin
mkdir -p "$B/pg" "$B/blobs"
if [ "$(id -u)" = 0 ]; then chown postgres "$B/pg"; RUN="runuser -u postgres --"; else RUN=""; fi
$RUN $PG/initdb -D "$B/pg" -U postgres --auth=trust --no-sync >/dev/null
$RUN $PG/postgres -D "$B/pg" -p 55433 -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 >"$B/pg.log" 2>&1 &
redis-server --port 56380 --save "" --appendonly no >"$B/redis.log" 2>&1 & REDIS=$!
cleanup() { kill "${API:-}" "${WORKER:-}" "$REDIS" 2>/dev/null || true; kill -INT "$(head -1 "$B/pg/postmaster.pid")" 2>/dev/null || true; }
trap cleanup EXIT
sleep 3
$PG/psql -h 127.0.0.1 -p 55433 -U postgres -qc "create database musicdb"
export ConnectionStrings__musicdb="Host=127.0.0.1;Port=55433;Username=postgres;Database=musicdb" ConnectionStrings__cache="127.0.0.1:56380" ConnectionStrings__storage="Path=$B/blobs"
export Auth__SigningKey="bench-key-0123456789-0123456789-0123456789" Quotas__SubmissionsPerMinute=100000 Quotas__MonthlySeconds=2000000000 Logging__LogLevel__Default=Warning
for p in MusicGen.Api MusicGen.MigrationService MusicGen.Worker; do dotnet build -c Release "$ROOT/$p" -v q >/dev/null; done
dotnet "$ROOT/MusicGen.MigrationService/bin/Release/net10.0/MusicGen.MigrationService.dll" >/dev/null
dotnet "$ROOT/MusicGen.Api/bin/Release/net10.0/MusicGen.Api.dll" --urls http://127.0.0.1:55081 >"$B/api.log" 2>&1 & API=$!
start_worker() {
  dotnet "$ROOT/MusicGen.Worker/bin/Release/net10.0/MusicGen.Worker.dll" --urls http://127.0.0.1:55082 >>"$B/worker.log" 2>&1 & WORKER=$!
  until curl -sf http://127.0.0.1:55082/health >/dev/null; do sleep 0.5; done
}
start_worker
until curl -sf http://127.0.0.1:55081/health >/dev/null; do sleep 1; done
TOKEN=$(curl -s -XPOST 127.0.0.1:55081/api/v1/auth/register -H 'content-type: application/json' -d '{"email":"bench@example.com","password":"bench password"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["accessToken"])')

measure() { # runs lengthMs variations → one latency (ms) per line
python3 - "$TOKEN" "$1" "$2" "$3" <<'PY'
import http.client, json, sys, time
token, runs, length, variations = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
body = json.dumps({"prompt": "melancholic lo-fi piano, 80 bpm, rain", "lengthMs": length, "variations": variations, "outputFormat": "mp3_44100_128"})
conn = http.client.HTTPConnection("127.0.0.1", 55081)
for _ in range(runs):
    t0 = time.perf_counter()
    conn.request("POST", "/api/v1/generations", body, headers)
    r = conn.getresponse(); created = json.loads(r.read())
    assert r.status == 202, created
    while True:
        conn.request("GET", "/api/v1/generations/" + created["id"], headers=headers)
        r = conn.getresponse(); g = json.loads(r.read())
        if g["status"] in ("Completed", "Failed", "Canceled"):
            break
        time.sleep(0.01)
    assert g["status"] == "Completed", g
    assert len(g["tracks"]) == variations, g
    print(round((time.perf_counter() - t0) * 1000))
PY
}

echo "== warm-up (2 runs, not counted)"
measure 2 30000 2 >/dev/null
if [ "$RUNS" -gt 0 ]; then
echo "== POST → Completed, 2 × 30 s mp3_44100_128, $RUNS sequential runs"
measure "$RUNS" 30000 2 | sort -n >"$B/latencies.txt"
python3 - "$B/latencies.txt" <<'PY'
import sys
v = [int(x) for x in open(sys.argv[1])]
pick = lambda q: v[min(len(v) - 1, max(0, int(round(q * len(v) + 0.5)) - 1))]
print(f"runs={len(v)} p50={pick(0.50)} ms p99={pick(0.99)} ms min={v[0]} ms max={v[-1]} ms")
PY
fi

if [ "$BACKLOG" -gt 0 ]; then
echo "== sustained throughput: $BACKLOG generations of 2 × 30 s mp3_44100_128 submitted at once"
python3 - "$TOKEN" "$BACKLOG" <<'PY'
import http.client, json, sys, time
token, backlog = sys.argv[1], int(sys.argv[2])
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
body = json.dumps({"prompt": "melancholic lo-fi piano, 80 bpm, rain", "lengthMs": 30000, "variations": 2, "outputFormat": "mp3_44100_128"})
conn = http.client.HTTPConnection("127.0.0.1", 55081)
t0 = time.perf_counter()
ids = []
for _ in range(backlog):
    conn.request("POST", "/api/v1/generations", body, headers)
    r = conn.getresponse(); created = json.loads(r.read())
    assert r.status == 202, created
    ids.append(created["id"])
pending, done, failed = set(ids), [], 0
while pending:
    for i in list(pending):
        conn.request("GET", "/api/v1/generations/" + i, headers=headers)
        r = conn.getresponse(); g = json.loads(r.read())
        if g["status"] in ("Completed", "Failed", "Canceled"):
            pending.discard(i); done.append(time.perf_counter() - t0); failed += g["status"] != "Completed"
    time.sleep(0.2)
total = max(done)
print(f"generations={backlog} failed={failed} drained in {total:.1f} s -> {backlog / total * 60:.0f} generations/min "
      f"({backlog * 2 / total * 60:.0f} takes/min, {backlog * 60 / total:.0f} min of audio per min of wall time)")
PY
fi

if [ "$LONG_VARIATIONS" -gt 0 ]; then
echo "== Worker peak RSS, one 10-minute generation ($LONG_VARIATIONS variation(s)), fresh Worker process"
kill "$WORKER"; wait "$WORKER" 2>/dev/null || true
start_worker
LONG=$(measure 1 600000 "$LONG_VARIATIONS")
echo "10-minute generation: $LONG ms; Worker $(grep -E 'VmHWM' /proc/$WORKER/status)"
fi
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
