#!/usr/bin/env bash
# Rewrites capabilities.tsv from the real tools: for each case, setcap (libcap2-bin) writes the capabilities on a
# scratch file, python3 reads the raw security.capability attribute back, and getcap -n prints them. Needs root
# (CAP_SETFCAP) and a filesystem with extended attributes. Columns: setcap arguments, attribute as hex, getcap text.
set -euo pipefail
cd "$(dirname "$0")"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

record() {
    local file="$scratch/file" value text
    rm -f "$file" && touch "$file"
    setcap "$@" "$file"
    value=$(python3 -c 'import os, sys; print(os.getxattr(sys.argv[1], "security.capability").hex())' "$file")
    text=$(getcap -n "$file")
    printf '%s\t%s\t%s\n' "$*" "$value" "${text#"$file" }"
}

{
    printf '# setcap arguments\tsecurity.capability\tgetcap -n\n'
    record 'cap_net_raw+ep'
    record 'cap_net_bind_service=ip cap_setuid,cap_sys_admin+p'
    record 'cap_setuid,cap_net_bind_service+eip cap_sys_admin+ep'
    record 'cap_chown+i'
    record 'cap_checkpoint_restore=p cap_chown+i'
    record 'cap_bpf,cap_perfmon+ep'
    record 'all=ep'
    record 'all=ep cap_sys_admin-ep'
    record 'all=i cap_kill-i'
    record -n 1000 'cap_net_admin+ep'
} >capabilities.tsv
