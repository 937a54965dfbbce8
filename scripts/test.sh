#!/usr/bin/env bash
# `npm test`: provisions the private test environment, runs every check and tier (each one
# even when an earlier one failed), tears the environment down, and ends with a summary:
#
#   checks: N passed, N failed      typecheck, lint, imports (no cycles, no vscode in engine/server), build
#   unit: N passed, N failed
#   server: N passed, N failed      the language server over the LSP wire (dist/server.js)
#   engine: N passed, N failed
#   host: N passed, N failed
#   restricted: N passed, N failed  the host tier once more in an untrusted workspace
#   package: N passed, N failed     the .vsix: contents, installed and activated
#   start: N passed, N failed       `npm ci && npm start` in a deep clone with no user engine, beside this
#                                   environment (scripts/start-check.mjs), and the engine tier from there
#   total: N passed, N failed       always the last line; exit status 1 if N failed > 0
#
# BERTH_KEEP_ENV=1 leaves the environment running afterwards (faster reruns).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
ENV_DIR=${BERTH_ENV_DIR:-$ROOT/.vscode-test/env}
LOGS=$ROOT/test-results
mkdir -p "$LOGS"

names=() passed=() failed=() seconds=() notes=()

record() { names+=("$1"); passed+=("$2"); failed+=("$3"); seconds+=("$4"); notes+=("${5:-}"); }

summary() {
  local total_passed=0 total_failed=0 i
  printf '\n== summary ==\n'
  for i in "${!names[@]}"; do
    printf '%s: %s passed, %s failed%s\n' "${names[$i]}" "${passed[$i]}" "${failed[$i]}" "${notes[$i]:+  (${notes[$i]})}"
    total_passed=$((total_passed + passed[i])); total_failed=$((total_failed + failed[i]))
  done
  printf 'time: %s\n' "$(for i in "${!names[@]}"; do printf '%s %ss, ' "${names[$i]}" "${seconds[$i]}"; done)whole run ${SECONDS}s"
  printf 'total: %s passed, %s failed\n' "$total_passed" "$total_failed"
  [ "$total_failed" -eq 0 ]
}

# Typecheck, lint, imports and build count as one test each in the `checks` line.
checks_passed=0 checks_failed=0 checks_failing=() checks_started=$SECONDS
check() {
  local name=$1; shift
  printf '\n== %s ==\n' "$name"
  if "$@"; then checks_passed=$((checks_passed + 1)); else checks_failed=$((checks_failed + 1)); checks_failing+=("$name"); fi
}

# Runs a tier command; it prints `<tier>: N passed, N failed` as its last result line.
tier() {
  local name=$1; shift
  local log=$LOGS/$name.log started=$SECONDS line
  printf '\n== %s ==\n' "$name"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed$" "$log" | tail -n 1)
  if [ -z "$line" ]; then
    record "$name" 0 1 $((SECONDS - started)) "printed no result, exit $status; log test-results/$name.log"
    return
  fi
  local p f
  p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/.*, ([0-9]+) failed$/\1/' <<<"$line")
  # A tier that exits non-zero without counting a failure still failed.
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; record "$name" "$p" "$f" $((SECONDS - started)) "exit $status"; return; fi
  record "$name" "$p" "$f" $((SECONDS - started))
}

printf '== environment ==\n'
if ! bash scripts/test-env.sh up; then
  record environment 0 1 "$SECONDS" "scripts/test-env.sh up failed; nothing ran"
  summary
  exit 1
fi
torn_down=
teardown() {
  [ -z "$torn_down" ] && [ "${BERTH_KEEP_ENV:-}" != 1 ] || return 0
  torn_down=1
  printf '\n== teardown ==\n'
  bash scripts/test-env.sh down
}
# Also on Ctrl-C or an unexpected exit; the normal path tears down before the summary so
# that `total:` stays the last line.
trap teardown EXIT
# shellcheck source=/dev/null
source "$ENV_DIR/env.sh"

check typecheck node_modules/.bin/tsc -p . --noEmit
check lint node_modules/.bin/eslint .
check imports npm run --silent check:imports
check build node scripts/build.mjs
record checks "$checks_passed" "$checks_failed" $((SECONDS - checks_started)) "${checks_failing[*]:+failed: ${checks_failing[*]}}"

tier unit npm run --silent test:unit
# The build check above already produced dist/server.js: no second build.
tier server node scripts/node-tests.mjs server
tier engine npm run --silent test:engine
tier host node scripts/host/run-host-tests.mjs --no-build
# Once more in a workspace that is not trusted: the language works, no engine is used.
tier restricted node scripts/host/run-host-tests.mjs --no-build --restricted
tier package npm run --silent test:package
# Last, while this checkout's environment is still up: the clone's environment runs beside it.
tier start node scripts/start-check.mjs

teardown
summary
exit $?
