using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Rampart.Catalogers.Common;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Distro;

/// <summary>
/// Identifies the distribution of an image (reference sbom-catalogers.md §2.1, the union of Syft's and Trivy's
/// rules): <c>/etc/os-release</c>, then <c>/usr/lib/os-release</c>, symlinks followed; for Debian the point release
/// of <c>/etc/debian_version</c> replaces <c>VERSION_ID</c>. Without an os-release file: <c>/etc/lsb-release</c>,
/// <c>/etc/debian_version</c>, <c>/etc/alpine-release</c>, the Red Hat family's <c>*-release</c> files,
/// <c>/etc/system-release</c>, <c>/etc/system-release-cpe</c>, and last the Alpine repository list.
/// </summary>
public static partial class OsReleaseReader
{
    private const string DebianVersion = "/etc/debian_version";
    private const string LsbRelease = "/etc/lsb-release";
    private const string AlpineRelease = "/etc/alpine-release";
    private const string SystemReleaseCpe = "/etc/system-release-cpe";
    private const string ApkRepositories = "/etc/apk/repositories";

    private static readonly string[] OsReleasePaths = ["/etc/os-release", "/usr/lib/os-release"];

    /// <summary>Most specific first: on CentOS, Rocky or Alma <c>/etc/redhat-release</c> is a link to the distribution's own file.</summary>
    private static readonly string[] RedHatReleasePaths =
    [
        "/etc/centos-release", "/etc/rocky-release", "/etc/almalinux-release", "/etc/oracle-release",
        "/etc/fedora-release", "/usr/lib/fedora-release", "/etc/redhat-release", "/etc/system-release",
        "/usr/lib/system-release",
    ];

    /// <summary>The files it reads; the layer reader must keep their bytes.</summary>
    public static IReadOnlyList<string> Globs { get; } =
        [.. OsReleasePaths, DebianVersion, LsbRelease, AlpineRelease, .. RedHatReleasePaths, SystemReleaseCpe, ApkRepositories];

    /// <summary>The distribution of <paramref name="files"/>, or <see langword="null"/> when no file names one.</summary>
    public static OsRelease? Read(IFileView files, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(logger);
        foreach (var path in OsReleasePaths)
        {
            if (EvidenceFiles.ReadText(files, path) is { } text)
            {
                var fields = OsReleaseParser.Parse(text, Log.For(logger, path));
                if (fields.Count > 0)
                {
                    return FromFields(SupplementDebian(fields, files));
                }
            }
        }

        return FromLsbRelease(files, logger)
            ?? FromDebianVersion(files)
            ?? FromAlpineRelease(files)
            ?? FromRedHatRelease(files)
            ?? FromSystemReleaseCpe(files)
            ?? FromApkRepositories(files);
    }

    /// <summary>Builds the record from os-release fields; os-release(5) says a missing <c>ID</c> means <c>linux</c>.</summary>
    public static OsRelease FromFields(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string? Field(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        return new OsRelease(
            (Field("ID") ?? "linux").ToLowerInvariant(),
            Field("VERSION_ID"),
            Field("NAME"),
            Field("PRETTY_NAME"),
            (Field("ID_LIKE") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Field("VERSION_CODENAME"),
            fields);
    }

    /// <summary>Debian's os-release says <c>12</c>; <c>/etc/debian_version</c> says <c>12.11</c>, the release vulnerability data is keyed by.</summary>
    private static IReadOnlyDictionary<string, string> SupplementDebian(IReadOnlyDictionary<string, string> fields, IFileView files)
    {
        if (!fields.TryGetValue("ID", out var id) || id != "debian" || DebianPointRelease(files) is not { } pointRelease)
        {
            return fields;
        }

        return new Dictionary<string, string>(fields, StringComparer.Ordinal) { ["VERSION_ID"] = pointRelease };
    }

    private static string? DebianPointRelease(IFileView files) =>
        FirstLine(files, DebianVersion) is { } line && NumericRelease().IsMatch(line) ? line : null;

    private static OsRelease? FromLsbRelease(IFileView files, ILogger logger)
    {
        if (EvidenceFiles.ReadText(files, LsbRelease) is not { } text)
        {
            return null;
        }

        var lsb = OsReleaseParser.Parse(text, Log.For(logger, LsbRelease));
        if (!lsb.TryGetValue("DISTRIB_ID", out var id) || id.Length == 0)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["ID"] = id.ToLowerInvariant(), ["NAME"] = id };
        Copy(lsb, "DISTRIB_RELEASE", fields, "VERSION_ID");
        Copy(lsb, "DISTRIB_CODENAME", fields, "VERSION_CODENAME");
        Copy(lsb, "DISTRIB_DESCRIPTION", fields, "PRETTY_NAME");
        return FromFields(fields);
    }

    private static OsRelease? FromDebianVersion(IFileView files)
    {
        if (FirstLine(files, DebianVersion) is not { } line)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ID"] = "debian",
            ["NAME"] = "Debian GNU/Linux",
            ["PRETTY_NAME"] = $"Debian GNU/Linux {line}",
        };
        if (NumericRelease().IsMatch(line))
        {
            fields["VERSION_ID"] = line;
        }
        else
        {
            // Testing and unstable write "trixie/sid": the codename is all there is to know.
            fields["VERSION_CODENAME"] = line.Split('/')[0];
        }

        return FromFields(fields);
    }

    private static OsRelease? FromAlpineRelease(IFileView files) =>
        FirstLine(files, AlpineRelease) is { } version
            ? FromFields(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["ID"] = "alpine",
                ["NAME"] = "Alpine Linux",
                ["VERSION_ID"] = version,
                ["PRETTY_NAME"] = $"Alpine Linux v{version}",
            })
            : null;

    private static OsRelease? FromRedHatRelease(IFileView files)
    {
        foreach (var path in RedHatReleasePaths)
        {
            if (FirstLine(files, path) is { } line && ReleaseLine().Match(line) is { Success: true } match)
            {
                var name = match.Groups["name"].Value;
                return FromFields(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["ID"] = IdOfName(name),
                    ["NAME"] = name,
                    ["VERSION_ID"] = match.Groups["version"].Value,
                    ["PRETTY_NAME"] = line,
                });
            }
        }

        return null;
    }

    /// <summary>CentOS 6 style <c>cpe:/o:centos:linux:6:GA</c>, or a CPE 2.3 formatted string.</summary>
    private static OsRelease? FromSystemReleaseCpe(IFileView files)
    {
        if (FirstLine(files, SystemReleaseCpe) is not { } cpe)
        {
            return null;
        }

        var parts = cpe.Split(':');
        var offset = cpe.StartsWith("cpe:2.3:", StringComparison.Ordinal) ? 1 : 0;
        if (parts.Length < 5 + offset || parts[1 + offset].TrimStart('/') != "o")
        {
            return null;
        }

        var vendor = parts[2 + offset];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ID"] = IdOfVendor(vendor),
            ["NAME"] = vendor,
            ["VERSION_ID"] = parts[4 + offset],
            ["CPE_NAME"] = cpe,
        };
        return FromFields(fields);
    }

    private static OsRelease? FromApkRepositories(IFileView files)
    {
        if (EvidenceFiles.ReadText(files, ApkRepositories) is not { } text)
        {
            return null;
        }

        foreach (var line in text.Split('\n'))
        {
            if (AlpineRepository().Match(line.Trim()) is { Success: true } match)
            {
                return FromFields(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["ID"] = "alpine",
                    ["NAME"] = "Alpine Linux",
                    ["VERSION_ID"] = match.Groups["version"].Value,
                });
            }
        }

        return null;
    }

    private static string IdOfName(string name) => name switch
    {
        _ when name.StartsWith("Red Hat", StringComparison.OrdinalIgnoreCase) => "rhel",
        _ when name.StartsWith("CentOS", StringComparison.OrdinalIgnoreCase) => "centos",
        _ when name.StartsWith("Rocky", StringComparison.OrdinalIgnoreCase) => "rocky",
        _ when name.StartsWith("AlmaLinux", StringComparison.OrdinalIgnoreCase) => "almalinux",
        _ when name.StartsWith("Fedora", StringComparison.OrdinalIgnoreCase) => "fedora",
        _ when name.StartsWith("Oracle", StringComparison.OrdinalIgnoreCase) => "ol",
        _ when name.StartsWith("Amazon", StringComparison.OrdinalIgnoreCase) => "amzn",
        _ => name.Split(' ')[0].ToLowerInvariant(),
    };

    private static string IdOfVendor(string vendor) => vendor switch
    {
        "redhat" => "rhel",
        "amazon" => "amzn",
        "fedoraproject" => "fedora",
        "oracle" => "ol",
        _ => vendor.ToLowerInvariant(),
    };

    private static string? FirstLine(IFileView files, string path) =>
        EvidenceFiles.ReadText(files, path) is { } text && text.Split('\n')[0].Trim() is { Length: > 0 } line ? line : null;

    private static void Copy(IReadOnlyDictionary<string, string> from, string key, Dictionary<string, string> to, string asKey)
    {
        if (from.TryGetValue(key, out var value) && value.Length > 0)
        {
            to[asKey] = value;
        }
    }

    [GeneratedRegex(@"^\d+(?:\.\d+)?$")]
    private static partial Regex NumericRelease();

    [GeneratedRegex(@"^(?<name>.+?)\s+release\s+(?<version>\d[\w.]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ReleaseLine();

    [GeneratedRegex(@"^https?://.*alpinelinux\.org/alpine/v(?<version>[^/]+)/")]
    private static partial Regex AlpineRepository();
}
