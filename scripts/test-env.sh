#!/usr/bin/env bash
# Berth's private environment: `up` provisions it, `down` stops what `up` started.
#
#   bash scripts/test-env.sh up            # everything the tests need; a second `up` reuses what runs
#   bash scripts/test-env.sh sandbox       # the engine, its sample image and the registries (npm start)
#   bash scripts/test-env.sh engine2       # the second private engine alone (started again after a test stopped it)
#   bash scripts/test-env.sh code-server   # code-server and the Debian packages it builds against
#   bash scripts/test-env.sh down          # stops, by pid, only what this environment started
#   bash scripts/test-env.sh status
#   bash scripts/test-env.sh podman up     # a private Podman service beside it, with its own registries
#   bash scripts/test-env.sh podman down   # (and `podman status`); `down` stops it too
#
# `up` installs what is missing from Debian's packages, starts a private dockerd (its own
# data root, exec root, pidfile, socket and bridge, so a user's own engine and containers
# are never touched), imports busybox:local, starts two registries on free ports of
# 127.0.0.1 (one plain, one with htpasswd auth), installs code-server into a git-ignored
# cache folder, and writes $BERTH_ENV_DIR/env.sh for the test tiers to source.
#
# Each checkout has an environment of its own: sockets and the exec root live in a short
# runtime folder keyed by the environment's folder (unix socket paths are limited to about
# 104 bytes, so a deep clone must not put them under itself), the bridge is named from the
# same key, and the registries answer with the key in a header, so an `up` never mistakes
# another checkout's registry (or the user's) for its own. A step that fails stops what
# this run started: nothing is left half-started.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENV_DIR=${BERTH_ENV_DIR:-$ROOT/.vscode-test/env}
ENV_KEY=$(printf '%s' "$ENV_DIR" | sha256sum | cut -c1-12)
RUN_DIR=/tmp/berth-$ENV_KEY
CODE_SERVER_DIR=${BERTH_CODE_SERVER_DIR:-$ROOT/.vscode-test/code-server}
CODE_SERVER_VERSION=4.100.3
REGISTRY_USER=berth
SOCKET=$RUN_DIR/docker.sock
# The second engine (two engines side by side): its own data root, exec root, pidfile and socket.
ENGINE2_DIR=$ENV_DIR/engine2
SOCKET2=$RUN_DIR/docker2.sock
DOCKER_BIN=/usr/bin/docker
[ -x "$DOCKER_BIN" ] || DOCKER_BIN=docker

say() { printf 'test-env: %s\n' "$*"; }
fail() { printf 'test-env: %s\n' "$*" >&2; exit 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
docker_private() { "$DOCKER_BIN" -H "unix://$SOCKET" "$@"; }
engine_answers() { curl -fsS --unix-socket "${1:-$SOCKET}" http://engine/_ping >/dev/null 2>&1; }

# Pidfiles of what this run started, stopped again if a later step fails.
STARTED=()
undo_on_failure() {
  local status=$? i
  [ "$status" -ne 0 ] && [ ${#STARTED[@]} -gt 0 ] || return 0
  say "stopping what this run started, since it failed"
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do stop_pid "${STARTED[$i]}" "$(basename "$(dirname "${STARTED[$i]}")")/$(basename "${STARTED[$i]}")"; done
  remove_bridge
}
trap undo_on_failure EXIT

# Runs a daemon in a session of its own, so a Ctrl-C meant for `npm start` or `npm test`
# does not reach it; `down` stops it. (setsid execs in place: $! is the daemon's pid.)
daemon() { local log=$1; shift; setsid "$@" >"$log" 2>&1 </dev/null & }

# Waits up to 60 s for a daemon just started to answer: wait_until_answers WHAT PIDFILE LOG CHECK...
# Fails at once, with the log's last line, when the daemon exits instead.
wait_until_answers() {
  local what=$1 pidfile=$2 log=$3; shift 3
  local deadline=$((SECONDS + 60))
  until "$@"; do
    alive "$pidfile" || fail "$what exited at start: $(tail -n 1 "$log") (log: $log)"
    [ $SECONDS -lt $deadline ] || fail "$what did not answer within 60 s (log: $log)."
    sleep 0.2
  done
}

# Debian packages by what needs them.
missing_for() {
  case $1 in
    code-server)
      command -v rg >/dev/null || echo ripgrep
      command -v make >/dev/null || echo make
      command -v g++ >/dev/null || echo g++
      command -v python3 >/dev/null || echo python3
      # code-server's native modules build against these headers.
      dpkg -s libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config >/dev/null 2>&1 \
        || echo libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ;;
    engine)
      command -v dockerd >/dev/null || echo docker.io
      [ -x /bin/busybox ] || echo busybox-static
      command -v docker-registry >/dev/null || echo docker-registry
      command -v htpasswd >/dev/null || echo apache2-utils
      command -v ip >/dev/null || echo iproute2
      command -v curl >/dev/null || echo curl
      # The compose tests run Debian's docker-compose (1.29) against the private engine.
      command -v docker-compose >/dev/null || echo docker-compose
      command -v setsid >/dev/null || echo util-linux ;;
    tests)
      command -v chromium >/dev/null || echo chromium
      command -v sshd >/dev/null || echo openssh-server
      command -v openssl >/dev/null || echo openssl
      # The language server's ShellCheck tests run Debian's shellcheck (0.9).
      command -v shellcheck >/dev/null || echo shellcheck ;;
    podman)
      command -v podman >/dev/null || echo podman
      command -v iptables >/dev/null || echo iptables ;;
  esac
}

install_packages() {
  local missing=() more=() group
  for group in "$@"; do read -r -a more <<<"$(missing_for "$group" | tr '\n' ' ')"; missing+=("${more[@]}"); done
  [ ${#missing[@]} -eq 0 ] && return
  command -v apt-get >/dev/null \
    || fail "missing packages (${missing[*]}) and no apt-get to install them: install them with your system's package manager, then run this again."
  [ "$(id -u)" -eq 0 ] \
    || fail "missing Debian packages (${missing[*]}) and not root: run \`sudo apt-get install -y ${missing[*]}\`, then run this again."
  say "installing Debian packages: ${missing[*]} (1 to 5 minutes)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A bridge of this environment's own, named and numbered from its key, so several
# private engines (one per checkout) can run side by side without touching docker0.
bridge_name() { printf 'brb%s' "${ENV_KEY:0:8}"; }
bridge_octet() { printf '%d' "$(( 0x${ENV_KEY:8:2} % 200 + 20 ))"; }
remove_bridge() { local bridge; bridge=$(bridge_name); ! ip link show "$bridge" >/dev/null 2>&1 || ip link delete "$bridge" || true; }

start_engine() {
  mkdir -p "$ENV_DIR" "$RUN_DIR" && chmod 700 "$RUN_DIR"
  if alive "$ENV_DIR/dockerd.pid" && engine_answers; then return; fi
  say "starting the private engine at unix://$SOCKET (about 5 s)"
  local bridge; bridge=$(bridge_name)
  if ! ip link show "$bridge" >/dev/null 2>&1; then
    ip link add "$bridge" type bridge
    ip addr add "172.31.$(bridge_octet).1/24" dev "$bridge"
  fi
  ip link set "$bridge" up
  rm -f "$SOCKET"
  # --iptables=false: the private engine must not rewrite the host's firewall; published
  # ports still work on 127.0.0.1 through docker-proxy.
  daemon "$ENV_DIR/dockerd.log" dockerd --data-root "$ENV_DIR/data" --exec-root "$RUN_DIR/exec" --pidfile "$ENV_DIR/dockerd.pid" \
    -H "unix://$SOCKET" --bridge "$bridge" --iptables=false --ip-masq=false
  echo $! >"$ENV_DIR/dockerd.started"
  STARTED+=("$ENV_DIR/dockerd.started")
  wait_until_answers "the private dockerd" "$ENV_DIR/dockerd.started" "$ENV_DIR/dockerd.log" engine_answers
}

# A second private dockerd beside the first, for the tests of several engines at once
# (pinned side by side, one stopped while the other keeps working). No bridge and no
# iptables: it must not touch the host's network or the first engine's bridge, so it
# publishes no ports; it has busybox:local like the first. `engine2` starts it alone
# (the host tests restart it that way after stopping it).
start_engine2() {
  mkdir -p "$ENGINE2_DIR" "$RUN_DIR" && chmod 700 "$RUN_DIR"
  if ! { alive "$ENGINE2_DIR/dockerd.started" && engine_answers "$SOCKET2"; }; then
    say "starting the second private engine at unix://$SOCKET2 (about 5 s)"
    rm -f "$SOCKET2"
    daemon "$ENGINE2_DIR/dockerd.log" dockerd --data-root "$ENGINE2_DIR/data" --exec-root "$RUN_DIR/exec2" --pidfile "$ENGINE2_DIR/dockerd.pid" \
      -H "unix://$SOCKET2" --bridge=none --iptables=false --ip-masq=false
    echo $! >"$ENGINE2_DIR/dockerd.started"
    STARTED+=("$ENGINE2_DIR/dockerd.started")
    wait_until_answers "the second private dockerd" "$ENGINE2_DIR/dockerd.started" "$ENGINE2_DIR/dockerd.log" engine_answers "$SOCKET2"
  fi
  if ! "$DOCKER_BIN" -H "unix://$SOCKET2" image inspect busybox:local >/dev/null 2>&1; then
    [ -f "$ENV_DIR/busybox.tar" ] || import_base_image
    "$DOCKER_BIN" -H "unix://$SOCKET2" import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' "$ENV_DIR/busybox.tar" busybox:local >/dev/null
  fi
}

import_base_image() {
  if [ -f "$ENV_DIR/busybox.tar" ] && docker_private image inspect busybox:local >/dev/null 2>&1; then return; fi
  say "importing busybox:local into the private engine (a few seconds)"
  make_busybox_tar
  docker_private import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' "$ENV_DIR/busybox.tar" busybox:local >/dev/null
}

# $ENV_DIR/busybox.tar: a root file system of Debian's static busybox, for both engines.
make_busybox_tar() {
  local rootfs=$ENV_DIR/rootfs
  rm -rf "$rootfs" && mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/root" "$rootfs/var/www"
  cp /bin/busybox "$rootfs/bin/"
  for applet in sh ls cat echo sleep ping touch env ps httpd mkdir rm cp mv wc head tail grep sed printf id top seq dd yes true false stat tar gzip; do
    ln -sf busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  tar -C "$rootfs" -cf "$ENV_DIR/busybox.tar" .
}

# The registry at port $1 answers with this environment's key: it is the one we started.
registry_is_ours() { curl -sS -o /dev/null -D - "http://127.0.0.1:$1/v2/" 2>/dev/null | tr -d '\r' | grep -qix "x-berth-env: $ENV_KEY"; }

# A port nothing listens on, chosen by the kernel.
free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

start_registry() {
  local name=$1 variable=$2 auth=$3
  local dir=$ENV_DIR/$name port wanted=${!2:-}
  mkdir -p "$dir/storage"
  if alive "$dir/pid"; then
    registry_is_ours "$(cat "$dir/port")" && return
    stop_pid "$dir/pid" "$name (it did not answer as this environment's)"
  fi
  port=${wanted:-$(free_port)}
  {
    printf 'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\n' "$dir/storage"
    printf 'http:\n  addr: 127.0.0.1:%s\n  headers:\n    X-Berth-Env: [%s]\n' "$port" "$ENV_KEY"
    if [ "$auth" = yes ]; then
      printf 'auth:\n  htpasswd:\n    realm: berth-test\n    path: %s\n' "$dir/htpasswd"
    fi
  } >"$dir/config.yml"
  if [ "$auth" = yes ]; then
    [ -f "$ENV_DIR/registry-password" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$ENV_DIR/registry-password"
    htpasswd -Bbn "$REGISTRY_USER" "$(cat "$ENV_DIR/registry-password")" >"$dir/htpasswd"
  fi
  daemon "$dir/log" docker-registry serve "$dir/config.yml"
  echo $! >"$dir/pid"
  STARTED+=("$dir/pid")
  echo "$port" >"$dir/port"
  local deadline=$((SECONDS + 30))
  until registry_is_ours "$port"; do
    if ! alive "$dir/pid"; then
      if grep -q 'address already in use' "$dir/log"; then
        [ -n "$wanted" ] && fail "port $port, asked for by $variable, is taken by another program: unset $variable so a free port is chosen, or pick another."
        fail "port $port was taken by another program between choosing it and starting the $name registry: run this again."
      fi
      fail "the $name registry exited at start: $(tail -n 1 "$dir/log") (log: $dir/log)"
    fi
    [ $SECONDS -lt $deadline ] || fail "the $name registry did not answer on 127.0.0.1:$port within 30 s (log: $dir/log)."
    sleep 0.2
  done
}

install_code_server() {
  local bin=$CODE_SERVER_DIR/node_modules/.bin/code-server
  if [ -x "$bin" ] && grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CODE_SERVER_DIR/node_modules/code-server/package.json" 2>/dev/null; then return; fi
  say "installing code-server $CODE_SERVER_VERSION into $CODE_SERVER_DIR (1 to 3 minutes)"
  # code-server's ripgrep package downloads from GitHub, which is unreachable here:
  # hand it Debian's rg in the cache layout it looks for.
  local cache=${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11
  mkdir -p "$cache"
  [ -f "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" ] \
    || tar -C "$(dirname "$(command -v rg)")" -czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
  mkdir -p "$CODE_SERVER_DIR"
  [ -f "$CODE_SERVER_DIR/package.json" ] || printf '{"name":"berth-code-server-cache","private":true}\n' >"$CODE_SERVER_DIR/package.json"
  (cd "$CODE_SERVER_DIR" && npm_config_yes=true npm_config_dangerously_allow_all_scripts=true \
    npm install --unsafe-perm --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$CODE_SERVER_DIR/install.log" 2>&1) \
    || fail "code-server install failed (log: $CODE_SERVER_DIR/install.log)."
  [ -x "$bin" ] || fail "code-server installed but $bin is missing."
}

write_env() {
  cat >"$ENV_DIR/env.sh" <<EOF
# Written by scripts/test-env.sh; source it to reach this checkout's private environment.
export BERTH_ENV_DIR='$ENV_DIR'
export BERTH_TEST_DOCKER_HOST='unix://$SOCKET'
export BERTH_TEST_DOCKER_HOST_2='unix://$SOCKET2'
export BERTH_TEST_DOCKER_PIDFILE_2='$ENGINE2_DIR/dockerd.started'
export BERTH_TEST_REGISTRY='127.0.0.1:$(cat "$ENV_DIR/registry/port")'
export BERTH_TEST_AUTH_REGISTRY='127.0.0.1:$(cat "$ENV_DIR/registry-auth/port")'
export BERTH_TEST_REGISTRY_USER='$REGISTRY_USER'
export BERTH_TEST_REGISTRY_PASSWORD="\$(cat '$ENV_DIR/registry-password')"
export BERTH_CODE_SERVER='$CODE_SERVER_DIR/node_modules/.bin/code-server'
EOF
}

sandbox() {
  start_engine
  import_base_image
  start_engine2
  # BERTH_REGISTRY_PORT / BERTH_AUTH_REGISTRY_PORT pin the ports; by default free ones are chosen.
  start_registry registry BERTH_REGISTRY_PORT no
  start_registry registry-auth BERTH_AUTH_REGISTRY_PORT yes
  write_env
}

up() {
  install_packages engine code-server tests
  sandbox
  install_code_server
  say "ready: source $ENV_DIR/env.sh"
}

stop_pid() {
  local pidfile=$1 what=$2
  alive "$pidfile" || { rm -f "$pidfile"; return 0; }
  local pid; pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  say "stopped $what"
}

down() {
  [ -d "$ENV_DIR" ] || { say "nothing to stop"; return; }
  podman_down
  stop_pid "$ENV_DIR/registry/pid" "registry"
  stop_pid "$ENV_DIR/registry-auth/pid" "registry-auth"
  # dockerd stops its containers and its own containerd on SIGTERM.
  [ -f "$ENV_DIR/dockerd.started" ] && cp "$ENV_DIR/dockerd.started" "$ENV_DIR/dockerd.pid.stop" && stop_pid "$ENV_DIR/dockerd.pid.stop" "dockerd"
  [ -f "$ENGINE2_DIR/dockerd.started" ] && stop_pid "$ENGINE2_DIR/dockerd.started" "the second dockerd"
  rm -f "$ENV_DIR/dockerd.started" "$ENV_DIR/env.sh"
  remove_bridge
  # Sockets and the exec root; left mounts (there should be none) make rm fail harmlessly.
  rm -rf "$RUN_DIR" 2>/dev/null || true
}

status() {
  if alive "$ENV_DIR/dockerd.pid" && engine_answers; then say "dockerd running: unix://$SOCKET"; else say "dockerd not running"; fi
  if alive "$ENGINE2_DIR/dockerd.started" && engine_answers "$SOCKET2"; then say "second dockerd running: unix://$SOCKET2"; else say "second dockerd not running"; fi
  local name
  for name in registry registry-auth; do
    if alive "$ENV_DIR/$name/pid" && registry_is_ours "$(cat "$ENV_DIR/$name/port")"; then say "$name running: 127.0.0.1:$(cat "$ENV_DIR/$name/port")"; else say "$name not running"; fi
  done
}

# shellcheck source=scripts/test-env-podman.sh
source "$ROOT/scripts/test-env-podman.sh"

case "${1:-}" in
  up) up ;;
  podman)
    case "${2:-}" in
      up) podman_up ;;
      down) podman_down ;;
      status) podman_status ;;
      *) echo "usage: $0 podman up|down|status" >&2; exit 2 ;;
    esac ;;
  sandbox) install_packages engine && sandbox ;;
  engine2) install_packages engine && start_engine2 ;;
  code-server) install_packages code-server && install_code_server ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|sandbox|engine2|code-server|down|status|podman up|podman down|podman status" >&2; exit 2 ;;
esac
