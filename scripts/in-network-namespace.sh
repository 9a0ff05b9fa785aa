#!/usr/bin/env bash
# Runs CMD ARGS... in a network namespace of its own, for the WebRTC tests:
# Chromium gathers no ICE candidates on loopback alone, so the namespace gets
# `lo` plus a veth pair whose two addresses exist only inside it. Nothing in
# it reaches the machine's network, and nothing outside can reach it; the
# namespace goes away with CMD.
#
#   bash scripts/in-network-namespace.sh npx playwright test -c tests/e2e-webrtc/playwright.config.ts
#
# CMD sees DESKBELL_NETNS_ADDRESS (10.203.0.1; the pair's other end is
# 10.203.0.2). Exit status: CMD's own, or 3 when no namespace can be made
# here (no `ip`, no `unshare`, or not allowed to make namespaces).
set -euo pipefail

readonly ADDRESS=10.203.0.1
readonly PEER_ADDRESS=10.203.0.2

cannot() {
  echo "in-network-namespace: cannot make a network namespace: $*" >&2
  exit 3
}

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

if [ -z "${DESKBELL_NETNS_INSIDE:-}" ]; then
  command -v ip >/dev/null || cannot "no 'ip' command (apt-get install iproute2)"
  command -v unshare >/dev/null || cannot "no 'unshare' command (apt-get install util-linux)"
  # As root a plain network namespace; otherwise inside a user namespace, where this user is root.
  if [ "$(id -u)" -eq 0 ]; then flags=(-n); else flags=(-r -n); fi
  unshare "${flags[@]}" true 2>/dev/null ||
    cannot "'unshare ${flags[*]}' is not permitted here (a container without CAP_SYS_ADMIN, or unprivileged user namespaces disabled)"
  DESKBELL_NETNS_INSIDE=1 exec unshare "${flags[@]}" bash "$0" "$@"
fi

# Inside the new namespace.
unset DESKBELL_NETNS_INSIDE
{
  ip link set lo up &&
    ip link add deskbell0 type veth peer name deskbell1 &&
    ip addr add "$ADDRESS/24" dev deskbell0 &&
    ip addr add "$PEER_ADDRESS/24" dev deskbell1 &&
    ip link set deskbell0 up &&
    ip link set deskbell1 up
} || cannot "setting up lo and the veth pair failed (see above)"

export DESKBELL_NETNS_ADDRESS=$ADDRESS
exec "$@"
