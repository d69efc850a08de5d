using Rampart.Core.Images;
using Rampart.Core.Packages;
using Rampart.Core.Scanning;

namespace Rampart.Reporting.Tests.CycloneDx;

/// <summary>Image scans written in code, shaped like what the catalogers find in real images.</summary>
internal static class SampleScans
{
    public static readonly DateTimeOffset ScanTime = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static ImageScan ByName(string name) => name switch
    {
        "debian" => Debian(),
        "alpine" => Alpine(),
        "no-os" => NoOs(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such sample scan."),
    };

    /// <summary>
    /// A Debian 12 image from a private registry with a manifest digest: deb packages of the base layer and of the
    /// second, which rewrote dpkg's database, and one Python package.
    /// </summary>
    public static ImageScan Debian()
    {
        var image = new ImageDescriptor(
            "registry:registry.example.com/team/app:1.4",
            "sha256:" + new string('a', 64),
            "sha256:" + new string('b', 64),
            Platform.LinuxAmd64,
            new ImageConfig
            {
                User = "app",
                Labels = new Dictionary<string, string>
                {
                    ["org.opencontainers.image.source"] = "https://github.com/example/app",
                    ["maintainer"] = "team@example.com",
                },
            },
            [Layer(0, '1'), Layer(1, '2')],
            [
                new HistoryEntry("/bin/sh -c #(nop) ADD file:0123 in /", ScanTime.AddDays(-30), null, false, 0),
                new HistoryEntry("RUN apt-get install -y python3-requests", ScanTime.AddDays(-1), null, false, 1),
            ],
            ["registry.example.com/team/app:1.4"],
            ScanTime.AddDays(-1));
        var os = new OsRelease(
            "debian",
            "12",
            "Debian GNU/Linux",
            "Debian GNU/Linux 12 (bookworm)",
            [],
            "bookworm",
            new Dictionary<string, string> { ["ID"] = "debian", ["VERSION_ID"] = "12" });

        Package[] packages =
        [
            Deb("base-files", "12.4+deb12u5", "base-files", 0, ["GPL-2.0-or-later"], []),
            Deb("libc6", "2.36-9+deb12u4", "glibc", 0, ["LGPL-2.1-or-later", "GPL-2.0-only", "lgpl-2.1-or-later"], []),
            Deb("libssl3", "3.0.11-1~deb12u2", "openssl", 1, ["Apache-2.0"], ["libc6", "debconf"]) with
            {
                Supplier = "Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>",
                Description = "Secure Sockets Layer toolkit - shared libraries",
            },
            Deb("tzdata", "2024a-0+deb12u1", "tzdata", 0, ["public-domain"], []),
            Deb("zlib1g", "1:1.2.13.dfsg-1", "zlib", 0, ["Zlib"], ["libc6"]),
            new Package
            {
                Name = "requests",
                Version = "2.28.1",
                Type = "pypi",
                FoundBy = "python-installed",
                Purl = new PackageUrl("pypi", null, "requests", "2.28.1"),
                Licenses = ["Apache-2.0"],
                Locations = ["/usr/lib/python3/dist-packages/requests-2.28.1.dist-info/METADATA"],
                Layer = 1,
                IntroducedLayer = 1,
                DependsOn = ["urllib3"],
            },
        ];

        return new ImageScan(image, os, packages, ScanTime);

        static Package Deb(string name, string version, string source, int introducedLayer, IReadOnlyList<string> licenses, IReadOnlyList<string> dependsOn) => new()
        {
            Name = name,
            Version = version,
            Type = "deb",
            FoundBy = "dpkg",
            Purl = new PackageUrl(
                "deb",
                "debian",
                name,
                version,
                new Dictionary<string, string> { ["arch"] = "amd64", ["distro"] = "debian-12", ["upstream"] = source }),
            Licenses = licenses,
            Locations = ["/var/lib/dpkg/status"],
            Layer = 1,
            IntroducedLayer = introducedLayer,
            Architecture = "amd64",
            SourceName = source,
            Supplier = "Debian Maintainers <debian-devel@lists.debian.org>",
            DependsOn = dependsOn,
        };
    }

    /// <summary>An Alpine image known only by its Docker Hub tag, without a manifest digest, with one compound license.</summary>
    public static ImageScan Alpine()
    {
        var image = new ImageDescriptor(
            "docker:alpine:3.20",
            null,
            "sha256:" + new string('c', 64),
            new Platform("linux", "arm64", "v8"),
            new ImageConfig(),
            [Layer(0, '3')],
            [new HistoryEntry("ADD alpine-minirootfs-3.20.3-aarch64.tar.gz /", ScanTime.AddDays(-90), null, false, 0)],
            ["alpine:3.20"],
            ScanTime.AddDays(-90));
        var os = new OsRelease("alpine", "3.20.3", "Alpine Linux", "Alpine Linux v3.20", [], null, new Dictionary<string, string>());

        Package[] packages =
        [
            Apk("busybox", "1.36.1-r29", "busybox", ["GPL-2.0-only"], ["musl"]),
            Apk("ca-certificates-bundle", "20240705-r0", "ca-certificates", ["MPL-2.0 AND MIT"], []),
            Apk("musl", "1.2.5-r0", "musl", ["MIT"], []),
            Apk("ssl_client", "1.36.1-r29", "busybox", ["GPL-2.0-only"], ["musl", "so:libc.musl-aarch64.so.1"]),
        ];

        return new ImageScan(image, os, packages, ScanTime);

        static Package Apk(string name, string version, string origin, IReadOnlyList<string> licenses, IReadOnlyList<string> dependsOn) => new()
        {
            Name = name,
            Version = version,
            Type = "apk",
            FoundBy = "apk",
            Purl = new PackageUrl(
                "apk",
                "alpine",
                name,
                version,
                new Dictionary<string, string>
                {
                    ["arch"] = "aarch64",
                    ["distro"] = "alpine-3.20.3",
                    ["upstream"] = origin == name ? string.Empty : origin,
                }),
            Licenses = licenses,
            Locations = ["/lib/apk/db/installed"],
            Layer = 0,
            IntroducedLayer = 0,
            Architecture = "aarch64",
            SourceName = origin,
            Supplier = "Natanael Copa <ncopa@alpinelinux.org>",
            DependsOn = dependsOn,
        };
    }

    /// <summary>
    /// A distroless-like OCI directory with no distribution: scoped npm, Maven, a purl shared by two packages, mixed licenses
    /// and a package without a purl.
    /// </summary>
    public static ImageScan NoOs()
    {
        var image = new ImageDescriptor(
            "oci-dir:build/app",
            "sha256:" + new string('d', 64),
            "sha256:" + new string('e', 64),
            Platform.LinuxAmd64,
            new ImageConfig(),
            [Layer(0, '4'), Layer(1, '5')],
            [],
            [],
            null);

        Package[] packages =
        [
            new Package
            {
                Name = "tool",
                Version = "1.0.0",
                Type = "binary",
                FoundBy = "binary-classifier",
                Licenses = ["Custom EULA", "GPL-2.0-or-later WITH Classpath-exception-2.0"],
                Locations = ["/usr/local/bin/tool"],
                Layer = 1,
                IntroducedLayer = 1,
            },
            new Package
            {
                Name = "commons-lang3",
                Version = "3.12.0",
                Type = "maven",
                FoundBy = "java-archive",
                Purl = new PackageUrl("maven", "org.apache.commons", "commons-lang3", "3.12.0"),
                Licenses = ["Apache-2.0"],
                Locations = ["/app/lib/commons-lang3-3.12.0.jar"],
                Layer = 1,
                IntroducedLayer = 1,
            },
            Npm("@babel/core", "@babel", "core", "7.24.0", ["MIT OR Apache-2.0"], "/app/node_modules/@babel/core/package.json", ["left-pad"]),
            Npm("left-pad", null, "left-pad", "1.3.0", ["WTFPL"], "/app/node_modules/left-pad/package.json", []),
            Npm("left-pad", null, "left-pad", "1.3.0", ["WTFPL"], "/app/node_modules/legacy/node_modules/left-pad/package.json", []),
        ];

        return new ImageScan(image, null, packages, ScanTime);

        static Package Npm(string name, string? scope, string bareName, string version, IReadOnlyList<string> licenses, string location, IReadOnlyList<string> dependsOn) => new()
        {
            Name = name,
            Version = version,
            Type = "npm",
            FoundBy = "javascript-package",
            Purl = new PackageUrl("npm", scope, bareName, version),
            Licenses = licenses,
            Locations = [location],
            Layer = 1,
            IntroducedLayer = 1,
            DependsOn = dependsOn,
        };
    }

    private static LayerInfo Layer(int index, char fill) => new(index, "sha256:" + new string(fill, 64), null, null, null);
}
