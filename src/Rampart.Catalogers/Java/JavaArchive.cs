using System.IO.Compression;
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
/// <see cref="JavaArchiveLimits"/>. A corrupt archive or entry is skipped with a warning.
/// </summary>
public static class JavaArchive
{
    /// <summary>The file name endings Syft reads as Java archives (java/archive_parser.go), outside and nested.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jar", ".war", ".ear", ".par", ".sar", ".nar", ".jpi", ".hpi", ".kar", ".lpkg"];

    private const string ManifestPath = "META-INF/MANIFEST.MF";
    private const int InitialBufferBytes = 1024 * 1024;
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
    /// The artifacts of the archive at <paramref name="path"/> and of those nested in it; problems go to <paramref name="warn"/>,
    /// prefixed with the nested path they concern. Reading stops with a warning once <paramref name="limits"/> are reached;
    /// what was found before is returned.
    /// </summary>
    public static IReadOnlyList<JavaArtifact> Read(ReadOnlyMemory<byte> archive, string path, JavaArchiveLimits limits, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(warn);
        var reading = new Reading(path, limits, warn);
        try
        {
            reading.Archive(archive, path, 0);
        }
        catch (LimitReachedException e)
        {
            warn($"{e.Message}; the {reading.Found.Count} artifacts found before are reported, the rest of the archive is not read");
        }

        return reading.Found;
    }

    /// <summary>The state of reading one archive of the image: the budget its nested archives share, and what was found.</summary>
    private sealed class Reading(string path, JavaArchiveLimits limits, Action<string> warn)
    {
        private readonly HashSet<JavaArtifact> _seen = [];
        private long _inflated;
        private long _entries;

        public List<JavaArtifact> Found { get; } = [];

        public void Archive(ReadOnlyMemory<byte> bytes, string location, int depth)
        {
            if (ZipDirectory.DeclaredEntries(bytes.Span) is { } declared && (_entries += declared) > limits.MaxEntries)
            {
                throw new LimitReachedException(
                    $"{Where(location)}declares {declared} entries, more than the {limits.MaxEntries} one archive may hold with its nested archives");
            }

            ZipArchive zip;
            List<ZipArchiveEntry> entries;
            try
            {
                zip = new ZipArchive(ReadOnlyStream(bytes), ZipArchiveMode.Read);
                entries = [.. zip.Entries];
            }
            catch (Exception e) when (IsZipFault(e))
            {
                warn($"{Where(location)}not a readable zip archive ({e.Message}), skipped");
                return;
            }

            using (zip)
            {
                var manifestEntry = entries.Find(e => e.FullName.Equals(ManifestPath, StringComparison.OrdinalIgnoreCase));
                var manifest = manifestEntry is not null && Text(manifestEntry, location) is { } text
                    ? JavaManifest.Parse(text, problem => warn(Where(location) + problem))
                    : null;
                var poms = entries
                    .Where(e => e.FullName.StartsWith(MavenDirectory, StringComparison.Ordinal) && e.FullName.EndsWith("/pom.properties", StringComparison.Ordinal))
                    .OrderBy(e => e.FullName, StringComparer.Ordinal)
                    .Select(e => Text(e, location) is { } properties ? PomProperties.Parse(properties) : null)
                    .OfType<PomProperties>()
                    .ToList();
                Identify(location, manifest, poms);

                foreach (var nested in entries.Where(IsArchive).OrderBy(e => e.FullName, StringComparer.Ordinal))
                {
                    var nestedLocation = $"{location}:{nested.FullName}";
                    if (depth + 1 > limits.MaxDepth)
                    {
                        warn($"{Where(nestedLocation)}nested more than {limits.MaxDepth} archives deep, not read");
                    }
                    else if (Inflate(nested, location, limits.MaxInflatedBytes) is { } inner)
                    {
                        Archive(inner, nestedLocation, depth + 1);
                    }
                }
            }
        }

        private void Identify(string location, JavaManifest? manifest, List<PomProperties> poms)
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
                        warn($"{Where(location)}no version in the file name, MANIFEST.MF or a pom.properties, not reported");
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

        /// <summary>The UTF-8 text of a manifest or pom.properties, or <see langword="null"/> with a warning when it is too big or corrupt.</summary>
        private string? Text(ZipArchiveEntry entry, string location) =>
            Inflate(entry, location, limits.MaxTextBytes) is { } bytes ? EvidenceFiles.Decode(bytes.Span) : null;

        /// <summary>
        /// The inflated bytes of <paramref name="entry"/>, counted as they come rather than trusting the declared size;
        /// <see langword="null"/> with a warning when the entry is corrupt or longer than <paramref name="max"/>.
        /// Throws <see cref="LimitReachedException"/> once the archive as a whole inflates past its limit.
        /// </summary>
        private ReadOnlyMemory<byte>? Inflate(ZipArchiveEntry entry, string location, long max)
        {
            var where = Where($"{location}:{entry.FullName}");
            try
            {
                using var stream = entry.Open();
                // The declared size only sizes the first buffer, and at most modestly: a chain of nested entries each
                // declaring gigabytes must not reserve the whole budget at every level.
                using var buffer = new MemoryStream((int)Math.Clamp(entry.Length, 0, Math.Min(max, InitialBufferBytes)));
                var chunk = new byte[81920];
                int read;
                while ((read = stream.Read(chunk)) > 0)
                {
                    if ((_inflated += read) > limits.MaxInflatedBytes)
                    {
                        throw new LimitReachedException(
                            $"{where}inflates past {limits.MaxInflatedBytes} bytes, the limit for one archive with its nested archives (a zip bomb?)");
                    }

                    if (buffer.Length + read > max)
                    {
                        warn($"{where}larger than {max} bytes inflated, skipped");
                        return null;
                    }

                    buffer.Write(chunk, 0, read);
                }

                return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            }
            catch (Exception e) when (IsZipFault(e))
            {
                warn($"{where}corrupt entry ({e.Message}), skipped");
                return null;
            }
        }

        /// <summary>Nested locations relative to the archive of the image, which the caller names.</summary>
        private string Where(string location) => location.Length > path.Length ? $"{location[(path.Length + 1)..]}: " : string.Empty;
    }

    private static bool IsArchive(ZipArchiveEntry entry) =>
        entry.Name.Length > 0 && Extensions.Any(x => entry.FullName.EndsWith(x, StringComparison.OrdinalIgnoreCase));

    private static bool IsZipFault(Exception e) => e is InvalidDataException or NotSupportedException or IOException;

    /// <summary>A stream over the bytes without copying them when they are an array, as the layer reader keeps them.</summary>
    private static MemoryStream ReadOnlyStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is { } array
            ? new MemoryStream(array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

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

    private sealed class LimitReachedException(string message) : Exception(message);
}
