# shellcheck shell=bash
# Sourced by scripts/test-env.sh: the Podman mode (`test-env.sh podman up|down|status`).
#
# A private Podman service beside the private dockerd: Debian's podman (4.3) serving the
# Docker-compatible API on $RUN_DIR/podman.sock, with configuration files of its own
# (CONTAINERS_CONF, CONTAINERS_STORAGE_CONF, CONTAINERS_REGISTRIES_CONF), its own storage
# root, run root, file locks and network (bridge and subnet named from the environment's
# key), so neither the host's podman state nor another checkout's is touched. busybox:local
# is imported with `podman import` (Podman names it localhost/busybox:local), and two more
# registries (plain and htpasswd) are started for it, named localhost:PORT: Podman applies
# registries.conf's `insecure` to that name, not to 127.0.0.1:PORT.
# Writes $ENV_DIR/podman.sh, the same variables as env.sh pointing at Podman, plus
# BERTH_TEST_ENGINE=podman.

PODMAN_DIR=$ENV_DIR/podman
PODMAN_SOCKET=$RUN_DIR/podman.sock
PODMAN_BIN=/usr/bin/podman
[ -x "$PODMAN_BIN" ] || PODMAN_BIN=podman

# The three configuration files, for the service and for every CLI call of ours.
podman_private() {
  CONTAINERS_CONF=$PODMAN_DIR/containers.conf CONTAINERS_STORAGE_CONF=$PODMAN_DIR/storage.conf \
    CONTAINERS_REGISTRIES_CONF=$PODMAN_DIR/registries.conf "$PODMAN_BIN" "$@"
}
podman_answers() { curl -fsS --unix-socket "$PODMAN_SOCKET" http://podman/_ping >/dev/null 2>&1; }

# The network Podman puts containers on by default: a bridge and a subnet of this environment's own.
podman_bridge() { printf 'bpm%s' "${ENV_KEY:0:8}"; }
podman_octet() { printf '%d' "$(( 0x${ENV_KEY:8:2} % 100 + 128 ))"; }

podman_write_config() {
  mkdir -p "$PODMAN_DIR/storage" "$PODMAN_DIR/networks" "$RUN_DIR/podman-run" "$RUN_DIR/podman-tmp"
  local octet; octet=$(podman_octet)
  cat >"$PODMAN_DIR/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$PODMAN_DIR/storage"
runroot = "$RUN_DIR/podman-run"
EOF
  # default_ulimits: Podman gives containers nofile and nproc limits of 1048576, and runc may
  # not raise a hard limit here ("error setting rlimit type 7"): so the hard limits the
  # service itself has, which are this shell's, with nproc at most 32768 (Podman lowers its
  # own to that at start). cgroupfs and the events file because there is no systemd; file
  # locks so this service's first start never frees the /dev/shm lock segment other podmans share.
  local nofile nproc
  nofile=$(ulimit -Hn) nproc=$(ulimit -Hu)
  [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ] && nofile=1048576
  [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ] && nproc=32768
  cat >"$PODMAN_DIR/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[network]
network_backend = "netavark"
network_config_dir = "$PODMAN_DIR/networks"
default_network = "podman"
default_subnet = "10.$octet.0.0/24"
default_subnet_pools = [{"base" = "10.$octet.0.0/16", "size" = 24}]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$PODMAN_DIR/events.log"
runtime = "runc"
lock_type = "file"
tmp_dir = "$RUN_DIR/podman-tmp"
static_dir = "$PODMAN_DIR/storage/libpod"
volume_path = "$PODMAN_DIR/storage/volumes"
EOF
  # The default network as a file, so its bridge is ours and not the shared podman0.
  [ -f "$PODMAN_DIR/networks/podman.json" ] || cat >"$PODMAN_DIR/networks/podman.json" <<EOF
{
  "name": "podman",
  "id": "$(printf 'berth-podman-%s' "$ENV_KEY" | sha256sum | cut -c1-64)",
  "driver": "bridge",
  "network_interface": "$(podman_bridge)",
  "created": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "subnets": [{ "subnet": "10.$octet.0.0/24", "gateway": "10.$octet.0.1" }],
  "ipv6_enabled": false,
  "internal": false,
  "dns_enabled": false,
  "ipam_options": { "driver": "host-local" }
}
EOF
  {
    printf 'unqualified-search-registries = []\n'
    local name
    for name in podman-registry podman-registry-auth; do
      [ -f "$ENV_DIR/$name/port" ] && printf '\n[[registry]]\nlocation = "localhost:%s"\ninsecure = true\n' "$(cat "$ENV_DIR/$name/port")"
    done
  } >"$PODMAN_DIR/registries.conf"
}

start_podman() {
  mkdir -p "$PODMAN_DIR" "$RUN_DIR" && chmod 700 "$RUN_DIR"
  podman_write_config
  if alive "$PODMAN_DIR/service.pid" && podman_answers; then return; fi
  say "starting the private Podman service at unix://$PODMAN_SOCKET (about 5 s)"
  rm -f "$PODMAN_SOCKET"
  CONTAINERS_CONF=$PODMAN_DIR/containers.conf CONTAINERS_STORAGE_CONF=$PODMAN_DIR/storage.conf \
    CONTAINERS_REGISTRIES_CONF=$PODMAN_DIR/registries.conf \
    daemon "$PODMAN_DIR/service.log" "$PODMAN_BIN" system service --time=0 "unix://$PODMAN_SOCKET"
  echo $! >"$PODMAN_DIR/service.pid"
  STARTED+=("$PODMAN_DIR/service.pid")
  wait_until_answers "the private Podman service" "$PODMAN_DIR/service.pid" "$PODMAN_DIR/service.log" podman_answers
}

import_podman_base_image() {
  if podman_private image exists localhost/busybox:local 2>/dev/null; then return; fi
  say "importing busybox:local into the private Podman (a few seconds)"
  make_busybox_tar
  podman_private import --quiet --change 'CMD ["sh"]' --change 'ENV PATH=/bin' "$ENV_DIR/busybox.tar" busybox:local >/dev/null
}

write_podman_env() {
  cat >"$ENV_DIR/podman.sh" <<EOF
# Written by scripts/test-env.sh podman up; source it to point the tests at the private Podman.
export BERTH_ENV_DIR='$ENV_DIR'
export BERTH_TEST_ENGINE=podman
export BERTH_TEST_DOCKER_HOST='unix://$PODMAN_SOCKET'
export BERTH_TEST_REGISTRY='localhost:$(cat "$ENV_DIR/podman-registry/port")'
export BERTH_TEST_AUTH_REGISTRY='localhost:$(cat "$ENV_DIR/podman-registry-auth/port")'
export BERTH_TEST_REGISTRY_USER='$REGISTRY_USER'
export BERTH_TEST_REGISTRY_PASSWORD="\$(cat '$ENV_DIR/registry-password')"
export BERTH_CODE_SERVER='$CODE_SERVER_DIR/node_modules/.bin/code-server'
EOF
}

podman_up() {
  install_packages engine podman
  mkdir -p "$ENV_DIR"
  # The registries first: registries.conf names their ports.
  start_registry podman-registry BERTH_PODMAN_REGISTRY_PORT no
  start_registry podman-registry-auth BERTH_PODMAN_AUTH_REGISTRY_PORT yes
  start_podman
  import_podman_base_image
  write_podman_env
  say "Podman ready: source $ENV_DIR/podman.sh"
}

# netavark's iptables rules for this environment's subnets, left when the service stopped
# with containers still running: the rules that name the subnets (deleted by number, so
# quoted comments need no parsing), then netavark's chains nothing jumps to any more, then
# its shared chains once no rule of any podman is left in them (netavark makes them again
# when it needs them), so a machine looks as it did before `podman up`.
podman_remove_iptables() {
  command -v iptables >/dev/null || return 0
  local subnet table chain number
  subnet="10.$(podman_octet)."
  for table in nat filter; do
    for chain in $(podman_chains "$table") PREROUTING INPUT OUTPUT FORWARD POSTROUTING; do
      for number in $(iptables -t "$table" -L "$chain" -n --line-numbers 2>/dev/null | awk -v s="$subnet" 'index($0, s) { print $1 }' | sort -rn); do
        iptables -t "$table" -D "$chain" "$number" 2>/dev/null || true
      done
    done
    for chain in $(podman_chains "$table" | grep -E '^NETAVARK-(DN-)?[0-9A-F]+$' || true); do
      podman_chain_used "$table" "$chain" || { iptables -t "$table" -F "$chain" && iptables -t "$table" -X "$chain"; } 2>/dev/null || true
    done
  done
  # Internal networks' isolation rules name a bridge (podmanN), not a subnet: those whose bridge is gone.
  for chain in NETAVARK_ISOLATION_1 NETAVARK_ISOLATION_2; do
    for number in $(iptables -L "$chain" -v -n --line-numbers 2>/dev/null | awk 'NR > 2 { print $1, $7, $8 }' | while read -r n in out; do
      for dev in "${in#!}" "${out#!}"; do
        case $dev in podman[0-9]*|bpm*) ip link show "$dev" >/dev/null 2>&1 || { echo "$n"; break; } ;; esac
      done
    done | sort -rn); do
      iptables -D "$chain" "$number" 2>/dev/null || true
    done
  done
  # The shared chains: the forward and isolation chains when empty, the port-forwarding set when no DNAT is left.
  podman_remove_shared filter NETAVARK_FORWARD 0
  podman_remove_shared filter NETAVARK_ISOLATION_1 0
  podman_remove_shared filter NETAVARK_ISOLATION_2 0
  if [ "$(podman_rule_count nat NETAVARK-HOSTPORT-DNAT)" = 0 ]; then
    podman_remove_shared nat NETAVARK-HOSTPORT-DNAT 0
    podman_remove_shared nat NETAVARK-HOSTPORT-MASQ 1
    podman_remove_shared nat NETAVARK-HOSTPORT-SETMARK 1
  fi
}
podman_chains() { iptables -t "$1" -S 2>/dev/null | awk '/^-N NETAVARK/ { print $2 }'; }
podman_chain_used() { iptables -t "$1" -S 2>/dev/null | grep -q -- "-j $2\$"; }
podman_rule_count() { iptables -t "$1" -S "$2" 2>/dev/null | grep -c '^-A ' || true; }
# Removes chain $2 of table $1 with the rules that jump to it, when it holds at most $3 rules.
podman_remove_shared() {
  local table=$1 chain=$2 most=$3 parent number
  iptables -t "$table" -S "$chain" >/dev/null 2>&1 || return 0
  [ "$(podman_rule_count "$table" "$chain")" -le "$most" ] || return 0
  for parent in PREROUTING INPUT OUTPUT FORWARD POSTROUTING; do
    for number in $(iptables -t "$table" -L "$parent" -n --line-numbers 2>/dev/null | awk -v c="$chain" '$2 == c { print $1 }' | sort -rn); do
      iptables -t "$table" -D "$parent" "$number" 2>/dev/null || true
    done
  done
  { iptables -t "$table" -F "$chain" && iptables -t "$table" -X "$chain"; } 2>/dev/null || true
}

podman_down() {
  # Containers first (their conmon processes outlive the service), so netavark and conmon
  # undo what they set up: rules, mounts. The CLI needs no service for that.
  [ -f "$PODMAN_DIR/containers.conf" ] && { podman_private rm --all --force --time 0 >/dev/null 2>&1 || true; }
  stop_pid "$PODMAN_DIR/service.pid" "the Podman service"
  stop_pid "$ENV_DIR/podman-registry/pid" "podman-registry"
  stop_pid "$ENV_DIR/podman-registry-auth/pid" "podman-registry-auth"
  [ -d "$PODMAN_DIR" ] || return 0
  podman_remove_iptables
  local bridge; bridge=$(podman_bridge)
  ! ip link show "$bridge" >/dev/null 2>&1 || ip link delete "$bridge" || true
  rm -f "$ENV_DIR/podman.sh" "$PODMAN_SOCKET"
  # The run root and tmp dir (state of containers that no longer run); left mounts make rm fail harmlessly.
  rm -rf "$RUN_DIR/podman-run" "$RUN_DIR/podman-tmp" 2>/dev/null || true
}

podman_status() {
  if alive "$PODMAN_DIR/service.pid" && podman_answers; then say "podman running: unix://$PODMAN_SOCKET"; else say "podman not running"; fi
  local name
  for name in podman-registry podman-registry-auth; do
    if alive "$ENV_DIR/$name/pid" && registry_is_ours "$(cat "$ENV_DIR/$name/port")"; then say "$name running: localhost:$(cat "$ENV_DIR/$name/port")"; else say "$name not running"; fi
  done
}
