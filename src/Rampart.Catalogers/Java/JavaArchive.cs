using System.Runtime.InteropServices;
using Rampart.Catalogers.Common;

namespace Rampart.Catalogers.Java;

/// <summary>A Maven artifact found in a Java archive.</summary>
/// <param name="GroupId">groupId: from <c>pom.properties</c>, else the manifest, else the artifactId (Syft's fallback).</param>
/// <param name="ArtifactId">artifactId.</param>
/// <param name="Version">Version.</param>
/// <param name="Licenses">The manifest's <c>Bundle-License</c> and <c>Plugin-License-Name</c>, for the archive's own artifact.</param>
/// <param name="Location">The archive: its image path, with <c>:inner/path.jar</c> for each archive it is nested in.</param>
public sealed record JavaArtifact(string GroupId, string ArtifactId, string Version, IReadOnlyList<string> Licenses, string Location);

/// <summary>
/// Reads the artifacts of a Java archive (jar, war, ear, Jenkins plugin, ...) and of the archives nested in it, as Syft
/// does (reference sbom-catalogers.md §3.5, Syft java/archive_parser.go): every valid
/// <c>META-INF/maven/**/pom.properties</c> is an artifact (a shaded jar has several); the archive's own artifact is
/// the single <c>pom.properties</c> whose artifactId starts with the file name's, else it is named from the
/// manifest and the file name (<see cref="JavaArchiveName"/>). Nested archives are read recursively within
/// <see cref="JavaArchiveLimits"/> by <see cref="JavaArchiveInspector"/>, whose extract this reads. A corrupt
/// archive or entry is skipped with a warning.
/// </summary>
public static class JavaArchive
{
    /// <summary>The file name endings Syft reads as Java archives (java/archive_parser.go), outside and nested.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jar", ".war", ".ear", ".par", ".sar", ".nar", ".jpi", ".hpi", ".kar", ".lpkg"];

    internal const string ManifestPath = "META-INF/MANIFEST.MF";
    private const string MavenDirectory = "META-INF/maven/";

    // What Syft tries for a name when neither pom.properties nor the file name gives one (parse_java_manifest.go).
    private static readonly string[] NameAttributes = ["Name", "Bundle-Name", "Short-Name", "Extension-Name", "Implementation-Title"];
    private static readonly string[] VersionAttributes = ["Implementation-Version", "Specification-Version", "Plugin-Version", "Bundle-Version"];
    private static readonly string[] LicenseAttributes = ["Bundle-License", "Plugin-License-Name"];

    // Where Syft looks for a groupId in a manifest (internal/cpegenerate/java.go): the secondary attributes only when the
    // primary give none, and only values starting like a reversed domain.
    private static readonly string[] PrimaryGroupAttributes =
        ["Group-Id", "Bundle-SymbolicName", "Extension-Name", "Specification-Vendor", "Implementation-Vendor", "Implementation-Vendor-Id", "Implementation-Title", "Bundle-Activator"];

    private static readonly string[] SecondaryGroupAttributes = ["Automatic-Module-Name", "Main-Class", "Package"];
    private static readonly string[] DomainPrefixes = ["com", "org", "net", "io", "be"];

    /// <summary>
    /// The artifacts of the archive at <paramref name="path"/> and of those nested in it, from what
    /// <see cref="JavaArchiveInspector"/> kept of it; problems go to <paramref name="warn"/>, prefixed with the nested
    /// path they concern. An archive that is not a readable zip archive, or is nested in one, yields nothing; when a
    /// limit stopped the reading, what was found before is returned.
    /// </summary>
    public static IReadOnlyList<JavaArtifact> Read(ReadOnlyMemory<byte> extract, string path, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(warn);
        var reading = new Reading(path, warn);
        var kept = new Dictionary<string, List<(string Name, byte[] Bytes)>>(StringComparer.Ordinal);
        var ended = new HashSet<string>(StringComparer.Ordinal);
        var failed = new List<string>();
        string? limit = null;
        foreach (var (kind, location, text, bytes) in JavaArchiveExtract.Records(extract))
        {
            switch (kind)
            {
                case JavaArchiveExtract.Kind.Entry:
                    (kept.TryGetValue(location, out var entries) ? entries : kept[location] = []).Add((text, bytes));
                    break;
                case JavaArchiveExtract.Kind.End:
                    ended.Add(location);
                    break;
                case JavaArchiveExtract.Kind.Failed:
                    failed.Add(location);
                    warn(Where(location) + text);
                    break;
                case JavaArchiveExtract.Kind.Limit:
                    limit = Where(location) + text;
                    break;
                default:
                    warn(Where(location) + text);
                    break;
            }
        }

        var readable = limit is null ? ended : ended.Union(kept.Keys, StringComparer.Ordinal);
        foreach (var location in readable.Where(l => !failed.Exists(f => IsWithin(l, f))).Order(StringComparer.Ordinal))
        {
            reading.Archive(location, kept.GetValueOrDefault(location) ?? []);
        }

        if (limit is not null)
        {
            warn($"{limit}; the {reading.Found.Count} artifacts found before are reported, the rest of the archive is not read");
        }

        return reading.Found;
    }

    /// <summary>Whether the entry name is one of the archive kinds read, nested or not.</summary>
    internal static bool IsArchive(string name) =>
        !name.EndsWith('/') && Extensions.Any(x => name.EndsWith(x, StringComparison.OrdinalIgnoreCase));

    internal static bool IsPomProperties(string name) =>
        name.StartsWith(MavenDirectory, StringComparison.Ordinal) && name.EndsWith("/pom.properties", StringComparison.Ordinal);

    /// <summary>A stream over the bytes without copying them when they are an array, as the inspector keeps them.</summary>
    internal static MemoryStream ReadOnlyStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is { } array
            ? new MemoryStream(array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>Nested locations are relative to the archive of the image, which the caller names.</summary>
    private static string Where(string location) => location.Length > 0 ? $"{location}: " : string.Empty;

    private static bool IsWithin(string location, string archive) =>
        archive.Length == 0 || location == archive || location.StartsWith(archive + ":", StringComparison.Ordinal);

    /// <summary>The artifacts found in one archive of the image and those nested in it.</summary>
    private sealed class Reading(string path, Action<string> warn)
    {
        private readonly HashSet<JavaArtifact> _seen = [];

        public List<JavaArtifact> Found { get; } = [];

        public void Archive(string location, List<(string Name, byte[] Bytes)> entries)
        {
            var manifestEntry = entries.Find(e => e.Name.Equals(ManifestPath, StringComparison.OrdinalIgnoreCase));
            var manifest = manifestEntry.Bytes is { } text
                ? JavaManifest.Parse(EvidenceFiles.Decode(text), problem => warn(Where(location) + problem))
                : null;
            var poms = entries
                .Where(e => IsPomProperties(e.Name))
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .Select(e => PomProperties.Parse(EvidenceFiles.Decode(e.Bytes)))
                .OfType<PomProperties>()
                .ToList();
            Identify(location.Length == 0 ? path : $"{path}:{location}", location, manifest, poms);
        }

        private void Identify(string location, string nested, JavaManifest? manifest, List<PomProperties> poms)
        {
            var fileName = JavaArchiveName.Parse(location);
            var licenses = manifest is null ? [] : LicenseAttributes.Select(manifest.Any).OfType<string>().ToList();
            var own = poms.Count == 1 && fileName.Name.Length > 0 && poms[0].ArtifactId.StartsWith(fileName.Name, StringComparison.Ordinal) ? poms[0] : null;
            if (own is null && SelectName(manifest, fileName) is { } name)
            {
                own = poms.Find(p => p.ArtifactId == name);
                if (own is null)
                {
                    if (SelectVersion(manifest, fileName) is { } version)
                    {
                        Add(new JavaArtifact(manifest is null ? name : ManifestGroup(manifest) ?? name, name, version, licenses, location));
                    }
                    else if (poms.Count == 0)
                    {
                        warn($"{Where(nested)}no version in the file name, MANIFEST.MF or a pom.properties, not reported");
                    }
                }
            }

            foreach (var pom in poms)
            {
                Add(new JavaArtifact(pom.GroupId ?? pom.ArtifactId, pom.ArtifactId, pom.Version, pom == own ? licenses : [], location));
            }
        }

        private void Add(JavaArtifact artifact)
        {
            if (_seen.Add(artifact with { Licenses = [] }))
            {
                Found.Add(artifact);
            }
        }
    }

    /// <summary>
    /// Syft's order (parse_java_manifest.go): the last part of <c>Bundle-SymbolicName</c> for bundles the Apache Maven
    /// Bundle Plugin made, then the file name, then the manifest's own naming attributes.
    /// </summary>
    private static string? SelectName(JavaManifest? manifest, JavaArchiveName fileName)
    {
        if (manifest?.Main("Created-By")?.Contains("Apache Maven Bundle Plugin", StringComparison.Ordinal) == true
            && manifest.Main("Bundle-SymbolicName") is { } symbolic && CleanGroup(symbolic) is { Length: > 0 } bundle
            && bundle != manifest.Main("Implementation-Vendor-Id"))
        {
            return bundle.Split('.')[^1];
        }

        return fileName.Name.Length > 0 ? fileName.Name : NameAttributes.Select(a => manifest?.Main(a)).FirstOrDefault(n => n is not null);
    }

    private static string? SelectVersion(JavaManifest? manifest, JavaArchiveName fileName) =>
        fileName.Version.Length > 0 ? fileName.Version : VersionAttributes.Select(a => manifest?.Any(a)).FirstOrDefault(v => v is not null);

    /// <summary>The alphabetically first domain-like value of the primary attributes, else of the secondary ones (as Syft sorts them).</summary>
    private static string? ManifestGroup(JavaManifest manifest) =>
        GroupCandidates(manifest, PrimaryGroupAttributes) ?? GroupCandidates(manifest, SecondaryGroupAttributes);

    private static string? GroupCandidates(JavaManifest manifest, string[] attributes) => attributes
        .SelectMany(manifest.All)
        .Where(v => DomainPrefixes.Any(d => v.StartsWith(d, StringComparison.Ordinal)))
        .Select(CleanGroup)
        .Where(v => v.Length > 0)
        .Order(StringComparer.Ordinal)
        .FirstOrDefault();

    /// <summary>Without OSGi directives (<c>org.bar;singleton:=true</c>) and fragments.</summary>
    private static string CleanGroup(string value) => value.Split(';')[0].Split('#')[0].Trim();
}
