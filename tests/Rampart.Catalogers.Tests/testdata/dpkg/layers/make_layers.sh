#!/usr/bin/env bash
# Makes the dpkg databases of four image layers with the real dpkg and dpkg-deb, each layer's
# var/lib/dpkg/status as that layer leaves it:
#   0-base       the debian-bookworm fixture's status (11 packages)
#   1-install    + rampart-demo 1.0 (dpkg -i)
#   2-upgrade    zlib1g upgraded to 1:1.3.1-1, rampart-demo removed (dpkg -i, dpkg -r)
#   3-reinstall  rampart-demo 1.0 installed again
# The two packages are built here with dpkg-deb; dpkg runs unprivileged with --root in a scratch directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

package() { # name version architecture [multi-arch]
    local dir="$work/build/$1"
    mkdir -p "$dir/DEBIAN" "$dir/usr/share/doc/$1"
    echo "$1 $2" > "$dir/usr/share/doc/$1/README"
    {
        echo "Package: $1"
        echo "Version: $2"
        echo "Architecture: $3"
        [[ -n ${4:-} ]] && echo "Multi-Arch: $4"
        echo "Maintainer: Rampart tests <tests@rampart.invalid>"
        echo "Description: $1 as a later image layer installs it"
    } > "$dir/DEBIAN/control"
    dpkg-deb --root-owner-group --build "$dir" "$work/$1.deb" >/dev/null
}

# The base packages have no files lists here; dpkg warns about each and goes on.
dpkg_in_root() {
    dpkg --root="$work/root" --force-not-root --force-depends --force-script-chrootless --log=/dev/null "$@" \
        2> >(grep -v "files list file for package" >&2) >/dev/null
}

save() {
    mkdir -p "$here/$1/var/lib/dpkg"
    cp "$work/root/var/lib/dpkg/status" "$here/$1/var/lib/dpkg/status"
}

package rampart-demo 1.0 all
package zlib1g 1:1.3.1-1 amd64 same
mkdir -p "$work/root/var/lib/dpkg/info" "$work/root/var/lib/dpkg/updates"
cp "$here/../debian-bookworm/var/lib/dpkg/status" "$work/root/var/lib/dpkg/status"
save 0-base
dpkg_in_root -i "$work/rampart-demo.deb"
save 1-install
dpkg_in_root -i "$work/zlib1g.deb"
dpkg_in_root -r rampart-demo
save 2-upgrade
dpkg_in_root -i "$work/rampart-demo.deb"
save 3-reinstall
