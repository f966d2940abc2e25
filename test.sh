#!/usr/bin/env bash
# Runs every test of the solution and prints one line: "N passed, N failed, N skipped".
#
# Integration tests start real servers (Postgres, Redis, Garnet, s3rver) from local binaries; when one is
# missing they are skipped with the reason, unless MUSICGEN_REQUIRE_SERVICES=1 (CI), which makes that a failure.
# This script prepares what it can without root: the Garnet tool and s3rver (npm) from the registries.
set -uo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
results="${TEST_RESULTS:-$PWD/TestResults}"
rm -rf "$results"
mkdir -p "$results"

step() { printf '\n== %s\n' "$*"; }

step "dotnet tool restore (garnet-server)"
dotnet tool restore || exit 1

if command -v npm >/dev/null 2>&1; then
  if [ ! -x tools/node_modules/.bin/s3rver ]; then
    step "npm ci (s3rver)"
    (cd tools && npm ci --no-audit --no-fund) || exit 1
  fi
else
  echo "npm not found: tests that need s3rver will be skipped (apt-get install nodejs npm)"
fi

# Debian keeps the Postgres server binaries off PATH.
for dir in /usr/lib/postgresql/*/bin; do
  [ -x "$dir/initdb" ] && export PATH="$PATH:$dir" && break
done

step "dotnet build ($configuration)"
dotnet build MusicGen.sln -c "$configuration" -nologo -clp:ErrorsOnly || exit 1

step "dotnet test"
# One test assembly at a time: several of them boot whole stacks of servers, and the machine may have 2 cores.
dotnet test MusicGen.sln -c "$configuration" --no-build -nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 15m
status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failed test in the results (a crashed or hung test host): count it.
  failed=1
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
