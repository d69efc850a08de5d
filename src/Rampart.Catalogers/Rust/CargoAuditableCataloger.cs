using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Rust;

/// <summary>
/// Rust crates compiled into ELF executables built with cargo-auditable (reference sbom-catalogers.md §3.6), from the
/// <c>.dep-v0</c> section <see cref="CargoAuditInspector"/> kept while the layers streamed. As Syft and Trivy do, only
/// runtime crates are packages (build dependencies are not in the binary); each depends on the runtime crates it lists.
/// </summary>
public sealed class CargoAuditableCataloger : ICataloger
{
    public string Id => "cargo-auditable";

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IReadOnlyList<IContentInspector> Inspectors { get; } = [new CargoAuditInspector()];

    public IEnumerable<Package> Catalog(CatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var packages = new List<Package>();
        foreach (var (binary, extract) in EvidenceFiles.Extracts(context.Files, CargoAuditInspector.InspectorName))
        {
            var warn = Log.For(context.Logger, binary.Path);
            var (section, problem) = CargoAuditInspector.Read(extract);
            if (problem is not null)
            {
                warn(problem);
                continue;
            }

            if (CargoAuditData.Parse(section, warn) is { } crates)
            {
                packages.AddRange(crates.Where(c => !c.IsBuildOnly).Select(crate => ToPackage(crate, crates, binary)));
            }
        }

        packages.Sort(PackageOrder.Instance);
        return packages;
    }

    private Package ToPackage(CargoAuditPackage crate, IReadOnlyList<CargoAuditPackage> crates, FileEntry binary)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = crate.Source };
        if (crate.IsRoot)
        {
            properties["root"] = "true";
        }

        return new Package
        {
            Name = crate.Name,
            Version = crate.Version,
            Type = "cargo",
            FoundBy = Id,
            Purl = new PackageUrl("cargo", null, crate.Name, crate.Version),
            Locations = [binary.Path],
            Layer = binary.Layer,
            DependsOn = [.. crate.Dependencies.Select(i => crates[i]).Where(c => !c.IsBuildOnly).Select(c => c.Name).Distinct(StringComparer.Ordinal)],
            Properties = properties,
        };
    }
}
