using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Rules.LockIn.Evidence;

/// <summary>
/// Reads the package repositories an image is configured for (apt one-line and deb822, apk, yum/dnf/tdnf) and
/// classifies each by who can install from it. Hosts follow the reference's criterion C4 table.
/// </summary>
internal static class RepositoryConfiguration
{
    public static IReadOnlyList<string> ContentGlobs { get; } =
    [
        "/etc/apt/sources.list",
        "/etc/apt/sources.list.d/*",
        "/etc/apt/auth.conf",
        "/etc/apt/auth.conf.d/*",
        "/etc/apk/repositories",
        "/etc/apk/repositories.d/*",
        "/etc/yum.repos.d/*.repo",
    ];

    // Each host also covers its subdomains: mirrors such as ftp.de.debian.org or de.archive.ubuntu.com.
    private static readonly string[] PublicHosts =
    [
        "debian.org",
        "archive.ubuntu.com",
        "security.ubuntu.com",
        "ports.ubuntu.com",
        "alpinelinux.org",
        "cdn-ubi.redhat.com",
        "cdn.amazonlinux.com",
        "packages.microsoft.com",
        "packages.broadcom.com",
        "packages.vmware.com",
        "packages.wolfi.dev",
        "fedoraproject.org",
    ];

    /// <summary>Every configured repository, in file order, plus the enterprise configuration package DHI installs.</summary>
    public static IReadOnlyList<RepositorySource> Read(IFileView files, IReadOnlyList<Package> packages)
    {
        var authenticatedHosts = AuthenticatedHosts(files);
        var sources = new List<RepositorySource>();
        foreach (var (file, uri) in ConfiguredUris(files))
        {
            sources.Add(Classify(file, uri, authenticatedHosts));
        }

        foreach (var package in packages.Where(p => p.Name == "dhi-enterprise-conf"))
        {
            sources.Add(new RepositorySource(
                package.Locations.Count > 0 ? package.Locations[0] : "package database",
                "package dhi-enterprise-conf",
                "dhi.io",
                RepositoryAccess.Private,
                "the DHI Enterprise repository configuration package is installed; that repository needs a subscription"));
        }

        return sources;
    }

    private static IEnumerable<(string File, Uri Uri)> ConfiguredUris(IFileView files)
    {
        foreach (var entry in files.Entries.Where(e => e.IsRegular))
        {
            var parse = Parser(entry.Path);
            if (parse is null || ImageText.Read(files, entry.Path) is not { } text)
            {
                continue;
            }

            foreach (var written in parse(text))
            {
                if (Uri.TryCreate(written, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ftp")
                {
                    yield return (entry.Path, uri);
                }
            }
        }
    }

    private static Func<string, IEnumerable<string>>? Parser(string path) => path switch
    {
        "/etc/apt/sources.list" => AptOneLine,
        "/etc/apk/repositories" => Apk,
        _ when path.StartsWith("/etc/apt/sources.list.d/", StringComparison.Ordinal) && path.EndsWith(".list", StringComparison.Ordinal) => AptOneLine,
        _ when path.StartsWith("/etc/apt/sources.list.d/", StringComparison.Ordinal) && path.EndsWith(".sources", StringComparison.Ordinal) => AptDeb822,
        _ when path.StartsWith("/etc/apk/repositories.d/", StringComparison.Ordinal) => Apk,
        _ when path.StartsWith("/etc/yum.repos.d/", StringComparison.Ordinal) && path.EndsWith(".repo", StringComparison.Ordinal) => Yum,
        _ => null,
    };

    private static IEnumerable<string> AptOneLine(string text)
    {
        foreach (var line in ImageText.MeaningfulLines(text))
        {
            var rest = line;
            if (!rest.StartsWith("deb ", StringComparison.Ordinal) && !rest.StartsWith("deb-src ", StringComparison.Ordinal))
            {
                continue;
            }

            rest = rest[(rest.IndexOf(' ', StringComparison.Ordinal) + 1)..].TrimStart();
            if (rest.StartsWith('[') && rest.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
            {
                rest = rest[(close + 1)..].TrimStart();
            }

            yield return rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        }
    }

    private static IEnumerable<string> AptDeb822(string text) =>
        ImageText.MeaningfulLines(text)
            .Where(l => l.StartsWith("URIs:", StringComparison.OrdinalIgnoreCase))
            .SelectMany(l => l["URIs:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static IEnumerable<string> Apk(string text) =>
        ImageText.MeaningfulLines(text)
            .Select(l => l.StartsWith('@') ? l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim() : l);

    private static IEnumerable<string> Yum(string text)
    {
        var section = new List<string>();
        var enabled = true;
        foreach (var line in ImageText.MeaningfulLines(text).Append("[end]"))
        {
            if (line.StartsWith('['))
            {
                if (enabled)
                {
                    foreach (var uri in section)
                    {
                        yield return uri;
                    }
                }

                section.Clear();
                enabled = true;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (key == "enabled")
            {
                enabled = value != "0";
            }
            else if (key is "baseurl" or "mirrorlist" or "metalink")
            {
                section.AddRange(value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Take(1));
            }
        }
    }

    private static HashSet<string> AuthenticatedHosts(IFileView files)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var authFiles = files.Entries
            .Where(e => e.IsRegular && (e.Path == "/etc/apt/auth.conf" || e.Path.StartsWith("/etc/apt/auth.conf.d/", StringComparison.Ordinal)));
        foreach (var entry in authFiles)
        {
            var tokens = (ImageText.Read(files, entry.Path) ?? string.Empty)
                .Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i + 1 < tokens.Length; i++)
            {
                if (tokens[i] == "machine")
                {
                    hosts.Add(tokens[i + 1].Split('/')[0]);
                }
            }
        }

        return hosts;
    }

    private static RepositorySource Classify(string file, Uri uri, HashSet<string> authenticatedHosts)
    {
        var host = uri.Host;
        var firstSegment = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        var (access, reason) = host switch
        {
            _ when uri.UserInfo.Length > 0 => (RepositoryAccess.Private, "credentials are written into the address"),
            _ when authenticatedHosts.Contains(host) => (RepositoryAccess.Private, "/etc/apt/auth.conf holds credentials for it"),
            "apk.cgr.dev" when firstSegment is "chainguard" or "extra-packages" => (RepositoryAccess.PublicVendor, "Chainguard's public APK repository"),
            "apk.cgr.dev" or "virtualapk.cgr.dev" => (RepositoryAccess.Private, "a Chainguard organisation repository, readable only with a pull token"),
            "dhi.io" when uri.AbsolutePath.StartsWith("/deb/debian/security", StringComparison.Ordinal) => (RepositoryAccess.Private, "the DHI Enterprise security repository"),
            "dhi.io" when uri.AbsolutePath.StartsWith("/deb/debian/main", StringComparison.Ordinal) || firstSegment == "apk" => (RepositoryAccess.PublicVendor, "Docker's repository of DHI-rebuilt packages"),
            "esm.ubuntu.com" => (RepositoryAccess.Private, "Ubuntu Pro archive, needs a Pro token"),
            "cdn.redhat.com" => (RepositoryAccess.Private, "Red Hat content delivery, needs an entitlement"),
            _ when PublicHosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal)) => (RepositoryAccess.Public, "a public distribution archive"),
            _ => (RepositoryAccess.Unknown, "a host Rampart does not know"),
        };

        return new RepositorySource(file, uri.OriginalString, host, access, reason);
    }
}
