#!/bin/sh
# Regenerates the Berkeley DB rpm databases from the header blobs of rhel9/var/lib/rpm/rpmdb.sqlite (make_rpmdb.sh):
# rpm here cannot write the bdb backend (Debian's rpm 4.18 has sqlite and bdb_ro only), so the blobs are loaded into
# real Berkeley DB hash databases with db5.3_load (Debian's db5.3-util), keyed by header number as rpm keys them, and
# each file is checked with rpm's own read-only reader: rpm --define '_db_backend bdb_ro' --dbpath DIR -qa.
#   centos7/var/lib/rpm/Packages  little-endian, 4096-byte pages: every header on one overflow page
#   bdb/Packages.be-512           big-endian (as written on s390x), 512-byte pages: headers on chains of overflow pages
#   bdb/Packages.le-16384         little-endian, 16384-byte pages: headers on the hash pages themselves
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

load() { # order page-size output
    rm -f "$3"
    python3 "$here/bdb_records.py" "$here/rhel9/var/lib/rpm/rpmdb.sqlite" "$1" "$2" | db5.3_load "$3"
    mkdir -p "$work/check" && cp "$3" "$work/check/Packages"
    rpm --define '_db_backend bdb_ro' --dbpath "$work/check" -qa --qf '%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\n' 2>/dev/null | sort
    rm -rf "$work/check"
}

load 1234 4096 "$here/centos7/var/lib/rpm/Packages"
load 4321 512 "$here/bdb/Packages.be-512"
load 1234 16384 "$here/bdb/Packages.le-16384"
