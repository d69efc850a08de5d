#!/usr/bin/env python3
"""Turns the raw measurements of tests/benchmark/run.sh into one Markdown table.

Input: a TSV with the columns image, encoding, what, run, wall_s, cpu_s, rss_kb, bytes (one row per timed run).
`what` is rampart, rampart-jit, floor or trivy. Output (stdout): the Markdown table, medians with min-max.
"""
import csv
import statistics
import sys
from collections import defaultdict


def spread(values, fmt):
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}-{fmt(max(values))})"


def seconds(v):
    return f"{v:.3f}" if v < 10 else f"{v:.1f}"


def mib(kb):
    return f"{kb / 1024:.0f}"


def main(path):
    rows = defaultdict(list)
    sizes = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            key = (row["image"], row["encoding"], row["what"])
            rows[key].append((float(row["wall_s"]), float(row["cpu_s"]), float(row["rss_kb"])))
            sizes[(row["image"], row["encoding"])] = int(row["bytes"])

    print("| image | encoding | stored MB | what | runs | wall s median (min-max) | user+sys s median (min-max) "
          "| peak RSS MiB median (min-max) | wall / floor | CPU / floor |")
    print("|---|---|---:|---|---:|---|---|---|---:|---:|")
    order = {"rampart": 0, "rampart-jit": 1, "floor": 2, "trivy": 3}
    for key in sorted(rows, key=lambda k: (k[0], k[1], order.get(k[2], 9))):
        image, encoding, what = key
        runs = rows[key]
        walls = [r[0] for r in runs]
        cpus = [r[1] for r in runs]
        rss = [r[2] for r in runs]
        floor = rows.get((image, encoding, "floor"))
        ratio_wall = ratio_cpu = ""
        if floor and what != "floor":
            ratio_wall = f"{statistics.median(walls) / max(statistics.median([r[0] for r in floor]), 1e-3):.2f}"
            ratio_cpu = f"{statistics.median(cpus) / max(statistics.median([r[1] for r in floor]), 1e-3):.2f}"
        size = sizes.get((image, encoding), 0)
        print(f"| {image} | {encoding} | {size / 1e6:.0f} | {what} | {len(runs)} | {spread(walls, seconds)} "
              f"| {spread(cpus, seconds)} | {spread(rss, mib)} | {ratio_wall} | {ratio_cpu} |")


if __name__ == "__main__":
    main(sys.argv[1])
