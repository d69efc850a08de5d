using Rampart.Catalogers.Common;
using Rampart.Catalogers.Dpkg;
using Rampart.Core.Catalogers;
using Rampart.Core.Packages;
using ZstdSharp;

namespace Rampart.Catalogers.Chisel;

/// <summary>
/// Debian packages of Ubuntu chiselled images, which have no dpkg database: Chisel ≥ 1.0 records the packages it cut
/// slices from in <c>/var/lib/chisel/manifest.wall</c>, zstd-compressed (reference sbom-catalogers.md §2.2).
/// </summary>
public sealed class ChiselCataloger : ICataloger
{
    private static readonly EvidenceFiles Manifests = new("**/var/lib/chisel/manifest.wall");

    private const int MaxManifestBytes = 256 * 1024 * 1024;

    public string Id => "chisel-manifest";

    public IReadOnlyList<string> ContentGlobs => Manifests.Globs;

    public IEnumerable<Package> Catalog(CatalogContext context) =>
        Manifests.CatalogEach(context, (manifest, bytes, warn) =>
        {
            if (Decompress(bytes, warn) is not { } text)
            {
                return [];
            }

            var root = manifest.Path[..^"/var/lib/chisel/manifest.wall".Length];
            return ChiselManifest.Parse(text, warn).Select(entry =>
            {
                var copyright = EvidenceFiles.ReadText(context.Files, $"{root}/usr/share/doc/{entry.Name}/copyright");
                return new Package
                {
                    Name = entry.Name,
                    Version = entry.Version,
                    Type = "deb",
                    FoundBy = Id,
                    Purl = PurlOf(entry, context.Os),
                    Licenses = copyright is null ? [] : DebianCopyrightParser.Parse(copyright),
                    Locations = [manifest.Path],
                    Layer = manifest.Layer,
                    Architecture = entry.Architecture,
                    Files = entry.Files,
                };
            });
        });

    /// <summary>The dpkg purl without <c>upstream=</c>, which the manifest does not record.</summary>
    private static PackageUrl? PurlOf(ChiselPackage entry, OsRelease? os) =>
        os is null || (os.Id != "debian" && !os.IdLike.Contains("debian", StringComparer.Ordinal))
            ? null
            : new PackageUrl("deb", os.Id, entry.Name, entry.Version, Purls.Qualifiers(("arch", entry.Architecture), ("distro", Purls.Distro(os))));

    private static string? Decompress(ReadOnlyMemory<byte> bytes, Action<string> warn)
    {
        if (!bytes.Span.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
        {
            return EvidenceFiles.Decode(bytes.Span);
        }

        try
        {
            using var compressed = new MemoryStream(bytes.ToArray(), writable: false);
            using var zstd = new DecompressionStream(compressed);
            using var plain = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zstd.Read(buffer)) > 0)
            {
                if (plain.Length + read > MaxManifestBytes)
                {
                    warn($"decompresses to more than {MaxManifestBytes} bytes, skipped");
                    return null;
                }

                plain.Write(buffer, 0, read);
            }

            return EvidenceFiles.Decode(plain.GetBuffer().AsSpan(0, (int)plain.Length));
        }
        catch (Exception e) when (e is ZstdException or IOException)
        {
            warn($"not a valid zstd stream: {e.Message}");
            return null;
        }
    }
}
