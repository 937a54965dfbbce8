#!/usr/bin/env bash
# Berth's private test environment: `up` provisions it, `down` stops what `up` started.
#
#   bash scripts/test-env.sh up      # idempotent: a second `up` reuses what runs
#   bash scripts/test-env.sh down    # stops, by pid, only what `up` started
#   bash scripts/test-env.sh status
#
# `up` installs what is missing from Debian's packages, starts a private dockerd (its own
# data root, exec root, pidfile, socket and bridge, so a user's own engine and containers
# are never touched), imports busybox:local, starts two registries on 127.0.0.1 (one
# plain, one with htpasswd auth), installs code-server into a git-ignored cache folder,
# and writes $BERTH_ENV_DIR/env.sh for the test tiers to source.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENV_DIR=${BERTH_ENV_DIR:-$ROOT/.vscode-test/env}
CODE_SERVER_DIR=${BERTH_CODE_SERVER_DIR:-$ROOT/.vscode-test/code-server}
CODE_SERVER_VERSION=4.100.3
REGISTRY_PORT=${BERTH_REGISTRY_PORT:-5000}
AUTH_REGISTRY_PORT=${BERTH_AUTH_REGISTRY_PORT:-5001}
REGISTRY_USER=berth
SOCKET=$ENV_DIR/docker.sock
DOCKER_BIN=/usr/bin/docker
[ -x "$DOCKER_BIN" ] || DOCKER_BIN=docker

say() { printf 'test-env: %s\n' "$*"; }
fail() { printf 'test-env: %s\n' "$*" >&2; exit 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
docker_private() { "$DOCKER_BIN" -H "unix://$SOCKET" "$@"; }

# Waits up to $2 seconds for command "$1" to succeed.
wait_until() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || fail "$what did not come up within ${seconds}s."
    sleep 0.2
  done
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v rg >/dev/null || missing+=(ripgrep)
  command -v sshd >/dev/null || missing+=(openssh-server)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v curl >/dev/null || missing+=(curl)
  # The language server's ShellCheck tests run Debian's shellcheck (0.9).
  command -v shellcheck >/dev/null || missing+=(shellcheck)
  # code-server's native modules build against these headers.
  dpkg -s libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config >/dev/null 2>&1 \
    || missing+=(libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" -eq 0 ] || fail "missing Debian packages (${missing[*]}) and not root: install them with apt-get."
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A bridge of this environment's own, named and numbered from its folder, so several
# private engines (one per checkout) can run side by side without touching docker0.
bridge_name() { printf 'brb%s' "$(printf '%s' "$ENV_DIR" | sha256sum | cut -c1-8)"; }
bridge_octet() { printf '%d' "$(( 0x$(printf '%s' "$ENV_DIR" | sha256sum | cut -c9-10) % 200 + 20 ))"; }

start_engine() {
  mkdir -p "$ENV_DIR"
  if alive "$ENV_DIR/dockerd.pid" && curl -fsS --unix-socket "$SOCKET" http://engine/_ping >/dev/null 2>&1; then
    say "engine already running (pid $(cat "$ENV_DIR/dockerd.pid"))"
    return
  fi
  local bridge; bridge=$(bridge_name)
  if ! ip link show "$bridge" >/dev/null 2>&1; then
    ip link add "$bridge" type bridge
    ip addr add "172.31.$(bridge_octet).1/24" dev "$bridge"
  fi
  ip link set "$bridge" up
  rm -f "$SOCKET"
  # --iptables=false: the private engine must not rewrite the host's firewall; published
  # ports still work on 127.0.0.1 through docker-proxy.
  dockerd --data-root "$ENV_DIR/data" --exec-root "$ENV_DIR/exec" --pidfile "$ENV_DIR/dockerd.pid" \
    -H "unix://$SOCKET" --bridge "$bridge" --iptables=false --ip-masq=false \
    >"$ENV_DIR/dockerd.log" 2>&1 &
  echo $! >"$ENV_DIR/dockerd.started"
  wait_until "the private dockerd (log: $ENV_DIR/dockerd.log)" 60 curl -fsS --unix-socket "$SOCKET" http://engine/_ping
  say "engine up at unix://$SOCKET"
}

import_base_image() {
  if docker_private image inspect busybox:local >/dev/null 2>&1; then return; fi
  local rootfs=$ENV_DIR/rootfs
  rm -rf "$rootfs" && mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/root" "$rootfs/var/www"
  cp /bin/busybox "$rootfs/bin/"
  for applet in sh ls cat echo sleep ping touch env ps httpd mkdir rm cp mv wc head tail grep sed printf id top seq dd yes true false stat tar gzip; do
    ln -sf busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  tar -C "$rootfs" -cf "$ENV_DIR/busybox.tar" .
  docker_private import -c 'CMD ["sh"]' -c 'ENV PATH=/bin' "$ENV_DIR/busybox.tar" busybox:local >/dev/null
  say "imported busybox:local"
}

start_registry() {
  local name=$1 port=$2 auth=$3
  local dir=$ENV_DIR/$name
  mkdir -p "$dir/storage"
  if alive "$dir/pid"; then say "$name already running on 127.0.0.1:$(cat "$dir/port" 2>/dev/null || echo "$port")"; return; fi
  {
    printf 'version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:%s\n' "$dir/storage" "$port"
    if [ "$auth" = yes ]; then
      printf 'auth:\n  htpasswd:\n    realm: berth-test\n    path: %s\n' "$dir/htpasswd"
    fi
  } >"$dir/config.yml"
  if [ "$auth" = yes ]; then
    [ -f "$ENV_DIR/registry-password" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$ENV_DIR/registry-password"
    htpasswd -Bbn "$REGISTRY_USER" "$(cat "$ENV_DIR/registry-password")" >"$dir/htpasswd"
  fi
  docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
  echo $! >"$dir/pid"
  # env.sh reports the port a running registry really has, whatever a later `up` asks for.
  echo "$port" >"$dir/port"
  wait_until "the $name registry on 127.0.0.1:$port (log: $dir/log)" 30 curl -sS -o /dev/null "http://127.0.0.1:$port/v2/"
  say "$name up at 127.0.0.1:$port"
}

install_code_server() {
  local bin=$CODE_SERVER_DIR/node_modules/.bin/code-server
  if [ -x "$bin" ] && grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CODE_SERVER_DIR/node_modules/code-server/package.json" 2>/dev/null; then return; fi
  say "installing code-server $CODE_SERVER_VERSION into $CODE_SERVER_DIR (about a minute)"
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
# Written by scripts/test-env.sh up; source it to reach the private test environment.
export BERTH_ENV_DIR='$ENV_DIR'
export BERTH_TEST_DOCKER_HOST='unix://$SOCKET'
export BERTH_TEST_REGISTRY='127.0.0.1:$(cat "$ENV_DIR/registry/port" 2>/dev/null || echo "$REGISTRY_PORT")'
export BERTH_TEST_AUTH_REGISTRY='127.0.0.1:$(cat "$ENV_DIR/registry-auth/port" 2>/dev/null || echo "$AUTH_REGISTRY_PORT")'
export BERTH_TEST_REGISTRY_USER='$REGISTRY_USER'
export BERTH_TEST_REGISTRY_PASSWORD="\$(cat '$ENV_DIR/registry-password')"
export BERTH_CODE_SERVER='$CODE_SERVER_DIR/node_modules/.bin/code-server'
EOF
}

up() {
  install_packages
  start_engine
  import_base_image
  start_registry registry "$REGISTRY_PORT" no
  start_registry registry-auth "$AUTH_REGISTRY_PORT" yes
  install_code_server
  write_env
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
  stop_pid "$ENV_DIR/registry/pid" "registry"
  stop_pid "$ENV_DIR/registry-auth/pid" "registry-auth"
  # dockerd stops its containers and its own containerd on SIGTERM.
  [ -f "$ENV_DIR/dockerd.started" ] && cp "$ENV_DIR/dockerd.started" "$ENV_DIR/dockerd.pid.stop" && stop_pid "$ENV_DIR/dockerd.pid.stop" "dockerd"
  rm -f "$ENV_DIR/dockerd.started" "$ENV_DIR/env.sh"
  local bridge; bridge=$(bridge_name)
  ip link show "$bridge" >/dev/null 2>&1 && ip link delete "$bridge" || true
}

status() {
  alive "$ENV_DIR/dockerd.pid" && say "dockerd running: unix://$SOCKET" || say "dockerd not running"
  alive "$ENV_DIR/registry/pid" && say "registry running: 127.0.0.1:$REGISTRY_PORT" || say "registry not running"
  alive "$ENV_DIR/registry-auth/pid" && say "registry-auth running: 127.0.0.1:$AUTH_REGISTRY_PORT" || say "registry-auth not running"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
