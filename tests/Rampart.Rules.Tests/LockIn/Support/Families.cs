namespace Rampart.Rules.Tests.LockIn.Support;

/// <summary>
/// One image per family, carrying the signals reference/lockin-signals.md §2 cites for it: os-release values from
/// the vendors' build definitions or scanner fixtures, package database locations, repository hosts, labels,
/// sentinel files and default users. Values the reference marks unverified are left out rather than guessed.
/// </summary>
internal static class Families
{
    private const string DebianMaintainer = "GNU Libc Maintainers <debian-glibc@lists.debian.org>";

    /// <summary>The fixture named <paramref name="name"/>, for theories that take fixture names as data.</summary>
    public static TestImage ByName(string name) =>
        (TestImage)(typeof(Families).GetMethod(name)?.Invoke(null, null) ?? throw new ArgumentException($"No family fixture '{name}'.", nameof(name)));

    public static TestImage Debian() =>
        new TestImage("debian:12")
            .OsRelease("""
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                NAME="Debian GNU/Linux"
                VERSION_ID="12"
                VERSION="12 (bookworm)"
                VERSION_CODENAME=bookworm
                ID=debian
                HOME_URL="https://www.debian.org/"
                """)
            .File("/etc/debian_version", "12.7\n")
            .File("/etc/apt/sources.list.d/debian.sources", """
                Types: deb
                URIs: http://deb.debian.org/debian
                Suites: bookworm bookworm-updates
                Components: main

                Types: deb
                URIs: http://deb.debian.org/debian-security
                Suites: bookworm-security
                Components: main
                """)
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .File("/var/lib/dpkg/status", "Package: libc6\n")
            .Symlink("/bin", "usr/bin")
            .Symlink("/lib", "usr/lib")
            .Glibc()
            .Program("/usr/bin/bash")
            .Program("/usr/bin/dash")
            .Symlink("/usr/bin/sh", "dash")
            .Program("/usr/bin/apt-get")
            .Program("/usr/bin/dpkg")
            .Package("deb", "libc6", "2.36-9+deb12u7", DebianMaintainer, "glibc", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2")
            .Package("deb", "bash", "5.2.15-2+b7", "Matthias Klose <doko@debian.org>", "bash", "/bin/bash")
            .Package("deb", "dash", "0.5.12-2", "Andrej Shadura <andrewsh@debian.org>", "dash", "/bin/dash")
            .Package("deb", "apt", "2.6.1", "APT Development Team <deity@lists.debian.org>", "apt", "/usr/bin/apt-get")
            .Package("deb", "dpkg", "1.21.22", "Dpkg Developers <debian-dpkg@lists.debian.org>", "dpkg", "/usr/bin/dpkg")
            .History("/bin/sh -c #(nop) ADD file:6f2e3b0c1d9e in / ")
            .History("/bin/sh -c #(nop)  CMD [\"bash\"]");

    public static TestImage Ubuntu() =>
        new TestImage("ubuntu:24.04")
            .OsRelease("""
                PRETTY_NAME="Ubuntu 24.04.1 LTS"
                NAME="Ubuntu"
                VERSION_ID="24.04"
                VERSION_CODENAME=noble
                ID=ubuntu
                ID_LIKE=debian
                HOME_URL="https://www.ubuntu.com/"
                """)
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .File("/etc/debian_version", "trixie/sid\n")
            .File("/etc/apt/sources.list.d/ubuntu.sources", "Types: deb\nURIs: http://archive.ubuntu.com/ubuntu/\nSuites: noble noble-updates\nComponents: main\n")
            .File("/var/lib/dpkg/status", "Package: libc6\n")
            .Symlink("/bin", "usr/bin")
            .Symlink("/lib", "usr/lib")
            .Glibc()
            .Program("/usr/bin/bash")
            .Program("/usr/bin/apt-get")
            .Package("deb", "libc6", "2.39-0ubuntu8.3", "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>", "glibc", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2")
            .Package("deb", "bash", "5.2.21-2ubuntu4", "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>", "bash", "/bin/bash")
            .Package("deb", "apt", "2.7.14build2", "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>", "apt", "/usr/bin/apt-get");

    /// <summary>.NET's noble-chiseled runtime-deps: chisel manifest plus a synthesized dpkg status, user 1654.</summary>
    public static TestImage UbuntuChiseled() =>
        new TestImage("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled")
            .OsRelease("""
                PRETTY_NAME="Ubuntu 24.04.1 LTS"
                NAME="Ubuntu"
                VERSION_ID="24.04"
                ID=ubuntu
                ID_LIKE=debian
                HOME_URL="https://www.ubuntu.com/"
                """)
            .File("/var/lib/chisel/manifest.wall", "(zstd)")
            .File("/var/lib/dpkg/status", "Package: libc6\n")
            .File("/etc/passwd", "root:x:0:0:root:/root:/noshell\napp:x:1654:1654::/home/app:/noshell\n")
            .Symlink("/lib", "usr/lib")
            .Glibc()
            .Package("deb", "libc6", "2.39-0ubuntu8.3", null, "glibc", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2")
            .Package("deb", "libssl3t64", "3.0.13-0ubuntu3.4", null, "openssl")
            .Env("APP_UID=1654")
            .User("1654");

    public static TestImage Alpine() =>
        new TestImage("alpine:3.20")
            .OsRelease("""
                NAME="Alpine Linux"
                ID=alpine
                VERSION_ID=3.20.3
                PRETTY_NAME="Alpine Linux v3.20"
                HOME_URL="https://alpinelinux.org/"
                """)
            .File("/etc/alpine-release", "3.20.3\n")
            .File("/etc/apk/repositories", "https://dl-cdn.alpinelinux.org/alpine/v3.20/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.20/community\n")
            .File("/lib/apk/db/installed", "P:musl\n")
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
            .Musl()
            .Program("/bin/busybox")
            .Symlink("/bin/sh", "/bin/busybox")
            .Program("/sbin/apk")
            .Package("apk", "musl", "1.2.5-r0", "Timo Teräs <timo.teras@iki.fi>", "musl", "/lib/ld-musl-x86_64.so.1")
            .Package("apk", "busybox", "1.36.1-r29", "Sören Tempel <soeren+alpine@soeren-tempel.net>", "busybox", "/bin/busybox")
            .Package("apk", "apk-tools", "2.14.4-r1", "Natanael Copa <ncopa@alpinelinux.org>", "apk-tools", "/sbin/apk")
            .Package("apk", "alpine-baselayout", "3.6.5-r0", "Natanael Copa <ncopa@alpinelinux.org>", "alpine-baselayout");

    public static TestImage Ubi() =>
        new TestImage("registry.access.redhat.com/ubi9/ubi-minimal:9.4")
            .OsRelease("""
                NAME="Red Hat Enterprise Linux"
                VERSION="9.4 (Plow)"
                ID="rhel"
                ID_LIKE="fedora"
                VERSION_ID="9.4"
                PLATFORM_ID="platform:el9"
                PRETTY_NAME="Red Hat Enterprise Linux 9.4 (Plow)"
                HOME_URL="https://www.redhat.com/"
                """)
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .File("/var/lib/rpm/rpmdb.sqlite", "SQLite format 3")
            .File("/etc/yum.repos.d/ubi.repo", """
                [ubi-9-baseos-rpms]
                name = Red Hat Universal Base Image 9 (RPMs) - BaseOS
                baseurl = https://cdn-ubi.redhat.com/content/public/ubi/dist/ubi9/9/$basearch/baseos/os
                enabled = 1

                [ubi-9-baseos-source]
                baseurl = https://cdn-ubi.redhat.com/content/public/ubi/dist/ubi9/9/$basearch/baseos/source/SRPMS
                enabled = 0
                """)
            .File("/root/buildinfo/content_manifests/ubi9-minimal-container-9.4.json", "{}")
            .Symlink("/lib64", "usr/lib64")
            .Program("/usr/lib64/ld-linux-x86-64.so.2")
            .Program("/usr/lib64/libc.so.6")
            .Program("/usr/bin/bash")
            .Program("/usr/bin/microdnf")
            .Package("rpm", "glibc", "2.34-100.el9_4.2", "Red Hat, Inc.", "glibc", "/usr/lib64/libc.so.6", "/usr/lib64/ld-linux-x86-64.so.2")
            .Package("rpm", "bash", "5.1.8-9.el9", "Red Hat, Inc.", "bash", "/usr/bin/bash")
            .Package("rpm", "microdnf", "3.9.1-3.el9", "Red Hat, Inc.", "microdnf", "/usr/bin/microdnf")
            .Label("com.redhat.component", "ubi9-minimal-container")
            .Label("vendor", "Red Hat, Inc.")
            .Label("org.opencontainers.image.revision", "6b6ed9d3d3e3b2a3c7e5d4f1a0b9c8d7e6f5a4b3")
            .Label("org.opencontainers.image.created", "2024-08-01T10:00:00Z");

    public static TestImage Fedora() =>
        new TestImage("fedora:40")
            .OsRelease("""
                NAME="Fedora Linux"
                VERSION="40 (Container Image)"
                ID=fedora
                VERSION_ID=40
                PRETTY_NAME="Fedora Linux 40 (Container Image)"
                HOME_URL="https://fedoraproject.org/"
                """)
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .File("/usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite format 3")
            .File("/etc/yum.repos.d/fedora.repo", "[fedora]\nmetalink=https://mirrors.fedoraproject.org/metalink?repo=fedora-$releasever&arch=$basearch\nenabled=1\n")
            .Symlink("/lib64", "usr/lib64")
            .Program("/usr/lib64/ld-linux-x86-64.so.2")
            .Program("/usr/lib64/libc.so.6")
            .Program("/usr/bin/bash")
            .Program("/usr/bin/dnf")
            .Package("rpm", "glibc", "2.39-22.fc40", "Fedora Project", "glibc", "/usr/lib64/libc.so.6", "/usr/lib64/ld-linux-x86-64.so.2")
            .Package("rpm", "bash", "5.2.26-3.fc40", "Fedora Project", "bash", "/usr/bin/bash")
            .Package("rpm", "dnf", "4.21.1-1.fc40", "Fedora Project", "dnf", "/usr/bin/dnf");

    public static TestImage AmazonLinux() =>
        new TestImage("amazonlinux:2023")
            .OsRelease("""
                NAME="Amazon Linux"
                VERSION="2023"
                ID="amzn"
                ID_LIKE="fedora"
                VERSION_ID="2023"
                PLATFORM_ID="platform:al2023"
                PRETTY_NAME="Amazon Linux 2023.5.20240805"
                HOME_URL="https://aws.amazon.com/linux/amazon-linux-2023/"
                VENDOR_NAME="AWS"
                """)
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .File("/var/lib/rpm/rpmdb.sqlite", "SQLite format 3")
            .File("/etc/yum.repos.d/amazonlinux.repo", "[amazonlinux]\nmirrorlist=https://cdn.amazonlinux.com/al2023/core/mirrors/$releasever/$basearch/mirror.list\nenabled=1\n")
            .Symlink("/lib64", "usr/lib64")
            .Program("/usr/lib64/ld-linux-x86-64.so.2")
            .Program("/usr/lib64/libc.so.6")
            .Program("/usr/bin/bash")
            .Program("/usr/bin/dnf")
            .Package("rpm", "glibc", "2.34-52.amzn2023.0.11", "Amazon Linux", "glibc", "/usr/lib64/libc.so.6", "/usr/lib64/ld-linux-x86-64.so.2")
            .Package("rpm", "bash", "5.2.15-1.amzn2023.0.2", "Amazon Linux", "bash", "/usr/bin/bash")
            .Package("rpm", "dnf", "4.14.0-1.amzn2023.0.5", "Amazon Linux", "dnf", "/usr/bin/dnf");

    /// <summary>Azure Linux 3.0 distroless as .NET builds it: rpm database deleted, container-manifest-2 left.</summary>
    public static TestImage AzureLinuxDistroless() =>
        new TestImage("mcr.microsoft.com/dotnet/runtime-deps:10.0-azurelinux3.0-distroless")
            .OsRelease("""
                NAME="Microsoft Azure Linux"
                VERSION="3.0.20240727"
                ID=azurelinux
                VERSION_ID="3.0"
                PRETTY_NAME="Microsoft Azure Linux 3.0"
                HOME_URL="https://aka.ms/azurelinux"
                """)
            .File("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n")
            .File("/var/lib/rpmmanifest/container-manifest-2", "glibc\t2.38-6.azl3\t1722000000\t1721000000\tMicrosoft Corporation\t(none)\t0\tx86_64\t0\tglibc-2.38-6.azl3.src.rpm\n")
            .Symlink("/lib64", "usr/lib64")
            .Program("/usr/lib64/ld-linux-x86-64.so.2")
            .Program("/usr/lib64/libc.so.6")
            .Package("rpm", "glibc", "2.38-6.azl3", "Microsoft Corporation", "glibc");

    public static TestImage Photon() =>
        new TestImage("photon:5.0")
            .OsRelease("""
                NAME="VMware Photon OS"
                VERSION="5.0"
                ID=photon
                VERSION_ID=5.0
                PRETTY_NAME="VMware Photon OS/Linux"
                HOME_URL="https://vmware.github.io/photon/"
                """)
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .File("/var/lib/rpm/rpmdb.sqlite", "SQLite format 3")
            .File("/etc/yum.repos.d/photon.repo", "[photon]\nbaseurl=https://packages.broadcom.com/photon/$releasever/photon_release_$releasever_$basearch\nenabled=1\n")
            .Symlink("/lib64", "usr/lib64")
            .Program("/usr/lib64/ld-linux-x86-64.so.2")
            .Program("/usr/lib64/libc.so.6")
            .Program("/usr/bin/bash")
            .Program("/usr/bin/tdnf")
            .Package("rpm", "glibc", "2.36-10.ph5", "VMware, Inc.", "glibc", "/usr/lib64/libc.so.6", "/usr/lib64/ld-linux-x86-64.so.2")
            .Package("rpm", "bash", "5.2.15-2.ph5", "VMware, Inc.", "bash", "/usr/bin/bash")
            .Package("rpm", "tdnf", "3.5.6-4.ph5", "VMware, Inc.", "tdnf", "/usr/bin/tdnf");

    /// <summary>A free Chainguard image: Wolfi os-release, apk database, the public apk.cgr.dev/chainguard repository, apko history.</summary>
    public static TestImage Wolfi() =>
        WolfiLayout(new TestImage("cgr.dev/chainguard/glibc-dynamic:latest"))
            .OsRelease("""
                ID=wolfi
                NAME="Wolfi"
                PRETTY_NAME="Wolfi"
                VERSION_ID=20230201
                HOME_URL="https://wolfi.dev"
                """)
            .File("/etc/apk/repositories", "https://apk.cgr.dev/chainguard\n");

    /// <summary>An entitled Chainguard image: <c>ID=chainguard</c> and the organisation's private APK repository.</summary>
    public static TestImage ChainguardProduction() =>
        WolfiLayout(new TestImage("cgr.dev/example.com/glibc-dynamic:latest"))
            .OsRelease("ID=chainguard\nVERSION_ID=20230214\n")
            .File("/etc/apk/repositories", "https://apk.cgr.dev/45a0c61ea6fd977f050c5fb9ac06a69eed764595\n");

    public static TestImage DockerHardenedDebian() =>
        new TestImage("dhi.io/python:3.13")
            .OsRelease("""
                NAME="Docker Hardened Images (Debian)"
                ID=debian
                VERSION_ID="13"
                VERSION_CODENAME=trixie
                PRETTY_NAME="Docker Hardened Images/Debian GNU/Linux 13 (trixie)"
                HOME_URL="https://docker.com/products/hardened-images/"
                BUG_REPORT_URL="https://docker.com/support/"
                """)
            .File("/var/lib/dpkg/status", "Package: libc6\n")
            .File("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
            .Symlink("/lib", "usr/lib")
            .Glibc()
            .Program("/usr/bin/python3.13")
            .Package("deb", "libc6", "2.41-12", null, "glibc", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2")
            .Package("deb", "python-3.13", "3.13.14-3", null, null, "/usr/bin/python3.13")
            .Package("deb", "libpython-3.13-stdlib", "3.13.14-3", null, null)
            .Package("deb", "python3-pip", "26.2-0", null, null)
            .Package("deb", "ca-certificates", "20250419", null, null)
            .Package("deb", "tzdata", "2025b-4", null, null)
            .Label("com.docker.dhi.name", "dhi/python")
            .Label("com.docker.dhi.version", "3.13.14-debian13")
            .Label("com.docker.dhi.distro", "debian-13")
            .Label("com.docker.dhi.shell", string.Empty)
            .Label("com.docker.dhi.package-manager", string.Empty)
            .Env("SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt")
            .User("65532");

    /// <summary>gcr.io/distroless/base-debian12:nonroot: rebranded os-release, status.d, no shell, Bazel-built.</summary>
    public static TestImage Distroless() =>
        new TestImage("gcr.io/distroless/base-debian12:nonroot")
            .OsRelease("""
                PRETTY_NAME="Distroless"
                NAME="Debian GNU/Linux"
                ID="debian"
                VERSION_ID="12"
                VERSION="Debian GNU/Linux 12 (bookworm)"
                HOME_URL="https://github.com/GoogleContainerTools/distroless"
                """)
            .File("/var/lib/dpkg/status.d/libc6", "Package: libc6\n")
            .File("/var/lib/dpkg/status.d/libc6.md5sums", "0  lib/x86_64-linux-gnu/libc.so.6\n")
            .File("/var/lib/dpkg/status.d/base-files", "Package: base-files\n")
            .File("/var/lib/dpkg/status.d/netbase", "Package: netbase\n")
            .File("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n")
            .Symlink("/lib", "usr/lib")
            .Glibc()
            .Package("deb", "libc6", "2.36-9+deb12u7", DebianMaintainer, "glibc", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2")
            .Package("deb", "base-files", "12.4+deb12u7", "Santiago Vila <sanvila@debian.org>", "base-files")
            .Package("deb", "netbase", "6.4", "Marco d'Itri <md@linux.it>", "netbase")
            .User("65532")
            .History("bazel build ...");

    /// <summary>bitnami/redis: minideb with Bitnami's SPDX, scripts, labels and user 1001.</summary>
    public static TestImage Bitnami() =>
        new TestImage("docker.io/bitnami/redis:7.4")
            .OsRelease("""
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                NAME="Debian GNU/Linux"
                VERSION_ID="12"
                ID=debian
                HOME_URL="https://www.debian.org/"
                """)
            .File("/var/lib/dpkg/status", "Package: libc6\n")
            .File("/opt/bitnami/redis/.spdx-redis.spdx", "{}")
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .Symlink("/bin", "usr/bin")
            .Symlink("/lib", "usr/lib")
            .Glibc()
            .Program("/usr/bin/bash")
            .Program("/usr/bin/apt-get")
            .Program("/opt/bitnami/redis/bin/redis-server")
            .Program("/opt/bitnami/scripts/redis/entrypoint.sh")
            .Package("deb", "libc6", "2.36-9+deb12u7", DebianMaintainer, "glibc", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2")
            .Package("deb", "bash", "5.2.15-2+b7", "Matthias Klose <doko@debian.org>", "bash", "/bin/bash")
            .Package("deb", "apt", "2.6.1", "APT Development Team <deity@lists.debian.org>", "apt", "/usr/bin/apt-get")
            .Package("bitnami", "redis", "7.4.2-4", "Broadcom, Inc.", null, "/opt/bitnami/redis/bin/redis-server")
            .Label("org.opencontainers.image.vendor", "Broadcom, Inc.")
            .Label("org.opencontainers.image.base.name", "docker.io/bitnami/minideb:bookworm")
            .Label("org.opencontainers.image.source", "https://github.com/bitnami/containers/tree/main/bitnami/redis")
            .Label("org.opencontainers.image.version", "7.4.2")
            .Label("com.vmware.cp.artifact.flavor", "sha256:c50c90cfd9d12b445b011e6ad529f1ad3daea45c26d20b00732fae3cd71f6a83")
            .Env("OS_FLAVOUR=debian-12")
            .Env("BITNAMI_APP_NAME=redis")
            .Entrypoint("/opt/bitnami/scripts/redis/entrypoint.sh")
            .User("1001");

    /// <summary>A MinimOS image: vendor id and the usr-merged apk database (google/security-testbeds minimos).</summary>
    public static TestImage Minimus() =>
        new TestImage("reg.mini.dev/nginx:latest")
            .OsRelease("""
                ID=minimos
                NAME="MinimOS"
                PRETTY_NAME="MinimOS"
                VERSION_ID="20241031"
                HOME_URL="https://minimus.io"
                """)
            .File("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n")
            .File("/usr/lib/apk/db/installed", "P:nginx\n")
            .Program("/usr/sbin/nginx")
            .Package("apk", "nginx", "1.27.2-r0", null, "nginx", "/usr/sbin/nginx");

    /// <summary>A RapidFort curated Ubuntu image: sentinel file and RapidFort-rebuilt versions.</summary>
    public static TestImage RapidFort() =>
        Ubuntu()
            .File("/usr/share/rapidfort/curated.json", "{}")
            .Package("deb", "openssl", "3.0.13-0ubuntu3.4+rf1", null, "openssl");

    /// <summary>An Echo image: the vendor id on a dpkg database.</summary>
    public static TestImage Echo() =>
        new TestImage("echohq/python:3.13")
            .OsRelease("ID=echo\n")
            .File("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n")
            .File("/var/lib/dpkg/status", "Package: libc6\n")
            .Symlink("/lib", "usr/lib")
            .Glibc()
            .Package("deb", "libc6", "2.41-12", null, "glibc", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2");

    /// <summary>An Iron Bank image on UBI 9, with the labels its hardening manifest sets.</summary>
    public static TestImage IronBank() =>
        Ubi()
            .Label("mil.dso.ironbank.image.type", "opensource")
            .Label("mil.dso.ironbank.product.name", "nginx");

    /// <summary>A scratch image holding one static Go binary.</summary>
    public static TestImage Static() =>
        new TestImage("example.com/app:1.0")
            .Program("/app/server")
            .User("65532")
            .History("COPY /out/server /app/server # buildkit", "buildkit.dockerfile.v0");

    private static TestImage WolfiLayout(TestImage image) =>
        image
            .File("/lib/apk/db/installed", "P:glibc\n")
            .File("/etc/passwd", "root:x:0:0:root:/root:/bin/ash\nnonroot:x:65532:65532:nonroot:/home/nonroot:/bin/false\n")
            .Program("/usr/lib/ld-linux-x86-64.so.2")
            .Program("/usr/lib/libc.so.6")
            .Symlink("/lib64", "usr/lib")
            .Package("apk", "glibc", "2.41-r3", null, "glibc", "/usr/lib/libc.so.6")
            .Package("apk", "ld-linux", "2.41-r3", null, "glibc", "/usr/lib/ld-linux-x86-64.so.2")
            .Package("apk", "ca-certificates-bundle", "20241121-r1", null, "ca-certificates")
            .Package("apk", "wolfi-baselayout", "20230201-r16", null, "wolfi-baselayout")
            .Package("apk", "libgcc", "14.2.0-r5", null, "gcc")
            .Label("org.opencontainers.image.vendor", "Chainguard")
            .Label("org.opencontainers.image.source", "https://github.com/chainguard-images/images/tree/main/images/glibc-dynamic")
            .Label("org.opencontainers.image.created", "2025-05-20T00:00:00Z")
            .User("65532")
            .History("apko", "This is an apko single-layer image");
}
