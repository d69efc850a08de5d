using System.Text.RegularExpressions;
using Rampart.Core.LockIn;
using Rampart.Core.Packages;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L001: is the image's distribution one operators, runbooks, benchmarks and scanners already know?</summary>
public sealed partial class MainstreamDistributionCriterion : ILockInCriterion
{
    private static readonly HashSet<string> MainstreamIds =
        ["debian", "ubuntu", "alpine", "rhel", "centos", "fedora", "rocky", "almalinux", "ol", "opensuse-leap", "sles"];

    private static readonly HashSet<string> PlatformVendorIds = ["amzn", "azurelinux", "mariner", "photon"];

    // Vendor distributions whose packages anyone can install without an account (reference §2.2).
    private static readonly HashSet<string> PublicVendorIds = ["wolfi"];

    private static readonly Dictionary<string, (string Name, string Domain)> CanonicalBranding = new(StringComparer.Ordinal)
    {
        ["debian"] = ("Debian GNU/Linux", "debian.org"),
        ["ubuntu"] = ("Ubuntu", "ubuntu.com"),
        ["alpine"] = ("Alpine Linux", "alpinelinux.org"),
        ["rhel"] = ("Red Hat Enterprise Linux", "redhat.com"),
        ["fedora"] = ("Fedora", "fedoraproject.org"),
    };

    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L001",
        "Mainstream distribution",
        "Runbooks, CIS and STIG benchmarks, Dockerfile snippets and scanners assume a mainstream family. A vendor "
        + "distribution id is exactly what makes scanners fall back to 'no OS, zero packages'; a mainstream id with a "
        + "rebranded NAME or HOME_URL hides vendor-built content behind a familiar name. Scores 0 for a mainstream id "
        + "with its own branding, 0.25 rebranded, 0.5 for an OS vendor's distribution or a vendor id like a mainstream "
        + "one, 0.75 for a vendor distribution with public repositories, 1 for other vendor ids or a package database "
        + "without os-release; +0.1 for a date-stamp VERSION_ID (rolling, no release semantics).",
        ["https://www.freedesktop.org/software/systemd/man/latest/os-release.html", "mondoohq/mql#10857", "quay/claircore#923"]);

    public double Weight => 1.0;

    public IReadOnlyList<string> ContentGlobs => [];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Os is not { } os)
        {
            var databases = PackageDatabase.FindAll(context.Snapshot.Files);
            return databases.Count == 0
                ? CriterionResult.From(Descriptor, 0, "No os-release and no package database: a static image has no distribution to be unfamiliar with.")
                : CriterionResult.From(Descriptor, 1, $"A package database ({databases[0].Path}) but no os-release: scanners that route on os-release report no OS.");
        }

        var (score, why) = Familiarity(os);
        if (os.VersionId is { } version && DateStamp().IsMatch(version))
        {
            score += 0.1;
            why += $"; VERSION_ID={version} is a date stamp, a rolling release";
        }

        return CriterionResult.From(Descriptor, score, $"ID={os.Id}: {why}.");
    }

    private static (double Score, string Why) Familiarity(OsRelease os)
    {
        if (MainstreamIds.Contains(os.Id))
        {
            return Rebranding(os) is { } rebrand
                ? (0.25, $"a mainstream id, rebranded ({rebrand})")
                : (0, "a mainstream distribution under its own name");
        }

        if (PlatformVendorIds.Contains(os.Id))
        {
            return (0.5, "an OS vendor's own distribution with public repositories");
        }

        if (os.IdLike.FirstOrDefault(MainstreamIds.Contains) is { } like)
        {
            return (0.5, $"a vendor distribution declaring ID_LIKE={like}");
        }

        return PublicVendorIds.Contains(os.Id)
            ? (0.75, "a vendor distribution with no mainstream ID_LIKE, public repositories")
            : (1, "a vendor or unknown distribution with no mainstream ID_LIKE");
    }

    private static string? Rebranding(OsRelease os)
    {
        if (!CanonicalBranding.TryGetValue(os.Id, out var canonical))
        {
            return null;
        }

        if (os.Name is { } name && !name.StartsWith(canonical.Name, StringComparison.Ordinal))
        {
            return $"NAME={name}";
        }

        if (os.PrettyName is { } pretty && !pretty.StartsWith(canonical.Name, StringComparison.Ordinal))
        {
            return $"PRETTY_NAME={pretty}";
        }

        if (os.Fields.GetValueOrDefault("HOME_URL") is { } home
            && Uri.TryCreate(home, UriKind.Absolute, out var uri)
            && uri.Host != canonical.Domain && !uri.Host.EndsWith("." + canonical.Domain, StringComparison.Ordinal))
        {
            return $"HOME_URL={home}";
        }

        return null;
    }

    [GeneratedRegex(@"^\d{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex DateStamp();
}
