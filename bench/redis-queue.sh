#!/usr/bin/env bash
# Our queue against BullMQ 5 on ONE redis-server, in one run. Prints each figure and ours/BullMQ.
# Usage: bench/redis-queue.sh [jobs]   (needs redis-server, node/npm, dotnet)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jobs="${1:-20000}"
bullmq_dir="$root/bench/bullmq"

if [ ! -d "$bullmq_dir/node_modules/bullmq" ]; then
  npm install --prefix "$bullmq_dir" --no-audit --no-fund --no-save bullmq@5 >/dev/null
fi
dotnet build -c Release "$root/bench/MusicGen.Redis.Bench/MusicGen.Redis.Bench.csproj" -v q -nologo >/dev/null

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
data="$(mktemp -d)"
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$data" >"$data/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; rm -rf "$data"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done

echo "redis-server $(redis-server --version | grep -o 'v=[0-9.]*'), port $port, $jobs jobs, $(nproc) cores"
ours="$(dotnet "$root/bench/MusicGen.Redis.Bench/bin/Release/net10.0/MusicGen.Redis.Bench.dll" "127.0.0.1:$port" "$jobs")"
redis-cli -p "$port" flushall >/dev/null
theirs="$(node "$bullmq_dir/bench.mjs" 127.0.0.1 "$port" "$jobs")"

printf '%-26s %14s %14s %10s\n' figure MusicGen.Redis "BullMQ $(node -p "require('$bullmq_dir/node_modules/bullmq/package.json').version")" ours/BullMQ
while read -r figure value; do
  other="$(awk -v f="$figure" '$1 == f { print $2 }' <<<"$theirs")"
  ratio="$(awk -v a="$value" -v b="$other" 'BEGIN { printf "%.2f", a / b }')"
  # For latencies lower is better: ours/BullMQ <= 1.0 meets the goal.
  printf '%-26s %14s %14s %10s\n' "$figure" "$value" "$other" "$ratio"
done <<<"$ours"
