#!/usr/bin/env bash
# Rewrites the layer tars with file capabilities from the real tools. Needs root (setcap needs CAP_SETFCAP), GNU tar,
# libcap2-bin and libarchive-tools (bsdtar). The tree: /usr/bin/ping with cap_net_raw+ep and /usr/bin/ping6 a hard
# link to it, /usr/sbin/helper with cap_setuid,cap_sys_admin+ep (cap_setuid makes a 0x80 byte, which is not UTF-8),
# /usr/bin/plain with none.
#   gnu-tar.tar   GNU tar --xattrs: SCHILY.xattr.security.capability, raw bytes (Docker's and BuildKit's spelling too)
#   bsdtar.tar    bsdtar writing only LIBARCHIVE.xattr.security.capability, base64 without padding
set -euo pipefail
cd "$(dirname "$0")"
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT

mkdir -p "$tree/usr/bin" "$tree/usr/sbin"
printf 'ping\n' >"$tree/usr/bin/ping"
printf 'helper\n' >"$tree/usr/sbin/helper"
printf 'plain\n' >"$tree/usr/bin/plain"
setcap cap_net_raw+ep "$tree/usr/bin/ping"
setcap cap_setuid,cap_sys_admin+ep "$tree/usr/sbin/helper"
ln "$tree/usr/bin/ping" "$tree/usr/bin/ping6"
touch -d @1700000000 "$tree/usr/bin/"* "$tree/usr/sbin/"* "$tree/usr/bin" "$tree/usr/sbin" "$tree/usr"

tar --xattrs --format=posix --pax-option=delete=atime,delete=ctime --owner=0 --group=0 --numeric-owner --sort=name \
    -C "$tree" -cf gnu-tar.tar usr
bsdtar --format pax --options xattrheader=LIBARCHIVE --uid 0 --gid 0 -C "$tree" -cf bsdtar.tar usr
