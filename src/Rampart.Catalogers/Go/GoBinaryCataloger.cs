using System.Globalization;
using Rampart.Catalogers.Common;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Go;

/// <summary>
/// Go modules compiled into ELF executables anywhere in the image (reference sbom-catalogers.md §3.4), from the build
/// information <see cref="GoBuildInfoInspector"/> kept while the layers streamed: the main module, every dependency
/// (the replacement when one was used), and the toolchain's standard library as <c>stdlib</c>, as Syft reports them.
/// </summary>
public sealed class GoBinaryCataloger : ICataloger
{
    private const string Devel = "(devel)";
    private const string Stdlib = "stdlib";

    public string Id => "go-binary";

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IReadOnlyList<IContentInspector> Inspectors { get; } = [new GoBuildInfoInspector()];

    public IEnumerable<Package> Catalog(CatalogContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var packages = new List<Package>();
        foreach (var (binary, extract) in EvidenceFiles.Extracts(context.Files, GoBuildInfoInspector.InspectorName))
        {
            if (GoBuildInfo.Parse(extract.Span, Log.For(context.Logger, binary.Path)) is { } info)
            {
                packages.AddRange(PackagesOf(info, binary));
            }
        }

        packages.Sort(PackageOrder.Instance);
        return packages;
    }

    private List<Package> PackagesOf(GoBuildInfo info, FileEntry binary)
    {
        // Binaries built outside module mode (as Debian builds its Go packages) name only their main package.
        var main = info.Main ?? (info.Path is { Length: > 0 } path ? new GoModule(path, Devel, null) : null);
        var settings = info.Settings.GroupBy(s => s.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var architecture = settings.GetValueOrDefault("GOARCH");
        var common = new Dictionary<string, string>(StringComparer.Ordinal) { ["goCompiledVersion"] = info.GoVersion };
        if (main is not null)
        {
            common["mainModule"] = main.Path;
        }

        var packages = info.Dependencies
            .Select(dependency => ModulePackage(dependency, binary, architecture, common))
            .ToList();
        var goVersion = info.GoVersion.Split(' ')[0];
        if (goVersion.Length > 0)
        {
            packages.Add(Module(Stdlib, goVersion, binary, architecture, common) with
            {
                Purl = new PackageUrl("golang", null, Stdlib, goVersion.StartsWith("go", StringComparison.Ordinal) ? goVersion[2..] : goVersion),
                Licenses = ["BSD-3-Clause"],
            });
        }

        if (main is not null)
        {
            var properties = new Dictionary<string, string>(common, StringComparer.Ordinal);
            foreach (var (key, value) in settings)
            {
                properties["goBuildSettings:" + key] = value;
            }

            var package = ModulePackage(main with { Version = MainVersion(main.Version, settings) }, binary, architecture, properties);
            packages.Add(package with { DependsOn = [.. packages.Select(p => p.Name).Distinct(StringComparer.Ordinal)] });
        }

        return packages;
    }

    /// <summary>
    /// A dependency as built: a replacement by another module stands in its place; a replacement by a directory keeps
    /// the module's name with the directory's version (<c>(devel)</c>) and no purl, since the code came from that
    /// directory and not from any published version. Either way <c>replaces</c> names what was required.
    /// </summary>
    private Package ModulePackage(GoModule module, FileEntry binary, string? architecture, Dictionary<string, string> common)
    {
        var properties = new Dictionary<string, string>(common, StringComparer.Ordinal);
        if (module.Replacement is { } replacement)
        {
            properties["replaces"] = $"{module.Path}@{module.Version}";
            if (IsDirectory(replacement.Path))
            {
                properties["replacement"] = replacement.Path;
                return Module(module.Path, replacement.Version.Length > 0 ? replacement.Version : Devel, binary, architecture, properties);
            }

            module = replacement;
        }

        if (module.Sum is { } sum)
        {
            properties["h1Digest"] = sum;
        }

        var slash = module.Path.LastIndexOf('/');
        return Module(module.Path, module.Version, binary, architecture, properties) with
        {
            Purl = new PackageUrl("golang", slash > 0 ? module.Path[..slash] : null, slash > 0 ? module.Path[(slash + 1)..] : module.Path, module.Version),
        };
    }

    private Package Module(string name, string version, FileEntry binary, string? architecture, Dictionary<string, string> properties) => new()
    {
        Name = name,
        Version = version,
        Type = "golang",
        FoundBy = Id,
        Locations = [binary.Path],
        Layer = binary.Layer,
        Architecture = architecture,
        Properties = properties,
    };

    /// <summary>
    /// <c>(devel)</c>, the version of a main module built from a checkout, becomes a pseudo-version from the commit the
    /// build stamped (<c>vcs.revision</c>, <c>vcs.time</c>), as Syft does: <c>v0.0.0-20240102150405-0123456789ab</c>.
    /// </summary>
    private static string MainVersion(string version, Dictionary<string, string> settings)
    {
        if (version != Devel || !settings.TryGetValue("vcs.revision", out var revision) || revision.Length == 0
            || !settings.TryGetValue("vcs.time", out var time)
            || !DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
        {
            return version;
        }

        var utc = stamp.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return $"v0.0.0-{utc}-{revision[..Math.Min(12, revision.Length)]}";
    }

    /// <summary>A replacement path naming a directory rather than a module (Go's <c>modfile.IsDirectoryPath</c>).</summary>
    private static bool IsDirectory(string path) =>
        path is "." or ".." || path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal)
        || path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/');
}
