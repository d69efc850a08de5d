#!/bin/sh
# Derives the package-name reference lists that Rampart's lock-in criteria compare installed packages with
# (RMP-L007 vendor-specific names, and the exit path). Run by hand when the lists should be refreshed; the scan
# itself never touches the network.
#
#   make-package-names.sh debian              names from the apt index files of this machine (run apt-get update first)
#   make-package-names.sh alpine APKINDEX...  names from unpacked APKINDEX files (tar -xzf APKINDEX.tar.gz APKINDEX)
#
# Writes <distro>.names.gz next to this script: a first line "# <where the names come from>", then one name per
# line, sorted bytewise, unique. Binary and source names both count, so a package renamed or split by a vendor still
# finds its project. gzip -n keeps the file byte-identical for identical input.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
distro=${1:?usage: make-package-names.sh debian | alpine APKINDEX...}
shift
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

case "$distro" in
debian)
    targets=$(apt-get indextargets --format '$(FILENAME)' 'Created-By: Packages' 'Origin: Debian')
    [ -n "$targets" ] || { echo "no Debian Packages index on this machine; run apt-get update" >&2; exit 1; }
    origin=$(apt-get indextargets --format '$(CODENAME)/$(COMPONENT)/$(ARCHITECTURE)' 'Created-By: Packages' 'Origin: Debian' | sort -u | tr '\n' ' ')
    for target in $targets; do
        /usr/lib/apt/apt-helper cat-file "$target"
    done | awk '
        /^Package: / { print $2 }
        /^Source: /  { print $2 }
    ' >"$tmp"
    header="# Debian Packages index files (Package and Source names): ${origin% }"
    ;;
alpine)
    [ "$#" -gt 0 ] || { echo "give the unpacked APKINDEX files to read" >&2; exit 1; }
    cat "$@" | awk -F: '
        /^P:/ { print substr($0, 3) }
        /^o:/ { print substr($0, 3) }
    ' >"$tmp"
    header="# Alpine APKINDEX files (P: and o: names): $(for f in "$@"; do basename "$(dirname "$f")"; done | sort -u | tr '\n' ' ')"
    ;;
*)
    echo "unknown distribution '$distro'; expected debian or alpine" >&2
    exit 2
    ;;
esac

{
    echo "$header"
    LC_ALL=C sort -u "$tmp"
} | gzip -n -9 >"$here/$distro.names.gz"
echo "wrote $here/$distro.names.gz ($(($(gzip -dc "$here/$distro.names.gz" | wc -l) - 1)) names)"
