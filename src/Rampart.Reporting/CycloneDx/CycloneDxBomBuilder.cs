using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using CycloneDX;
using CycloneDX.Models;
using Rampart.Core.Images;
using Rampart.Core.Packages;
using Rampart.Core.Scanning;

namespace Rampart.Reporting.CycloneDx;

/// <summary>
/// Builds the CycloneDX BOM of one image scan: the image as <c>metadata.component</c>, its distribution as an
/// <c>operating-system</c> component, one <c>library</c> component per package, and the complete dependency graph.
/// Everything is ordered as the scan orders it, so the same scan at the same time gives the same BOM.
/// </summary>
public sealed class CycloneDxBomBuilder
{
    private const string ToolName = "rampart";

    /// <summary>Package types whose packages the distribution's package manager installs.</summary>
    private static readonly FrozenSet<string> OsPackageTypes = FrozenSet.ToFrozenSet(["deb", "apk", "rpm", "alpm"], StringComparer.Ordinal);

    /// <summary>Ecosystems whose purl namespace is what CycloneDX calls the group: Maven groupId, npm scope, Composer vendor.</summary>
    private static readonly FrozenSet<string> GroupedTypes = FrozenSet.ToFrozenSet(["maven", "npm", "composer"], StringComparer.Ordinal);

    private readonly TimeProvider _timeProvider;
    private readonly string _toolVersion;

    /// <summary>A builder that names Rampart's own version as the tool.</summary>
    public CycloneDxBomBuilder(TimeProvider timeProvider)
        : this(timeProvider, typeof(CycloneDxBomBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion)
    {
    }

    /// <summary>A builder that names <paramref name="toolVersion"/> as Rampart's version.</summary>
    public CycloneDxBomBuilder(TimeProvider timeProvider, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrEmpty(toolVersion);
        _timeProvider = timeProvider;
        _toolVersion = toolVersion;
    }

    /// <summary>
    /// The BOM of <paramref name="scan"/>. Its timestamp is now, from the clock, to the second; its serial number is
    /// derived from the image id and the scan time, so every encoding of one scan's BOM carries the same serial.
    /// </summary>
    public Bom Build(ImageScan scan, CycloneDxSpecVersion specVersion = CycloneDxSpecVersion.V16)
    {
        ArgumentNullException.ThrowIfNull(scan);

        var image = ImageComponent(scan.Image);
        var os = scan.Os is null ? null : OsComponent(scan.Os);
        var refs = PackageRefs(scan.Packages, os is null ? [image.BomRef] : [image.BomRef, os.BomRef]);
        var components = new List<Component>();
        if (os is not null)
        {
            components.Add(os);
        }

        components.AddRange(scan.Packages.Select((p, i) => PackageComponent(p, refs[i], scan.Image)));

        var now = _timeProvider.GetUtcNow().UtcTicks;
        return new Bom
        {
            SpecVersion = specVersion switch
            {
                CycloneDxSpecVersion.V16 => SpecificationVersion.v1_6,
                CycloneDxSpecVersion.V17 => SpecificationVersion.v1_7,
                _ => throw new ArgumentOutOfRangeException(nameof(specVersion), specVersion, "Not a CycloneDX version Rampart writes."),
            },
            SerialNumber = SerialNumber(scan),
            Version = 1,
            Metadata = new Metadata
            {
                Timestamp = new DateTime(now - (now % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
                Tools = new ToolChoices
                {
                    Components = [new Component { Type = Component.Classification.Application, Name = ToolName, Version = _toolVersion }],
                },
                Component = image,
            },
            Components = components.Count == 0 ? null : components,
            Dependencies = Dependencies(scan.Packages, refs, image.BomRef, os?.BomRef),
        };
    }

    private static Component ImageComponent(ImageDescriptor image)
    {
        var name = ImageName.Of(image);
        var version = image.ManifestDigest ?? image.ConfigDigest;
        var purl = name is null
            ? null
            : new PackageUrl(
                "oci",
                null,
                name.PurlName,
                version,
                new Dictionary<string, string>
                {
                    ["arch"] = image.Platform.Architecture,
                    ["repository_url"] = name.RepositoryUrl,
                    ["tag"] = name.Tag ?? string.Empty,
                }).ToString();

        var properties = new List<Property>
        {
            Prop("rampart:image:id", image.ConfigDigest),
            Prop("rampart:image:reference", image.Reference),
            Prop("rampart:image:platform", image.Platform.ToString()),
        };
        properties.AddRange(image.RepoTags.Select(t => Prop("rampart:image:repoTag", t)));
        properties.AddRange(image.Layers.Select(l => Prop($"rampart:image:layer:{l.Index.ToString(CultureInfo.InvariantCulture)}:diffID", l.DiffId)));
        properties.AddRange(image.Config.Labels
            .OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => Prop($"rampart:image:label:{l.Key}", l.Value)));

        return new Component
        {
            Type = Component.Classification.Container,
            BomRef = purl ?? image.ConfigDigest,
            Name = name?.Name ?? ImageName.WithoutScheme(image.Reference),
            Version = version,
            Purl = purl,
            Properties = properties,
        };
    }

    private static Component OsComponent(OsRelease os) => new()
    {
        Type = Component.Classification.Operating_System,
        BomRef = os.VersionId is null ? $"os:{os.Id}" : $"os:{os.Id}@{os.VersionId}",
        Name = os.Id,
        Version = os.VersionId,
        Description = os.PrettyName,
    };

    private static Component PackageComponent(Package package, string bomRef, ImageDescriptor image)
    {
        var grouped = package.Purl is { Namespace.Length: > 0 } purl && GroupedTypes.Contains(purl.Type);

        var properties = new List<Property>
        {
            Prop("rampart:package:type", package.Type),
            Prop("rampart:package:foundBy", package.FoundBy),
        };
        if (package.Layer is { } layer)
        {
            properties.Add(Prop("rampart:package:layer", layer.ToString(CultureInfo.InvariantCulture)));
            if (image.Layers.FirstOrDefault(l => l.Index == layer) is { } info)
            {
                properties.Add(Prop("rampart:package:layerDiffID", info.DiffId));
            }
        }

        if (package.IntroducedLayer is { } introduced)
        {
            properties.Add(Prop("rampart:package:introducedLayer", introduced.ToString(CultureInfo.InvariantCulture)));

            // Trivy's names for the layer that introduced a package: what `trivy sbom` attributes findings to.
            if (image.Layers.FirstOrDefault(l => l.Index == introduced) is { } info)
            {
                if (info.Digest is { } digest)
                {
                    properties.Add(Prop("aquasecurity:trivy:LayerDigest", digest));
                }

                properties.Add(Prop("aquasecurity:trivy:LayerDiffID", info.DiffId));
            }
        }

        properties.AddRange(package.Locations.Select((path, i) => Prop($"rampart:location:{i.ToString(CultureInfo.InvariantCulture)}:path", path)));
        if (!string.IsNullOrEmpty(package.SourceName))
        {
            properties.Add(Prop("rampart:package:sourceName", package.SourceName));
        }

        if (!string.IsNullOrEmpty(package.Architecture))
        {
            properties.Add(Prop("rampart:package:arch", package.Architecture));
        }

        properties.AddRange(package.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Prop($"rampart:metadata:{p.Key}", p.Value)));

        return new Component
        {
            Type = Component.Classification.Library,
            BomRef = bomRef,
            Supplier = string.IsNullOrEmpty(package.Supplier) ? null : new OrganizationalEntity { Name = package.Supplier },
            Publisher = string.IsNullOrEmpty(package.Supplier) ? null : package.Supplier,
            Group = grouped ? package.Purl!.Namespace : null,
            Name = grouped ? package.Purl!.Name : package.Name,
            Version = package.Version,
            Description = string.IsNullOrEmpty(package.Description) ? null : package.Description,
            Licenses = SpdxLicenses.ToLicenseChoices(package.Licenses),
            Purl = package.Purl?.ToString(),
            Properties = properties,
        };
    }

    /// <summary>
    /// One bom-ref per package: its purl (or type/name@version without one). Packages sharing that get a
    /// <c>package-id</c> qualifier hashed from their identity and evidence, and a counter when even that is shared.
    /// </summary>
    private static List<string> PackageRefs(IReadOnlyList<Package> packages, string[] taken)
    {
        var candidates = packages.Select(p => p.Purl?.ToString() ?? $"rampart:{p.Type}/{p.Name}@{p.Version}").ToList();
        var shared = candidates.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(taken, StringComparer.Ordinal);
        var refs = new List<string>(packages.Count);
        for (var i = 0; i < packages.Count; i++)
        {
            var candidate = candidates[i];
            if (shared.Contains(candidate))
            {
                var p = packages[i];
                var identity = string.Join('\n', [p.Type, p.Name, p.Version, p.Layer?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, .. p.Locations]);
                var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)), 0, 8);
                candidate += (candidate.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "package-id=" + id;
            }

            var unique = candidate;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{candidate}-{n.ToString(CultureInfo.InvariantCulture)}";
            }

            refs.Add(unique);
        }

        return refs;
    }

    /// <summary>
    /// The complete graph: the image depends on the distribution and on every package the distribution did not install,
    /// the distribution on its packages, and each package on the packages of its type it names as dependencies, resolved
    /// to the nearest packages of that name (<see cref="Nearest"/>). Every component is listed, with or without dependencies.
    /// </summary>
    private static List<Dependency> Dependencies(IReadOnlyList<Package> packages, List<string> refs, string imageRef, string? osRef)
    {
        var byName = packages
            .Select((p, i) => (Package: p, Ref: refs[i]))
            .ToLookup(x => (x.Package.Type, x.Package.Name));
        var installedByOs = packages.Select((p, i) => (p, i)).Where(x => osRef is not null && OsPackageTypes.Contains(x.p.Type)).Select(x => refs[x.i]).ToList();
        var direct = refs.Except(installedByOs, StringComparer.Ordinal);

        var dependencies = new List<Dependency> { Edges(imageRef, osRef is null ? direct : [osRef, .. direct]) };
        if (osRef is not null)
        {
            dependencies.Add(Edges(osRef, installedByOs));
        }

        for (var i = 0; i < packages.Count; i++)
        {
            var package = packages[i];
            var self = refs[i];
            dependencies.Add(Edges(self, package.DependsOn.SelectMany(name => Nearest(package, byName[(package.Type, name)])).Where(r => r != self)));
        }

        return dependencies;
    }

    /// <summary>
    /// Of the packages a dependency name matches, those whose evidence lies nearest to the dependent's: the same file
    /// (one database, one binary's module list), else the longest shared directory path (node_modules resolution), so
    /// two binaries or two applications of the image never point into each other.
    /// </summary>
    private static IEnumerable<string> Nearest(Package dependent, IEnumerable<(Package Package, string Ref)> candidates)
    {
        var here = EvidenceOf(dependent);
        var scored = candidates.Select(c => (c.Ref, Closeness: Closeness(here, EvidenceOf(c.Package)))).ToList();
        var best = scored.Count == 0 ? 0 : scored.Max(c => c.Closeness);
        return scored.Where(c => c.Closeness == best).Select(c => c.Ref);
    }

    private static string EvidenceOf(Package package) => package.Locations is [var first, ..] ? first : "";

    /// <summary>Directories two image paths share from the root; the most there is when they are the same file.</summary>
    private static int Closeness(string first, string second)
    {
        if (string.Equals(first, second, StringComparison.Ordinal))
        {
            return int.MaxValue;
        }

        var a = first.Split('/');
        var b = second.Split('/');
        var shared = 0;
        while (shared < a.Length - 1 && shared < b.Length - 1 && string.Equals(a[shared], b[shared], StringComparison.Ordinal))
        {
            shared++;
        }

        return shared;
    }

    private static Dependency Edges(string from, IEnumerable<string> to)
    {
        var targets = to.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(r => new Dependency { Ref = r }).ToList();
        return new Dependency { Ref = from, Dependencies = targets.Count == 0 ? null : targets };
    }

    /// <summary>A name-based UUID (RFC 9562 version 8, SHA-256) of the image id and the scan time.</summary>
    private static string SerialNumber(ImageScan scan)
    {
        var name = $"rampart-cyclonedx\n{scan.Image.ConfigDigest}\n{scan.ScannedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static Property Prop(string name, string value) => new() { Name = name, Value = value };
}
