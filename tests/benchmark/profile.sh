#!/usr/bin/env bash
# Profiles one end-to-end scan with perf (CPU-clock sampling; this machine's VMs have no hardware counters) and the
# runtime's perf map, so managed frames have names: `bash tests/benchmark/profile.sh RAMPART IMAGE OUT_DIR`.
#   RAMPART  the published rampart executable (tests/benchmark/run.sh publishes one under its cache)
#   IMAGE    an image reference, e.g. oci-dir:/var/cache/rampart-bench/images-KEY/debian-app.oci-gzip
# Writes OUT_DIR/perf.data, OUT_DIR/top-self.txt (symbols by self time), OUT_DIR/top-dso.txt (by library) and the
# scan's --verbose log (OUT_DIR/scan.log: read time per image).
set -euo pipefail

readonly rampart=$1 image=$2 out=$3

command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
mkdir -p "$out"
# DOTNET_PerfMapEnabled=1 writes /tmp/perf-PID.map for JIT-compiled code; ReadyToRun code is named through it too
# (PerfMapShowOptimizationTiers tells which tier ran).
DOTNET_PerfMapEnabled=1 DOTNET_PerfMapShowOptimizationTiers=1 \
    perf record -e cpu-clock -F 2000 -g -o "$out/perf.data" -- \
    "$rampart" scan "$image" --output-dir "$out/reports" --fail-on none --verbose >"$out/scan.log" 2>&1
perf report -i "$out/perf.data" --no-children -g none --sort symbol --stdio 2>/dev/null | grep -v '^#' | grep '%' | head -n 60 >"$out/top-self.txt"
perf report -i "$out/perf.data" --no-children -g none --sort dso --stdio 2>/dev/null | grep -v '^#' | grep '%' | head -n 20 >"$out/top-dso.txt"
cat "$out/top-dso.txt" "$out/top-self.txt"
