using System.Globalization;
using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L002: can the standard scanners read what is installed, and does the database account for the programs?</summary>
public sealed class PackageDatabaseCriterion : ILockInCriterion
{
    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L002",
        "Package database readable by standard scanners",
        "If Trivy, Syft/Grype, osv-scalibr and Clair cannot read the inventory, the customer depends on the vendor's "
        + "SBOM and feed to know what is inside. The format scores 0 for dpkg status, apk installed and rpmdb; 0.1 for "
        + "distroless status.d and the usr-merged apk database; 0.3 for Azure Linux's container-manifest-2 and Bitnami's "
        + "SPDX files; 0.7 for Chisel's manifest.wall alone; 0.9 for a rocks dpkg.query alone; 1 for no database beside "
        + "a dynamic loader, 0.3 with no loader (static binaries). With a database, half the share of executable files "
        + "it does not list is added.",
        ["GoogleContainerTools/distroless PACKAGE_METADATA.md", "anchore/syft#3824", "canonical/chisel public/manifest/manifest.go"]);

    public double Weight => 1.0;

    public IReadOnlyList<string> ContentGlobs => [];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var files = context.Snapshot.Files;
        var databases = PackageDatabase.FindAll(files);
        if (databases.Count == 0)
        {
            return Runtime.LibcOf(files) == Libc.None
                ? CriterionResult.From(Descriptor, 0.3, "No package database and no dynamic loader: static executables, whose embedded build info is the only inventory.")
                : CriterionResult.From(Descriptor, 1, "No package database beside a dynamic loader: what is installed is invisible to scanners.");
        }

        var format = PackageDatabase.MostStandard(databases);
        var path = databases.First(d => d.Format == format).Path;
        var executables = Runtime.Executables(files).Select(e => e.Path).ToList();
        var owned = context.Packages
            .SelectMany(p => p.Files)
            .Select(f => files.Resolve(f)?.Path)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var accounted = executables.Count(owned.Contains);
        var share = executables.Count == 0 ? 1 : (double)accounted / executables.Count;
        var score = PackageDatabase.Opacity(format) + (0.5 * (1 - share));
        var coverage = executables.Count == 0
            ? "there are no executable files"
            : string.Create(CultureInfo.InvariantCulture, $"it accounts for {accounted} of {executables.Count} executable files ({share:P0})");
        var unlisted = executables.Where(e => !owned.Contains(e)).Take(3).ToList();
        var examples = unlisted.Count > 0 ? $"; not listed, e.g. {string.Join(", ", unlisted)}" : string.Empty;
        return CriterionResult.From(Descriptor, score, $"{format} database at {path}; {coverage}{examples}.");
    }
}
