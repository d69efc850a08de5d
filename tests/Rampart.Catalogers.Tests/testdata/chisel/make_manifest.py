#!/usr/bin/env python3
"""Writes ubuntu-noble/var/lib/chisel/manifest.wall, compressed with the zstd command line tool.

Format: Chisel's jsonwall manifest (https://github.com/canonical/chisel, public/manifest/manifest.go and
public/jsonwall/jsonwall.go): a header line {"jsonwall":"1.0","schema":"1.0","count":N} and then one JSON object per
line, sorted, with kind "content", "package", "path" or "slice". Packages and slices are those of a .NET
runtime-deps chiselled Ubuntu 24.04 image; hashes are stand-ins of the right shape.
"""
import hashlib
import json
import subprocess

packages = [
    ("base-files", "13ubuntu10.1", "amd64"),
    ("ca-certificates", "20240203", "all"),
    ("libc6", "2.39-0ubuntu8.3", "amd64"),
    ("libssl3t64", "3.0.13-0ubuntu3.4", "amd64"),
    ("zlib1g", "1:1.3.dfsg-3.1ubuntu2.1", "amd64"),
]
slices = {
    "base-files_base": ["/etc/", "/usr/lib/", "/lib"],
    "ca-certificates_data": ["/etc/ssl/certs/ca-certificates.crt"],
    "libc6_libs": ["/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib64/ld-linux-x86-64.so.2"],
    "libssl3t64_libs": ["/usr/lib/x86_64-linux-gnu/libssl.so.3", "/usr/lib/x86_64-linux-gnu/libcrypto.so.3"],
    "zlib1g_libs": ["/usr/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1.3"],
    "zlib1g_copyright": ["/usr/share/doc/zlib1g/copyright"],
}


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


records = []
for name, version, arch in packages:
    records.append({"kind": "package", "name": name, "version": version, "sha256": sha(name + version), "arch": arch})
paths = {}
for slice_name, slice_paths in slices.items():
    records.append({"kind": "slice", "name": slice_name})
    for path in slice_paths:
        records.append({"kind": "content", "slice": slice_name, "path": path})
        paths.setdefault(path, []).append(slice_name)
records.append({"kind": "content", "slice": "base-files_chisel", "path": "/var/lib/chisel/manifest.wall"})
records.append({"kind": "slice", "name": "base-files_chisel"})
for path, owners in paths.items():
    if path.endswith("/"):
        records.append({"kind": "path", "path": path, "mode": "0755", "slices": owners})
    elif path == "/lib":
        records.append({"kind": "path", "path": path, "mode": "0777", "slices": owners, "link": "usr/lib"})
    else:
        records.append({"kind": "path", "path": path, "mode": "0644", "slices": owners, "sha256": sha(path), "size": 1000})
records.append({"kind": "path", "path": "/var/lib/chisel/manifest.wall", "mode": "0644", "slices": ["base-files_chisel"]})

lines = sorted(json.dumps(r, separators=(",", ":")) for r in records)
header = json.dumps({"jsonwall": "1.0", "schema": "1.0", "count": len(lines)}, separators=(",", ":"))
plain = (header + "\n" + "\n".join(lines) + "\n").encode()
compressed = subprocess.run(["zstd", "-q", "-c", "-19"], input=plain, capture_output=True, check=True).stdout
open("ubuntu-noble/var/lib/chisel/manifest.wall", "wb").write(compressed)
