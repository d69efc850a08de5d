using System.Globalization;
using Rampart.Core.LockIn;
using Rampart.Core.Packages;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L006: does one company's build farm supply everything in the image?</summary>
public sealed class SupplierConcentrationCriterion : ILockInCriterion
{
    // Community distributions and public language registries: each counts as one supplier, never as a vendor.
    private static readonly HashSet<string> Community = ["Debian", "Ubuntu", "Alpine", "Fedora Project"];

    private static readonly (string Marker, string Company)[] CompanyMarkers =
    [
        ("Chainguard", "Chainguard"),
        ("Docker", "Docker"),
        ("Red Hat", "Red Hat"),
        ("Amazon", "Amazon"),
        ("Microsoft", "Microsoft"),
        ("VMware", "Broadcom"),
        ("Broadcom", "Broadcom"),
        ("Bitnami", "Broadcom"),
        ("RapidFort", "RapidFort"),
        ("Minimus", "Minimus"),
    ];

    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L006",
        "Concentration of components on one supplier",
        "When one company builds every component, leaving it means replacing everything at once. Each package is "
        + "attributed to its supplier: the vendor named in its record (rpm Vendor, dpkg Maintainer, apk maintainer), "
        + "RapidFort for its rebuilt versions, Docker for every OS package of a Docker Hardened Image (whose purls "
        + "still say debian), else the publisher of the image's distribution; language packages without a vendor come "
        + "from their public registry. Community distributions and registries count as suppliers but never as vendors. "
        + "The score is the largest vendor's share of the components; the evidence adds the Herfindahl index.",
        ["docs.docker.com dhi/how-to/hardened-packages", "aquasecurity/trivy pkg/fanal/analyzer/pkg/rpm"]);

    public double Weight => 1.0;

    public IReadOnlyList<string> ContentGlobs => [];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Packages.Count == 0)
        {
            return CriterionResult.From(Descriptor, 0, "No components: nothing is supplied by anyone.");
        }

        var shares = context.Packages
            .GroupBy(p => SupplierOf(p, context), StringComparer.Ordinal)
            .Select(g => (Supplier: g.Key, Share: (double)g.Count() / context.Packages.Count))
            .OrderByDescending(s => s.Share)
            .ThenBy(s => s.Supplier, StringComparer.Ordinal)
            .ToList();
        var herfindahl = shares.Sum(s => s.Share * s.Share);
        var vendor = shares.FirstOrDefault(s => !IsCommunity(s.Supplier));
        var listed = string.Join(", ", shares.Take(4).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Supplier} {s.Share:P0}")));
        var evidence = vendor.Supplier is null
            ? string.Create(CultureInfo.InvariantCulture, $"All {context.Packages.Count} components from community sources ({listed}); HHI {herfindahl:F2}.")
            : string.Create(CultureInfo.InvariantCulture, $"{vendor.Supplier} supplies {vendor.Share:P0} of the components ({listed}; {context.Packages.Count} in all); HHI {herfindahl:F2}.");
        return CriterionResult.From(Descriptor, vendor.Supplier is null ? 0 : vendor.Share, evidence);
    }

    private static bool IsCommunity(string supplier) =>
        Community.Contains(supplier) || supplier.EndsWith(" registry", StringComparison.Ordinal);

    private static string SupplierOf(Package package, LockInContext context)
    {
        var isOs = PackageMarkers.IsOsPackage(package);
        if (isOs && context.Identity.Family == ImageFamily.DockerHardened)
        {
            return "Docker";
        }

        if (PackageMarkers.IsRapidFortRebuild(package))
        {
            return "RapidFort";
        }

        if (package.Supplier is { } supplier
            && CompanyMarkers.FirstOrDefault(m => supplier.Contains(m.Marker, StringComparison.OrdinalIgnoreCase)) is { Company: { } company })
        {
            return company;
        }

        return isOs ? DistributionPublisher(context.Os?.Id) ?? package.Supplier ?? "unknown" : $"{package.Type} registry";
    }

    private static string? DistributionPublisher(string? id) => id switch
    {
        "debian" => "Debian",
        "ubuntu" => "Ubuntu",
        "alpine" => "Alpine",
        "fedora" => "Fedora Project",
        "wolfi" or "chainguard" => "Chainguard",
        "minimos" => "Minimus",
        "echo" => "Echo",
        "rhel" => "Red Hat",
        "amzn" => "Amazon",
        "azurelinux" or "mariner" => "Microsoft",
        "photon" => "Broadcom",
        _ => null,
    };
}
