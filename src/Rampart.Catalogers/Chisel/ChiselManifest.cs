using System.Text.Json;

namespace Rampart.Catalogers.Chisel;

/// <summary>A package a chiselled image was cut from, with the paths its slices put in the image.</summary>
/// <param name="Name">Debian package name.</param>
/// <param name="Version">Debian version, epoch included.</param>
/// <param name="Architecture">Debian architecture.</param>
/// <param name="Sha256">SHA-256 of the .deb the slices were cut from.</param>
/// <param name="Files">Paths written by the package's slices; directories (written with a trailing slash) left out.</param>
public sealed record ChiselPackage(string Name, string Version, string? Architecture, string? Sha256, IReadOnlyList<string> Files);

/// <summary>
/// Parses Chisel's manifest, a "jsonwall" (https://github.com/canonical/chisel, <c>public/manifest</c> and
/// <c>public/jsonwall</c>): a header object, then one JSON object per line whose <c>kind</c> is <c>package</c>
/// (<c>name, version, sha256, arch</c>), <c>slice</c> (<c>name</c> = <c>package_slice</c>), <c>path</c>
/// (<c>path, mode, slices[], sha256, size, link</c>) or <c>content</c>.
/// </summary>
public static class ChiselManifest
{
    /// <summary>Packages in manifest order; lines that are not JSON objects are reported through <paramref name="warn"/> and skipped.</summary>
    public static IReadOnlyList<ChiselPackage> Parse(string text, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(warn);
        var packages = new List<(string Name, string Version, string? Arch, string? Sha256)>();
        var filesByPackage = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            JsonElement record;
            try
            {
                using var document = JsonDocument.Parse(line);
                record = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                warn($"line {lineNumber}: not JSON, skipped");
                continue;
            }

            if (record.ValueKind != JsonValueKind.Object)
            {
                warn($"line {lineNumber}: not a JSON object, skipped");
                continue;
            }

            switch (Text(record, "kind"))
            {
                case "package" when Text(record, "name") is { } name && Text(record, "version") is { } version:
                    packages.Add((name, version, Text(record, "arch"), Text(record, "sha256")));
                    break;
                case "package":
                    warn($"line {lineNumber}: package without name or version, skipped");
                    break;
                case "path" when Text(record, "path") is { } path && !path.EndsWith('/'):
                    foreach (var slice in Slices(record))
                    {
                        var owner = slice.Split('_')[0];
                        if (!filesByPackage.TryGetValue(owner, out var files))
                        {
                            filesByPackage[owner] = files = new SortedSet<string>(StringComparer.Ordinal);
                        }

                        files.Add(path);
                    }

                    break;
                default:
                    break;
            }
        }

        return packages
            .Select(p => new ChiselPackage(p.Name, p.Version, p.Arch, p.Sha256, filesByPackage.TryGetValue(p.Name, out var files) ? [.. files] : []))
            .ToList();
    }

    private static string? Text(JsonElement record, string property) =>
        record.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static IEnumerable<string> Slices(JsonElement record) =>
        record.TryGetProperty("slices", out var slices) && slices.ValueKind == JsonValueKind.Array
            ? slices.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)
            : [];
}
