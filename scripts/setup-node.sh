#!/usr/bin/env bash
# setup-node.sh - private containerd (CRI) + CNI + local OCI images (+ optional etcd) for windlass.
# (The project's own copy of the verified recipe in the design notes; `./windlass up` and scripts/test call it.)
# Debian 12, run as root. Idempotent. No network needed except Debian apt (only if packages are missing).
#
#   setup-node.sh [up] [BASE]            install, build+import images, start containerd; last stdout line = CRI socket
#   setup-node.sh stop [BASE] [--purge]  kill pods/shims, CNI DEL, stop containerd by pid, drop bridge; --purge: rm -rf BASE/containerd
#   setup-node.sh etcd [BASE] [CLIENT_PORT=23790] [PEER_PORT=23800]  single-member etcd on 127.0.0.1; last line = endpoint
#   setup-node.sh etcd-stop [BASE] [--purge]
#   setup-node.sh status [BASE]
# BASE defaults to /run/windlass (containerd in BASE/containerd, etcd in BASE/etcd). A first arg starting
# with '/' means "up BASE". Env: POD_CIDR (default 10.88.0.0/16), CNI_BRIDGE (wlcni0), SNAPSHOTTER (auto:
# overlayfs if it mounts here, else native), PAUSE_IMAGE, BUSYBOX_IMAGE_TAGS.
set -euo pipefail
export PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin   # containerd/CNI plugins exec runc, iptables, ip

CMD=up
case "${1:-}" in
  up|start|stop|down|etcd|etcd-stop|status|images) CMD=$1; shift ;;
  /*) ;;
  "") ;;
  *) echo "usage: $0 [up|stop|etcd|etcd-stop|status|images] [BASE] [--purge | CLIENT_PORT PEER_PORT]" >&2; exit 2 ;;
esac
BASE=/run/windlass
if [[ "${1:-}" == /* ]]; then BASE=${1%/}; shift; fi
CD=$BASE/containerd
SOCK=$CD/containerd.sock
((${#SOCK} + 6 <= 107)) || { echo "BASE too long: unix socket path $SOCK.ttrpc exceeds 107 bytes" >&2; exit 2; }
POD_CIDR=${POD_CIDR:-10.88.0.0/16}
CNI_BRIDGE=${CNI_BRIDGE:-wlcni0}
NETNAME=windlass; [[ $CNI_BRIDGE == wlcni0 ]] || NETNAME=windlass-$CNI_BRIDGE   # unique per instance
CONF=$CD/net.d/10-windlass.conflist
PAUSE_IMAGE=${PAUSE_IMAGE:-registry.k8s.io/pause:3.10}
BUSYBOX_IMAGE_TAGS=${BUSYBOX_IMAGE_TAGS:-docker.io/library/busybox:1.35 docker.io/library/busybox:latest}
PKGS="containerd runc containernetworking-plugins etcd-server etcd-client iptables conntrack umoci busybox-static iproute2 jq curl openssl"
# to build and run windlass itself (skipped when a JDK 17+ and Maven are already on PATH)
JAVA_PKGS="openjdk-17-jdk-headless maven"

log() { echo "[setup-node] $*" >&2; }
# alive <pidfile> <string its cmdline must contain>: not a zombie, not a recycled pid (pid files may outlive a reboot)
alive() {
  local pid; [[ -s $1 ]] && pid=$(cat "$1") && [[ -r /proc/$pid/stat ]] || return 1
  [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] && tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$2"
}
ctrk() { ctr --address "$SOCK" -n k8s.io "$@"; }

install_pkgs() {
  local missing=()
  local pkgs=$PKGS
  { command -v javac >/dev/null && command -v mvn >/dev/null; } || pkgs="$pkgs $JAVA_PKGS"
  for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# ---------- images (umoci + tar, no network) ----------
# build_image <out.tar> <rootfs-populate-fn> <umoci config args...> -- <tag...>
build_image() {
  local out=$1 fill=$2; shift 2
  local cfg=() tags=()
  while (($#)); do [[ $1 == -- ]] && { shift; tags=("$@"); break; }; cfg+=("$1"); shift; done
  local w; w=$(mktemp -d "$CD/imgbuild.XXXXXX")
  umoci init --layout "$w/oci"
  umoci new --image "$w/oci:wip"
  umoci unpack --image "$w/oci:wip" "$w/bundle" >/dev/null
  "$fill" "$w/bundle/rootfs"
  umoci repack --image "$w/oci:wip" "$w/bundle"
  umoci config --image "$w/oci:wip" --os linux --architecture amd64 --author windlass "${cfg[@]}"
  for t in "${tags[@]}"; do umoci tag --image "$w/oci:wip" "$t"; done   # full refs are accepted as ref.name
  umoci rm --image "$w/oci:wip"
  umoci gc --layout "$w/oci"
  tar -C "$w/oci" -cf "$out.tmp" . && mv "$out.tmp" "$out"
  rm -rf "$w"
}
fill_common() {
  local r=$1
  mkdir -p "$r"/{bin,etc,tmp,root,proc,sys,dev,var/www}
  chmod 1777 "$r/tmp"
  install -m 0755 /bin/busybox "$r/bin/busybox"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$r/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$r/etc/group"
}
fill_pause() { fill_common "$1"; ln -sf busybox "$1/bin/sleep"; ln -sf busybox "$1/bin/sh"; }
fill_busybox() {
  fill_common "$1"
  local a
  for a in $(/bin/busybox --list); do [[ $a == busybox ]] || ln -sf busybox "$1/bin/$a"; done
  echo "hello from windlass busybox" >"$1/var/www/index.html"
}
have_image() { ctrk images ls -q 2>/dev/null | grep -qxF "$1"; }
ensure_images() {
  mkdir -p "$CD/images"
  [[ -s $CD/images/pause.tar ]] || build_image "$CD/images/pause.tar" fill_pause \
    --config.entrypoint /bin/sleep --config.cmd infinity --config.env PATH=/bin -- "$PAUSE_IMAGE"
  # shellcheck disable=SC2086
  [[ -s $CD/images/busybox.tar ]] || build_image "$CD/images/busybox.tar" fill_busybox \
    --config.cmd sh --config.env PATH=/bin:/usr/bin:/sbin:/usr/sbin --config.workingdir / -- $BUSYBOX_IMAGE_TAGS
  local t
  have_image "$PAUSE_IMAGE" || ctrk images import --snapshotter "$SNAP" "$CD/images/pause.tar" >&2
  for t in $BUSYBOX_IMAGE_TAGS; do
    have_image "$t" || { ctrk images import --snapshotter "$SNAP" "$CD/images/busybox.tar" >&2; break; }
  done
  # what the CRI plugin will see (it also lists each image under its sha256: ID)
  ctrk images ls -q | sed 's/^/[setup-node] image: /' >&2
}

# ---------- containerd ----------
pick_snapshotter() {
  if [[ -n ${SNAPSHOTTER:-} ]]; then echo "$SNAPSHOTTER"; return; fi
  local t; t=$(mktemp -d "$CD/ovltest.XXXXXX")
  mkdir -p "$t"/{l,u,w,m}
  if mount -t overlay overlay -o "lowerdir=$t/l,upperdir=$t/u,workdir=$t/w" "$t/m" 2>/dev/null; then
    umount "$t/m"; rm -rf "$t"; echo overlayfs
  else rm -rf "$t"; echo native; fi
}
write_config() {
  mkdir -p "$CD"/{root,state,opt,net.d,cni-ipam,runc}
  cat >"$CD/config.toml.new" <<EOF
version = 2
root = "$CD/root"
state = "$CD/state"
oom_score = 0
[grpc]
  address = "$SOCK"
[ttrpc]
  address = "$CD/containerd.sock.ttrpc"
[debug]
  address = "$CD/debug.sock"
  level = "info"
[metrics]
  address = ""
[plugins]
  [plugins."io.containerd.internal.v1.opt"]
    path = "$CD/opt"
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "$PAUSE_IMAGE"
    stream_server_address = "127.0.0.1"
    stream_server_port = "0"
    enable_selinux = false
    netns_mounts_under_state_dir = true
    # this VM lacks CAP_SYS_RESOURCE: negative oom_score_adj (-998 for sandboxes) makes runc init fail
    restrict_oom_score_adj = true
    tolerate_missing_hugetlb_controller = true
    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "/usr/lib/cni"
      conf_dir = "$CD/net.d"
      max_conf_num = 1
    [plugins."io.containerd.grpc.v1.cri".containerd]
      snapshotter = "$SNAP"
      default_runtime_name = "runc"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
        runtime_type = "io.containerd.runc.v2"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
          BinaryName = "/usr/sbin/runc"
          Root = "$CD/runc"
          SystemdCgroup = false
EOF
  mv "$CD/config.toml.new" "$CD/config.toml"
}
write_cni() {  # in place and only when changed: containerd 1.6 reloads on WRITE, not on a rename into net.d
  local new; new=$(cat <<EOF
{
  "cniVersion": "1.0.0",
  "name": "$NETNAME",
  "plugins": [
    { "type": "bridge", "bridge": "$CNI_BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": { "type": "host-local", "ranges": [[{ "subnet": "$POD_CIDR" }]],
                "routes": [{ "dst": "0.0.0.0/0" }], "dataDir": "$CD/cni-ipam" } },
    { "type": "portmap", "capabilities": { "portMappings": true } }
  ]
}
EOF
)
  [[ -f $CONF && $(cat "$CONF") == "$new" ]] || printf '%s\n' "$new" >"$CONF"
}
start_containerd() {
  if alive "$CD/containerd.pid" "$CD/config.toml" && ctr --address "$SOCK" version >/dev/null 2>&1; then
    log "containerd already running (pid $(cat "$CD/containerd.pid"))"; return
  fi
  rm -f "$SOCK" "$CD/containerd.sock.ttrpc" "$CD/debug.sock"
  setsid containerd --config "$CD/config.toml" >>"$CD/containerd.log" 2>&1 </dev/null &
  echo $! >"$CD/containerd.pid"
  local i
  for i in $(seq 1 100); do
    ctr --address "$SOCK" version >/dev/null 2>&1 && { log "containerd up (pid $!) after ~$((i / 5))s"; return; }
    alive "$CD/containerd.pid" "$CD/config.toml" || break
    sleep 0.2
  done
  log "containerd failed to start; tail of $CD/containerd.log:"; tail -20 "$CD/containerd.log" >&2; exit 1
}
up() {
  install_pkgs
  mkdir -p "$CD"
  [[ -s $CD/snapshotter ]] || pick_snapshotter >"$CD/snapshotter"
  SNAP=$(cat "$CD/snapshotter")
  sysctl -qw net.ipv4.ip_forward=1
  [[ -e /proc/sys/net/bridge/bridge-nf-call-iptables ]] && sysctl -qw net.bridge.bridge-nf-call-iptables=1 || true
  local old; old=$(cat "$CD/config.toml" 2>/dev/null || true)
  write_config; write_cni
  if [[ -n $old && $old != "$(cat "$CD/config.toml")" ]] && alive "$CD/containerd.pid" "$CD/config.toml"; then
    log "WARNING: config.toml changed while containerd runs; run '$0 stop $BASE' then up again"
  fi
  start_containerd
  ensure_images
  log "snapshotter=$SNAP cni=$CD/net.d pod_cidr=$POD_CIDR bridge=$CNI_BRIDGE log=$CD/containerd.log"
  echo "$SOCK"
}

# ---------- stop ----------
cni_del() {  # cni_del <container-id> <netns-path>: what containerd's teardown would do (reverse plugin order)
  local id=$1 ns=$2 conf=$CONF n i
  [[ -f $conf ]] || return 0
  n=$(jq '.plugins|length' "$conf")
  for ((i = n - 1; i >= 0; i--)); do
    jq -c --argjson i "$i" '.plugins[$i] + {name: .name, cniVersion: .cniVersion}' "$conf" |
      CNI_COMMAND=DEL CNI_CONTAINERID=$id CNI_NETNS=$ns CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni \
        "/usr/lib/cni/$(jq -r --argjson i "$i" '.plugins[$i].type' "$conf")" >/dev/null 2>&1 || true
  done
}
stop_node() {
  local purge=${1:-} id ns p gone=()
  if [[ -f $CONF ]]; then NETNAME=$(jq -r .name "$CONF"); CNI_BRIDGE=$(jq -r '.plugins[0].bridge' "$CONF"); fi
  if ! alive "$CD/containerd.pid" "$CD/config.toml" && [[ -n $(ls -A "$CD/root/io.containerd.grpc.v1.cri/sandboxes" 2>/dev/null) ]]; then
    # crashed/killed containerd: bring it back so pods are torn down through its metadata (else their
    # sandbox names stay reserved and their shims/netns leak); fall back to plain runc below if it won't start
    (start_containerd) || log "containerd restart failed; falling back to runc cleanup"
  fi
  if alive "$CD/containerd.pid" "$CD/config.toml" && ctr --address "$SOCK" version >/dev/null 2>&1; then
    for id in $(ctrk containers ls -q 2>/dev/null); do ctrk tasks kill -s SIGKILL "$id" >/dev/null 2>&1 || true; done
    sleep 0.5
    for id in $(ctrk containers ls -q 2>/dev/null); do
      ns=$(ctrk containers info "$id" 2>/dev/null | jq -r '.Spec.linux.namespaces[]? | select(.type=="network") | .path // empty' | head -1 || true)
      if [[ -n $ns && $(ctrk containers info "$id" | jq -r '.Labels["io.cri-containerd.kind"] // ""') == sandbox ]]; then
        cni_del "$id" "$ns"; log "CNI DEL sandbox ${id:0:12}"
        rm -f "/var/lib/cni/results/$NETNAME-$id-eth0" "/var/lib/cni/results/cni-loopback-$id-lo"
      fi
      ctrk tasks delete -f "$id" >/dev/null 2>&1 || true
      ctrk containers delete "$id" >/dev/null 2>&1 && gone+=("$id") || true
    done
  fi
  # containerd already dead: kill+delete containers straight from OUR runc root, then their shims
  if [[ -d $CD/runc/k8s.io ]]; then
    for id in $(runc --root "$CD/runc/k8s.io" list -q 2>/dev/null || true); do
      runc --root "$CD/runc/k8s.io" delete -f "$id" >/dev/null 2>&1 || true
    done
  fi
  # shims are found by OUR socket address in their cmdline and killed by pid; their sockets live in the
  # hard-coded /run/containerd/s/sha256(<address>/<ns>/<id>)
  local c
  for p in /proc/[0-9]*; do
    c=$(tr '\0' ' ' 2>/dev/null <"$p/cmdline") || continue
    [[ $c == *"-address $SOCK "* ]] || continue
    kill -9 "${p#/proc/}" 2>/dev/null || true
    id=$(sed -E 's/.*-id ([^ ]+).*/\1/' <<<"$c")
    rm -f "/run/containerd/s/$(printf '%s' "$SOCK/k8s.io/$id" | sha256sum | cut -d' ' -f1)"
  done
  if alive "$CD/containerd.pid" "$CD/config.toml"; then
    p=$(cat "$CD/containerd.pid"); kill "$p" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
    log "containerd pid $p stopped"
  fi
  rm -f "$CD/containerd.pid"
  # netns bind mounts (netns_mounts_under_state_dir=true puts them here), leftover rootfs mounts
  if [[ -d $CD ]]; then
    awk -v b="$CD/" 'index($5, b) == 1 {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    local left; left=$(ls "$CD/cni-ipam/$NETNAME" 2>/dev/null | grep -c '^[0-9]' || true)
    ((left == 0)) || log "dropping $left leftover IP reservations"
    rm -rf "$CD/state/io.containerd.grpc.v1.cri/netns" "$CD/cni-ipam/$NETNAME" 2>/dev/null || true
    for id in "${gone[@]}"; do   # CRI's own per-pod dirs of the containers deleted above (after their shm umount)
      rm -rf "$CD"/{root,state}/io.containerd.grpc.v1.cri/{sandboxes,containers}/"$id" 2>/dev/null || true
    done
  fi
  # pod cgroups: runc removes container cgroups, never the parents. Pods with cgroup_parent /windlass/... land
  # there, pods without a cgroup_parent under /k8s.io/<id>. rmdir only ever removes EMPTY cgroups.
  for p in /sys/fs/cgroup/*/windlass /sys/fs/cgroup/*/k8s.io; do [[ -d $p ]] && find "$p" -depth -type d -exec rmdir {} + 2>/dev/null || true; done
  for p in /var/lib/cni/results/"$NETNAME"-*-eth0; do   # libcni result cache of sandboxes that never got CNI DEL
    id=${p#/var/lib/cni/results/"$NETNAME"-}; id=${id%-eth0}; [[ $id =~ ^[0-9a-f]{64}$ ]] || continue
    rm -f "$p" "/var/lib/cni/results/cni-loopback-$id-lo"
  done
  ip link del "$CNI_BRIDGE" 2>/dev/null && log "bridge $CNI_BRIDGE removed" || true
  # iptables: per-pod rules CNI tagged with our network name (left only if CNI DEL never ran), their chains,
  # then portmap's shared top-level chains once no pod uses them
  local rules ch
  rules=$(iptables-save -t nat 2>/dev/null | grep '^-A' | grep -F "name: \\\"$NETNAME\\\"" || true)  # name: \"windlass\"
  if [[ -n $rules ]]; then
    while read -r r; do eval "iptables -t nat ${r/#-A/-D}" 2>/dev/null || true; done <<<"$rules"
    for ch in $(grep -oE -- '-j CNI-[A-Za-z0-9-]+' <<<"$rules" | awk '{print $2}' | grep -v '^CNI-HOSTPORT-' | sort -u || true); do
      iptables -t nat -F "$ch" 2>/dev/null || true; iptables -t nat -X "$ch" 2>/dev/null || true
    done
  fi
  if iptables -t nat -S CNI-HOSTPORT-DNAT >/dev/null 2>&1 && ! iptables -t nat -S CNI-HOSTPORT-DNAT | grep -q '^-A'; then
    iptables -t nat -D PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT 2>/dev/null || true
    iptables -t nat -D OUTPUT -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT 2>/dev/null || true
    iptables -t nat -D POSTROUTING -m comment --comment "CNI portfwd requiring masquerade" -j CNI-HOSTPORT-MASQ 2>/dev/null || true
    for ch in CNI-HOSTPORT-DNAT CNI-HOSTPORT-MASQ CNI-HOSTPORT-SETMARK; do
      iptables -t nat -F "$ch" 2>/dev/null || true; iptables -t nat -X "$ch" 2>/dev/null || true
    done
  fi
  if [[ $purge == --purge ]]; then
    rm -rf "$CD"; log "removed $CD"
    rmdir /run/containerd/s /run/containerd /var/lib/cni/results /var/lib/cni "$BASE" 2>/dev/null || true  # if empty
  fi
}

# ---------- etcd ----------
etcd_up() {
  local cport=${1:-23790} pport=${2:-23800} ed=$BASE/etcd ep
  ep=http://127.0.0.1:$cport
  install_pkgs
  mkdir -p "$ed"
  if alive "$ed/etcd.pid" "$ed/data"; then log "etcd already running (pid $(cat "$ed/etcd.pid"))"; cat "$ed/endpoint"; return; fi
  if [[ -d $ed/data && $(cat "$ed/peer" 2>/dev/null) != "$pport" ]]; then rm -rf "$ed/data"; fi  # member URL is baked in
  echo "$pport" >"$ed/peer"
  setsid etcd --name wl --data-dir "$ed/data" \
    --listen-client-urls "$ep" --advertise-client-urls "$ep" \
    --listen-peer-urls "http://127.0.0.1:$pport" --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
    --initial-cluster "wl=http://127.0.0.1:$pport" --initial-cluster-state new \
    --initial-cluster-token windlass >>"$ed/etcd.log" 2>&1 </dev/null &
  echo $! >"$ed/etcd.pid"
  echo "$ep" >"$ed/endpoint"
  for _ in $(seq 1 100); do
    ETCDCTL_API=3 etcdctl --endpoints "$ep" endpoint health >/dev/null 2>&1 && { log "etcd up pid $(cat "$ed/etcd.pid")"; echo "$ep"; return; }
    alive "$ed/etcd.pid" "$ed/data" || break
    sleep 0.2
  done
  log "etcd failed; tail of $ed/etcd.log:"; tail -20 "$ed/etcd.log" >&2; exit 1
}
etcd_down() {
  local ed=$BASE/etcd p
  if alive "$ed/etcd.pid" "$ed/data"; then
    p=$(cat "$ed/etcd.pid"); kill "$p"
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true; log "etcd pid $p stopped"
  fi
  rm -f "$ed/etcd.pid"
  if [[ ${1:-} == --purge ]]; then rm -rf "$ed"; rmdir "$BASE" 2>/dev/null || true; fi
}

case $CMD in
  up|start) up ;;
  images) [[ -s $CD/snapshotter ]] || { echo "run up first" >&2; exit 1; }; SNAP=$(cat "$CD/snapshotter"); ensure_images ;;
  stop|down) stop_node "${1:-}" ;;
  etcd) etcd_up "${1:-}" "${2:-}" ;;
  etcd-stop) etcd_down "${1:-}" ;;
  status)
    alive "$CD/containerd.pid" "$CD/config.toml" && echo "containerd: pid $(cat "$CD/containerd.pid") socket $SOCK" || echo "containerd: down"
    alive "$BASE/etcd/etcd.pid" "$BASE/etcd/data" && echo "etcd: pid $(cat "$BASE/etcd/etcd.pid") $(cat "$BASE/etcd/endpoint")" || echo "etcd: down" ;;
esac
