#!/bin/sh
# Derives the package-name reference lists that Rampart's lock-in criteria compare installed packages with
# (RMP-L007 vendor-specific names, and the exit path). Run by hand when the lists should be refreshed; the scan
# itself never touches the network.
#
#   make-package-names.sh [-o DIR] debian             names from the apt index files of this machine (run apt-get update first)
#   make-package-names.sh [-o DIR] alpine INDEX...    names from Alpine indexes: APKINDEX.tar.gz as downloaded, or unpacked APKINDEX
#
# Writes <distro>.names.gz into DIR (default: next to this script, where the build embeds every *.names.gz): a first
# line "# <where the names come from>", then one name per line, sorted bytewise, unique. Binary and source names both
# count, so a package renamed or split by a vendor still finds its project. gzip -n keeps the file byte-identical for
# identical input.
set -eu

usage='usage: make-package-names.sh [-o DIR] debian | alpine APKINDEX.tar.gz|APKINDEX...'
out=$(cd "$(dirname "$0")" && pwd)
while getopts o: flag; do
    case "$flag" in
    o) out=$OPTARG ;;
    *) echo "$usage" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
distro=${1:?$usage}
shift
[ -d "$out" ] || { echo "-o $out: not a directory" >&2; exit 2; }
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.names"' EXIT

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
    [ "$#" -gt 0 ] || { echo "give the Alpine indexes to read: APKINDEX.tar.gz files as downloaded, or unpacked APKINDEX files" >&2; exit 1; }
    sources=
    for index in "$@"; do
        # An APKINDEX.tar.gz is a signature segment and an index segment, concatenated gzip streams that tar reads as one.
        case "$index" in
        *.tar.gz)
            tar -xzOf "$index" APKINDEX >>"$tmp" || { echo "$index: no APKINDEX inside; expected an Alpine APKINDEX.tar.gz" >&2; exit 1; }
            description=$(tar -xzOf "$index" DESCRIPTION 2>/dev/null || true)
            ;;
        *)
            cat "$index" >>"$tmp" || { echo "$index: cannot be read" >&2; exit 1; }
            description=
            ;;
        esac
        # The repository a file stands for, as its path names it: v3.22/main/x86_64/APKINDEX.tar.gz -> v3.22/main/x86_64.
        repository=$(dirname "$index")
        [ "$repository" != . ] || repository=$index
        sources="$sources${sources:+, }$repository${description:+ ($description)}"
    done
    awk '
        /^P:/ { print substr($0, 3) }
        /^o:/ { print substr($0, 3) }
    ' "$tmp" >"$tmp.names"
    mv "$tmp.names" "$tmp"
    [ -s "$tmp" ] || { echo "no P: or o: lines in $*; these are not Alpine indexes" >&2; exit 1; }
    header="# Alpine APKINDEX files (P: and o: names): $sources"
    ;;
*)
    echo "unknown distribution '$distro'; expected debian or alpine" >&2
    exit 2
    ;;
esac

{
    echo "$header"
    LC_ALL=C sort -u "$tmp"
} | gzip -n -9 >"$out/$distro.names.gz"
echo "wrote $out/$distro.names.gz ($(($(gzip -dc "$out/$distro.names.gz" | wc -l) - 1)) names)"
