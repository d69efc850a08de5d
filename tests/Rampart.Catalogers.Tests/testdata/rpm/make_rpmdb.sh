#!/bin/sh
# Regenerates rhel9/var/lib/rpm/rpmdb.sqlite: builds three tiny noarch packages with rpmbuild and records them in a
# fresh rpm database (sqlite backend: `rpm --eval %_db_backend` says sqlite on Debian's rpm 4.18). --justdb writes
# only the database, never the packages' files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$here/rhel9/var/lib/rpm"
rm -rf "$db" && mkdir -p "$db"

spec() { # name version release epoch license requires provides files...
  name=$1 version=$2 release=$3 epoch=$4 license=$5 requires=$6 provides=$7
  shift 7
  {
    echo "Name: $name"
    echo "Version: $version"
    echo "Release: $release"
    [ -n "$epoch" ] && echo "Epoch: $epoch"
    echo "Summary: $name, a tiny package for Rampart's rpm tests"
    echo "License: $license"
    echo "Vendor: Rampart Test Vendor"
    echo "BuildArch: noarch"
    [ -n "$requires" ] && echo "Requires: $requires"
    [ -n "$provides" ] && echo "Provides: $provides"
    echo "%description"
    echo "Fixture package."
    echo "%install"
    for f in "$@"; do
      echo "mkdir -p %{buildroot}$(dirname "$f") && echo $name > %{buildroot}$f"
    done
    echo "%files"
    for f in "$@"; do echo "$f"; done
  } > "$work/$name.spec"
  rpmbuild --quiet --define "_topdir $work/top" --define "_build_id_links none" -bb "$work/$name.spec"
}

spec base-rampart 3.2 5.el9 "" "GPL-2.0-or-later AND LGPL-2.1-or-later" "" "rampart-base = 3.2" /usr/lib/base-rampart/data /etc/base-rampart.conf
spec hello-rampart 1.0 1.el9 2 MIT "base-rampart >= 3, /bin/sh" "" /usr/bin/hello-rampart
spec lib-rampart 0.9 2.el9 "" "Apache-2.0" "rampart-base" "" /usr/lib/lib-rampart/lib.txt /usr/share/doc/lib-rampart/README

rpm --dbpath "$db" --initdb
rpm --dbpath "$db" --justdb --nodeps --ignoreos --ignorearch -i "$work"/top/RPMS/noarch/*.rpm
rm -f "$db/.rpm.lock" "$db/rpmdb.sqlite-shm" "$db/rpmdb.sqlite-wal"
ls -l "$db"
# Querying this database with rpm (rpm --dbpath … -qa) leaves rpmdb.sqlite-shm and -wal beside it: delete them.
