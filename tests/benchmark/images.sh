#!/usr/bin/env bash
# Makes (or finds in the cache) the benchmark images, each in three encodings:
#   NAME.docker.tar     docker-archive, plain (uncompressed) layers
#   NAME.oci-gzip/      OCI layout, gzip layers
#   NAME.oci-zstd/      OCI layout, zstd layers
# Images:
#   tiny        one layer, a handful of files: process start-up and fixed costs.
#   big         the Debian minbase layer plus a layer of one big file (BIG_GIB GiB of zeros) and 20,000 small files:
#               peak memory must not grow with the image.
#   debian-app  tests/benchmark/debian-app/Dockerfile on the integration fixtures' minbase root filesystem, built by
#               a private dockerd: a few hundred Debian packages, Python, Node.js and Java, an npm application.
#
# Usage: images.sh CACHE_DIR BIG_GIB     (prints nothing on stdout; progress on stderr)
# Needs: docker.io (dockerd), mmdebstrap (through the fixtures' base-rootfs.sh, cached), skopeo, npm, GNU tar.
set -euo pipefail

readonly here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly repo=$(cd "$here/../.." && pwd)
readonly cache=$1
readonly big_gib=$2
dockerd_pid=""
state=""

log() { printf '[benchmark/images] %s\n' "$*" >&2; }

alive() { kill -0 "$1" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------------------------
# docker-archive writing for generated layers: manifest.json, the config and one LAYER/layer.tar per layer.

# write_docker_archive OUT.tar TAG LAYER.tar...
write_docker_archive() {
    local out=$1 tag=$2
    shift 2
    local dir diff_ids=() layers=() history=() layer sum config config_sum
    dir=$(mktemp -d "$cache/.archive.XXXXXX")
    for layer in "$@"; do
        sum=$(sha256sum "$layer" | cut -d' ' -f1)
        mkdir -p "$dir/$sum"
        ln "$layer" "$dir/$sum/layer.tar" 2>/dev/null || cp "$layer" "$dir/$sum/layer.tar"
        diff_ids+=("\"sha256:$sum\"")
        layers+=("\"$sum/layer.tar\"")
        history+=("{\"created\":\"2025-01-01T00:00:00Z\",\"created_by\":\"COPY $(basename "$layer") /\"}")
    done
    config=$(printf '{"architecture":"amd64","os":"linux","created":"2025-01-01T00:00:00Z","config":{"User":"1001","Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":[%s]},"history":[%s]}' \
        "$(IFS=,; echo "${diff_ids[*]}")" "$(IFS=,; echo "${history[*]}")")
    config_sum=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
    printf '%s' "$config" >"$dir/$config_sum.json"
    printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":[%s]}]' "$config_sum" "$tag" "$(IFS=,; echo "${layers[*]}")" \
        >"$dir/manifest.json"
    tar -C "$dir" -cf "$out.tmp" .
    mv "$out.tmp" "$out"
    rm -rf "$dir"
}

# Writes NAME.oci-gzip and NAME.oci-zstd next to NAME.docker.tar.
encode_oci() {
    local name=$1 format
    for format in gzip zstd; do
        [[ -d $cache/$name.oci-$format ]] && continue
        log "skopeo: $name.docker.tar -> $name.oci-$format"
        rm -rf "$cache/$name.oci-$format.tmp"
        skopeo copy --quiet --dest-compress --dest-compress-format "$format" \
            "docker-archive:$cache/$name.docker.tar" "oci:$cache/$name.oci-$format.tmp:latest" >&2
        mv "$cache/$name.oci-$format.tmp" "$cache/$name.oci-$format"
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Generated images

make_tiny() {
    [[ -s $cache/tiny.docker.tar ]] && return 0
    log "generating tiny"
    local root
    root=$(mktemp -d "$cache/.tiny.XXXXXX")
    mkdir -p "$root/etc" "$root/bin" "$root/app"
    printf 'ID=alpine\nVERSION_ID=3.20.0\nNAME="Alpine Linux"\n' >"$root/etc/os-release"
    printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1001:1001::/app:/bin/sh\n' >"$root/etc/passwd"
    printf 'root:x:0:\napp:x:1001:\n' >"$root/etc/group"
    printf '#!/bin/sh\necho hello\n' >"$root/app/run.sh"
    chmod 755 "$root/app/run.sh"
    tar -C "$root" --owner=0 --group=0 --numeric-owner -cf "$cache/.tiny-layer.tar" .
    write_docker_archive "$cache/tiny.docker.tar" rampart-bench/tiny:latest "$cache/.tiny-layer.tar"
    rm -rf "$root" "$cache/.tiny-layer.tar"
}

make_big() {
    local base=$1 name=big-${big_gib}g
    if [[ ! -s $cache/$name.docker.tar ]]; then
        log "generating $name: minbase + one ${big_gib} GiB file + 20,000 small files"
        local root i
        root=$(mktemp -d "$cache/.big.XXXXXX")
        mkdir -p "$root/data" "$root/srv/small"
        truncate -s "${big_gib}G" "$root/data/blob.bin"
        for i in $(seq 0 99); do
            mkdir -p "$root/srv/small/d$i"
        done
        # 20,000 files of 1-4 KiB of text, spread over 100 directories.
        for i in $(seq 0 19999); do
            printf 'file %d\n%*s\n' "$i" $((1024 + (i * 37) % 3072)) x >"$root/srv/small/d$((i % 100))/f$i.txt"
        done
        # GNU tar reads the sparse file's holes as zeros (no --sparse): the layer really holds BIG_GIB GiB.
        tar -C "$root" --owner=0 --group=0 --numeric-owner -cf "$cache/.big-layer.tar" .
        rm -rf "$root"
        write_docker_archive "$cache/$name.docker.tar" "rampart-bench/$name:latest" "$base" "$cache/.big-layer.tar"
        rm -f "$cache/.big-layer.tar"
    fi
    encode_oci "$name"
}

# ---------------------------------------------------------------------------------------------------------------
# The Debian-based application image, built by a private dockerd.

dockerd_ready() { alive "$dockerd_pid" && [[ $(curl -sf --max-time 5 --unix-socket "$state/docker.sock" http://localhost/_ping) == OK ]]; }

start_dockerd() {
    state=$(mktemp -d /tmp/rampart-bench-dockerd.XXXXXX)
    mkdir -p "$state/data" "$state/exec"
    printf '{}\n' >"$state/daemon.json"
    log "starting a private dockerd in $state"
    dockerd --config-file "$state/daemon.json" --data-root "$state/data" --exec-root "$state/exec" \
        --pidfile "$state/dockerd.pid" --storage-driver vfs --iptables=false --ip6tables=false --bridge=none \
        -H "unix://$state/docker.sock" >"$state/dockerd.log" 2>&1 &
    dockerd_pid=$!
    local deadline=$((SECONDS + 120))
    until dockerd_ready; do
        if ((SECONDS > deadline)); then
            tail -n 15 "$state/dockerd.log" >&2
            return 1
        fi
        sleep 1
    done
}

stop_dockerd() {
    [[ -n $dockerd_pid ]] || return 0
    if alive "$dockerd_pid"; then
        kill -TERM "$dockerd_pid" 2>/dev/null || true
        wait "$dockerd_pid" 2>/dev/null || true
    fi
    local containerd_pid
    containerd_pid=$(cat "$state/exec/containerd/containerd.pid" 2>/dev/null || true)
    if [[ -n $containerd_pid ]] && alive "$containerd_pid"; then
        kill -TERM "$containerd_pid" 2>/dev/null || true
    fi
    awk -v root="$state" 'index($2, root) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do
        umount -l "$mount" || true
    done
    rm -rf "$state"
    dockerd_pid=""
}

make_debian_app() {
    local base=$1 name=debian-app
    if [[ ! -s $cache/$name.docker.tar ]]; then
        local context
        context=$(mktemp -d "$cache/.context.XXXXXX")
        cp "$here/debian-app/Dockerfile" "$context/"
        mkdir -p "$context/app"
        cp "$here/debian-app/package.json" "$context/app/"
        printf 'require("express")().listen(8080);\n' >"$context/app/index.js"
        log "npm install in the application's context"
        (cd "$context/app" && npm install --no-audit --no-fund --loglevel=error >&2)
        start_dockerd
        trap stop_dockerd EXIT
        local docker=(docker -H "unix://$state/docker.sock")
        log "docker import of the minbase root filesystem"
        "${docker[@]}" import "$base" rampart-bench/debian:bookworm-minbase >/dev/null
        log "docker build of $name (apt-get install from the Debian mirror)"
        DOCKER_BUILDKIT=0 "${docker[@]}" build --network host -q -t "rampart-bench/$name:latest" "$context" >&2
        "${docker[@]}" save -o "$cache/$name.docker.tar.tmp" "rampart-bench/$name:latest"
        mv "$cache/$name.docker.tar.tmp" "$cache/$name.docker.tar"
        stop_dockerd
        trap - EXIT
        rm -rf "$context"
    fi
    encode_oci "$name"
}

main() {
    mkdir -p "$cache"
    local base
    base=$(bash "$repo/tests/Rampart.IntegrationTests/fixtures/base-rootfs.sh")
    make_tiny
    encode_oci tiny
    make_debian_app "$base"
    make_big "$base"
}

main "$@"
