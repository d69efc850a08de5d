#!/usr/bin/env python3
"""Writes the apk installed-database fixtures (format: https://wiki.alpinelinux.org/wiki/Apk_spec).

The package names, versions, origins, licenses, maintainers, dependencies and file paths follow the packages of
Alpine 3.20 and Wolfi; the checksums (C:, Z:) are stand-ins of the right shape ("Q1" + base64 SHA-1), computed
from the names so that the files are reproducible.
"""
import base64
import hashlib


def q1(text):
    return "Q1" + base64.b64encode(hashlib.sha1(text.encode()).digest()).decode()


def package(p, v, a, size, installed, t, u, l, o, m, built, commit, deps=(), provides=(), replaces=(), files=()):
    lines = [f"C:{q1(p + v)}", f"P:{p}", f"V:{v}", f"A:{a}", f"S:{size}", f"I:{installed}", f"T:{t}", f"U:{u}",
             f"L:{l}", f"o:{o}", f"m:{m}", f"t:{built}", f"c:{commit}"]
    if deps:
        lines.append("D:" + " ".join(deps))
    if provides:
        lines.append("p:" + " ".join(provides))
    if replaces:
        lines.append("r:" + " ".join(replaces))
    for directory, names in files:
        lines.append(f"F:{directory}")
        if directory == "etc":
            lines.append("M:0:0:755")
        for name in names:
            lines.append(f"R:{name}")
            if name.endswith(".so.1") and p == "musl":
                lines.append("a:0:0:777")
            lines.append(f"Z:{q1(directory + '/' + name)}")
    return "\n".join(lines) + "\n"


alpine = [
    package("musl", "1.2.5-r0", "x86_64", 411323, 663552, "the musl c library (libc) implementation",
            "https://musl.libc.org/", "MIT", "musl", "Timo Teräs <timo.teras@iki.fi>", 1712585133,
            "7e1fb7bf60a09dd0df2dbaa1f2dbb98f77b0fa21", provides=["so:libc.musl-x86_64.so.1=1"],
            files=[("lib", ["ld-musl-x86_64.so.1", "libc.musl-x86_64.so.1"])]),
    package("busybox", "1.36.1-r29", "x86_64", 517389, 959488, "Size optimized toolbox of many common UNIX utilities",
            "https://busybox.net/", "GPL-2.0-only", "busybox", "Sören Tempel <soeren+alpine@soeren-tempel.net>",
            1716304497, "1747b01ff2ef5ac9a5155b5f6d12f0a1a2bdc1ab", deps=["so:libc.musl-x86_64.so.1"],
            provides=["/bin/sh", "cmd:busybox=1.36.1-r29", "cmd:sh=1.36.1-r29"],
            files=[("bin", ["busybox", "sh"]), ("etc", ["securetty"])]),
    package("ssl_client", "1.36.1-r29", "x86_64", 4663, 14336, "EXternal ssl_client for busybox wget",
            "https://busybox.net/", "GPL-2.0-only", "busybox", "Sören Tempel <soeren+alpine@soeren-tempel.net>",
            1716304497, "1747b01ff2ef5ac9a5155b5f6d12f0a1a2bdc1ab",
            deps=["so:libc.musl-x86_64.so.1", "so:libcrypto.so.3", "so:libssl.so.3"],
            provides=["cmd:ssl_client=1.36.1-r29"], files=[("usr/bin", ["ssl_client"])]),
    package("libcrypto3", "3.3.2-r0", "x86_64", 1818573, 4554752, "Crypto library from openssl",
            "https://www.openssl.org/", "Apache-2.0", "openssl", "Ariadne Conill <ariadne@dereferenced.org>",
            1725451946, "a2f7b7a5ed3bc6a6d2cd4e5f7ff8f1c8ac6d67f3", deps=["so:libc.musl-x86_64.so.1"],
            provides=["so:libcrypto.so.3=3"], files=[("usr/lib", ["libcrypto.so.3"])]),
    package("libssl3", "3.3.2-r0", "x86_64", 348123, 786432, "SSL shared libraries", "https://www.openssl.org/",
            "Apache-2.0", "openssl", "Ariadne Conill <ariadne@dereferenced.org>", 1725451946,
            "a2f7b7a5ed3bc6a6d2cd4e5f7ff8f1c8ac6d67f3",
            deps=["so:libc.musl-x86_64.so.1", "so:libcrypto.so.3", "!libressl"], provides=["so:libssl.so.3=3"],
            files=[("usr/lib", ["libssl.so.3"])]),
    package("scanelf", "1.3.7-r2", "x86_64", 37208, 77824, "Scan ELF binaries for stuff",
            "https://wiki.gentoo.org/wiki/Hardened/PaX_Utilities", "GPL-2.0-only", "pax-utils",
            "Natanael Copa <ncopa@alpinelinux.org>", 1697624785, "5b5ba88e1c4d0dc00bd3d1e9b1db84a6ad1ca4ff",
            deps=["/bin/sh", "so:libc.musl-x86_64.so.1"], provides=["cmd:scanelf=1.3.7-r2"], replaces=["pax-utils"],
            files=[("usr/bin", ["scanelf"])]),
    package("zlib", "1.3.1-r1", "x86_64", 53498, 110592, "A compression/decompression Library",
            "https://zlib.net/", "Zlib", "zlib", "Natanael Copa <ncopa@alpinelinux.org>", 1714024316,
            "8a9b1f6f2f5e6ebd9b58f2a0f1e6d5a1d2c6b3a4", deps=["so:libc.musl-x86_64.so.1>=1"],
            provides=["so:libz.so.1=1.3.1"], files=[("lib", ["libz.so.1", "libz.so.1.3.1"])]),
]

wolfi = [
    package("ca-certificates-bundle", "20240705-r0", "x86_64", 127263, 233472,
            "CA certificates bundle", "https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/",
            "MPL-2.0 AND MIT", "ca-certificates", "", 1720188436, "0b6fe4b4c6b2e0e4d84a2ad3bcb2a2b1b0b5f4c3",
            files=[("etc/ssl/certs", ["ca-certificates.crt"])]),
    package("glibc", "2.40-r1", "x86_64", 2254421, 6348800, "the GNU C library", "https://www.gnu.org/software/libc",
            "LGPL-2.1-or-later", "glibc", "", 1722458400, "2c6b5f4d3e2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c",
            deps=["wolfi-baselayout"], provides=["so:libc.so.6=6", "so:ld-linux-x86-64.so.2=2"],
            files=[("usr/lib", ["libc.so.6", "ld-linux-x86-64.so.2"])]),
    package("wolfi-baselayout", "20230201-r15", "x86_64", 4710, 16384, "baselayout data for Wolfi",
            "https://wolfi.dev", "MIT", "wolfi-baselayout", "", 1722390000,
            "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", files=[("etc", ["os-release"])]),
]

open("alpine-3.20/lib/apk/db/installed", "w").write("\n".join(alpine) + "\n")
open("wolfi/usr/lib/apk/db/installed", "w").write("\n".join(wolfi) + "\n")
