#!/bin/sh
# Builds the Rust fixture of the cargo-auditable cataloger tests into OUT_DIR (Rampart.Catalogers.Tests runs it once per
# test run; nothing is committed). cargo-auditable itself cannot be installed here (no crates.io), so this does what it
# does, with the real tools: builds the workspace/ crates with cargo (offline; path dependencies only), turns
# `cargo metadata` into its audit data (audit_data.py), zlib-compresses it and puts it in a `.dep-v0` section.
#   OUT_DIR/audit.json        the audit data, uncompressed (what the tests expect to read back)
#   OUT_DIR/auditable         section added after linking with objcopy, not loaded (as cargo-auditable's object
#                             declares it today: no SHF_ALLOC), so it sits after the loadable segments
#   OUT_DIR/auditable-linked  section linked in from an object file made of the data, loaded read-only data, kept
#                             through --gc-sections by its symbol (as cargo-auditable links its object), so it sits
#                             in the middle of the file
# Needs cargo/rustc, binutils (objcopy, objdump) and python3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "$1" && cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/workspace" "$work/"
export CARGO_TARGET_DIR="$work/target" CARGO_NET_OFFLINE=true
cd "$work/workspace"
cargo build --release --offline --quiet
binary="$work/target/release/rampart-audit-fixture"
cargo metadata --format-version 1 --offline | python3 "$here/audit_data.py" rampart-audit-fixture >"$out/audit.json"
python3 -c 'import sys, zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read(), 7))' <"$out/audit.json" >"$work/dep-v0.zlib"
objcopy --add-section .dep-v0="$work/dep-v0.zlib" --set-section-flags .dep-v0=readonly,contents "$binary" "$out/auditable"

format=$(objdump -f "$binary" | sed -n 's/.*file format //p')
architecture=$(objdump -f "$binary" | sed -n 's/^architecture: \([^,]*\),.*/\1/p')
(cd "$work" && objcopy -I binary -O "$format" -B "$architecture" \
    --rename-section .data=.dep-v0,alloc,load,readonly,data,contents dep-v0.zlib dep-v0.o)
touch app/src/main.rs
RUSTFLAGS="-C link-arg=$work/dep-v0.o -C link-arg=-Wl,--undefined=_binary_dep_v0_zlib_start" cargo build --release --offline --quiet
cp "$binary" "$out/auditable-linked"
