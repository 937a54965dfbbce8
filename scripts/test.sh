#!/usr/bin/env bash
# `npm test`: provisions the private test environment, runs every check and tier (each one
# even when an earlier one failed), tears the environment down, and ends with a summary:
#
#   checks: N passed, N failed      typecheck, lint, imports (no cycles, no vscode in engine/server), build,
#                                   l10n (every string in Korean, nothing unwrapped: scripts/l10n/check.ts)
#   unit: N passed, N failed
#   server: N passed, N failed      the language server over the LSP wire (dist/server.js)
#   engine: N passed, N failed
#   engine-podman: N passed, N failed  the engine tier against a private Podman (test-env.sh podman up), run
#                                   beside unit, server and engine: they use dockerd, it uses Podman
#   host: N passed, N failed
#   host-podman: N passed, N failed    a host smoke run against Podman (activation, the Containers view),
#                                   beside restricted
#   restricted: N passed, N failed  the host tier once more in an untrusted workspace
#   host-ko: N passed, N failed     VS Code's display language set to Korean (activation, korean), against
#                                   dockerd in a workspace of its own, beside restricted (which uses no engine)
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

# Typecheck, lint, imports, build and l10n count as one test each in the `checks` line.
checks_passed=0 checks_failed=0 checks_failing=() checks_started=$SECONDS
check() {
  local name=$1; shift
  printf '\n== %s ==\n' "$name"
  if "$@"; then checks_passed=$((checks_passed + 1)); else checks_failed=$((checks_failed + 1)); checks_failing+=("$name"); fi
}

# Runs a tier command; it prints `<tier>: N passed, N failed` as its last result line.
tier() {
  local name=$1; shift
  local log=$LOGS/$name.log started=$SECONDS
  printf '\n== %s ==\n' "$name"
  "$@" 2>&1 | tee "$log"
  record_tier "$name" "${PIPESTATUS[0]}" "$started"
}

# Starts a tier in the background against this environment's dockerd; `collect NAME` waits for it.
tier_beside() {
  local name=$1; shift
  printf '\n== %s (started in the background) ==\n' "$name"
  "$@" >"$LOGS/$name.log" 2>&1 &
  background_pid[$name]=$!
  background_started[$name]=$SECONDS
}

# Starts a tier in the background against the private Podman (its podman.sh on top of env.sh);
# `collect NAME` waits for it, prints its log and records it. A tier that cannot start (no
# Podman environment) is recorded as failed with the reason.
declare -A background_pid=() background_started=()
tier_on_podman() {
  local name=$1; shift
  if [ -z "$podman_ready" ]; then
    record "$name" 0 1 0 "the Podman environment did not start: see the podman environment section above"
    return
  fi
  printf '\n== %s (started in the background) ==\n' "$name"
  # shellcheck source=/dev/null
  ( source "$ENV_DIR/podman.sh" && "$@" ) >"$LOGS/$name.log" 2>&1 &
  background_pid[$name]=$!
  background_started[$name]=$SECONDS
}
collect() {
  local name=$1 status=0
  [ -n "${background_pid[$name]:-}" ] || return 0
  wait "${background_pid[$name]}" || status=$?
  printf '\n== %s ==\n' "$name"
  cat "$LOGS/$name.log"
  record_tier "$name" "$status" "${background_started[$name]}"
}

# Records a tier from its log: the last `<name>: N passed, N failed` line and its exit status.
record_tier() {
  local name=$1 status=$2 started=$3 line
  local log=$LOGS/$name.log
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

# Podman beside dockerd, with registries of its own: a failure here fails only the Podman tiers.
printf '\n== podman environment ==\n'
podman_ready=
if bash scripts/test-env.sh podman up; then podman_ready=1; fi

check typecheck node_modules/.bin/tsc -p . --noEmit
check lint node_modules/.bin/eslint .
check imports npm run --silent check:imports
check build node scripts/build.mjs
check l10n node --import tsx scripts/l10n/check.ts
record checks "$checks_passed" "$checks_failed" $((SECONDS - checks_started)) "${checks_failing[*]:+failed: ${checks_failing[*]}}"

# Against Podman while unit, server and engine run against dockerd (the engine tier mostly waits on its engine).
# The docker-command equivalence compares two dockerd engines' inspect data through the docker CLI;
# on Podman that comparison is not one engine's behaviour against the same kind of engine.
tier_on_podman engine-podman node scripts/node-tests.mjs engine --label engine-podman \
  --exclude "test/engine/dockerCommand.test.ts:the docker CLI comparison needs two engines of one kind: it runs against the two private dockerd engines in the engine tier"
tier unit npm run --silent test:unit
# The build check above already produced dist/server.js: no second build.
tier server node scripts/node-tests.mjs server
tier engine npm run --silent test:engine
collect engine-podman
tier host node scripts/host/run-host-tests.mjs --no-build
# A second VS Code beside the restricted run: activation (status bar, Containers and
# Images trees) and the Containers view's actions against Podman.
tier_on_podman host-podman env BERTH_HOST_SUITES=activation,explorerContainers \
  node scripts/host/run-host-tests.mjs --no-build --label host-podman --results test-results/host-podman
# In Korean beside the restricted run: its own workspace and results folder; restricted uses no engine.
# The Dockerfile server starts with the first Dockerfile there (the English runs start it with the workspace).
tier_beside host-ko node scripts/host/run-host-tests.mjs --no-build --locale ko --setting berth.languageServer.startWithWorkspace=false
# Once more in a workspace that is not trusted: the language works, no engine is used.
tier restricted node scripts/host/run-host-tests.mjs --no-build --restricted
# Collected before package: its production build rewrites dist/, which host-podman's VS Code runs from.
collect host-podman
collect host-ko
tier package npm run --silent test:package
# Last, while this checkout's environment is still up: the clone's environment runs beside it.
tier start node scripts/start-check.mjs

teardown
summary
exit $?
