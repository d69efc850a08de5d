"""Writes the audit data cargo-auditable embeds (format 1, https://rustsec.org/schemas/cargo-auditable.json) from
`cargo metadata --format-version 1` on standard input for the package named by the first argument (the root: a
workspace has none of its own), as cargo-auditable's collect_audit_data does: packages sorted
by name, version and id; a package's kind is the strongest kind of the paths from the root (runtime beats build,
a dependency of a build dependency is a build dependency); dev-only packages left out; compact JSON."""
import json
import sys

metadata = json.load(sys.stdin)
resolve = metadata["resolve"]
root = next(p["id"] for p in metadata["packages"] if p["name"] == sys.argv[1])
nodes = {node["id"]: node for node in resolve["nodes"]}
strength = {"build": 1, "runtime": 2}


def edge_kind(dep):
    kinds = [k["kind"] for k in dep["dep_kinds"]]
    if None in kinds:  # a normal dependency
        return "runtime"
    return "build" if "build" in kinds else None  # dev-only: left out


kind = {root: "runtime"}
queue = [root]
while queue:
    parent = queue.pop(0)
    for dep in nodes[parent]["deps"]:
        child = edge_kind(dep)
        if child is None:
            continue
        child = min(child, kind[parent], key=strength.get)
        if dep["pkg"] not in kind or strength[child] > strength[kind[dep["pkg"]]]:
            kind[dep["pkg"]] = child
            queue.append(dep["pkg"])

packages = sorted((p for p in metadata["packages"] if p["id"] in kind), key=lambda p: (p["name"], p["version"], p["id"]))
index = {p["id"]: i for i, p in enumerate(packages)}
out = []
for p in packages:
    source = p["source"]
    entry = {"name": p["name"], "version": p["version"],
             "source": "local" if source is None else ("crates.io" if "crates.io-index" in source else source.split("+")[0])}
    if kind[p["id"]] != "runtime":
        entry["kind"] = kind[p["id"]]
    dependencies = sorted(index[d["pkg"]] for d in nodes[p["id"]]["deps"] if d["pkg"] in index and edge_kind(d) is not None)
    if dependencies:
        entry["dependencies"] = dependencies
    if p["id"] == root:
        entry["root"] = True
    out.append(entry)
json.dump({"packages": out, "format": 1}, sys.stdout, separators=(",", ":"))
