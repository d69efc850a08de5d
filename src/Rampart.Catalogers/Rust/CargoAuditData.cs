using System.IO.Compression;
using System.Text.Json;

namespace Rampart.Catalogers.Rust;

/// <summary>One crate of cargo-auditable's audit data; <see cref="Dependencies"/> are indexes into the same list.</summary>
public sealed record CargoAuditPackage(string Name, string Version, string Source, bool IsBuildOnly, bool IsRoot, IReadOnlyList<int> Dependencies);

/// <summary>
/// The dependency tree cargo-auditable embeds in a Rust executable: zlib-compressed JSON
/// (https://rustsec.org/schemas/cargo-auditable.json: <c>{"packages":[{name, version, source, kind, dependencies, root}]}</c>),
/// read as its PARSING.md asks: output limited to <see cref="MaxJsonBytes"/> against zlib bombs, then validated.
/// </summary>
public static class CargoAuditData
{
    /// <summary>The decompression limit cargo-auditable's own reader (auditable-info) uses.</summary>
    public const int MaxJsonBytes = 8 * 1024 * 1024;

    /// <summary>
    /// The packages of <paramref name="compressed"/>, in the order recorded, or <see langword="null"/> with a warning
    /// when it does not inflate, inflates past the limit or is not the JSON of the schema. A package without a name or
    /// version is skipped, and a dependency index out of range dropped, each with a warning.
    /// </summary>
    public static IReadOnlyList<CargoAuditPackage>? Parse(ReadOnlyMemory<byte> compressed, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (Inflate(compressed, warn) is not { } json)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("packages", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                warn("the .dep-v0 data has no \"packages\" array");
                return null;
            }

            var count = list.GetArrayLength();
            var packages = new List<CargoAuditPackage>(count);
            foreach (var element in list.EnumerateArray())
            {
                if (Package(element, count, packages.Count, warn) is { } package)
                {
                    packages.Add(package);
                }
                else
                {
                    // Kept in its place, as no package, so that the others' dependency indexes still point right.
                    packages.Add(new CargoAuditPackage(string.Empty, string.Empty, string.Empty, true, false, []));
                }
            }

            if (packages.Count(p => p.IsRoot) > 1)
            {
                warn("the .dep-v0 data names more than one root package");
            }

            return packages;
        }
        catch (JsonException e)
        {
            warn($"the .dep-v0 data is not JSON: {e.Message}");
            return null;
        }
    }

    private static CargoAuditPackage? Package(JsonElement element, int count, int index, Action<string> warn)
    {
        var name = Text(element, "name");
        var version = Text(element, "version");
        if (element.ValueKind != JsonValueKind.Object || string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
        {
            warn($"package {index} of the .dep-v0 data has no name or version, skipped");
            return null;
        }

        var dependencies = new List<int>();
        if (element.TryGetProperty("dependencies", out var indexes) && indexes.ValueKind == JsonValueKind.Array)
        {
            foreach (var dependency in indexes.EnumerateArray())
            {
                if (dependency.TryGetInt32(out var target) && target >= 0 && target < count && target != index)
                {
                    dependencies.Add(target);
                }
                else
                {
                    warn($"package {name} {version} of the .dep-v0 data depends on {dependency}, which is not another package of it; dropped");
                }
            }
        }

        return new CargoAuditPackage(
            name,
            version,
            Source(element),
            Text(element, "kind") == "build",
            element.TryGetProperty("root", out var root) && root.ValueKind == JsonValueKind.True,
            dependencies);
    }

    /// <summary><c>crates.io</c>, <c>git</c>, <c>local</c>, <c>registry</c>, or an <c>{"Other": …}</c> source's name.</summary>
    private static string Source(JsonElement element) => element.TryGetProperty("source", out var source) switch
    {
        true when source.ValueKind == JsonValueKind.String => source.GetString()!,
        true when source.ValueKind == JsonValueKind.Object && source.TryGetProperty("Other", out var other) && other.ValueKind == JsonValueKind.String => other.GetString()!,
        _ => string.Empty,
    };

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? Inflate(ReadOnlyMemory<byte> compressed, Action<string> warn)
    {
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            var json = new byte[MaxJsonBytes + 1];
            var length = inflater.ReadAtLeast(json, json.Length, throwOnEndOfStream: false);
            if (length > MaxJsonBytes)
            {
                warn($"the .dep-v0 data inflates to more than {MaxJsonBytes} bytes (a zlib bomb?); not read");
                return null;
            }

            return json.AsSpan(0, length).ToArray();
        }
        catch (InvalidDataException e)
        {
            warn($"the .dep-v0 data is not zlib-compressed: {e.Message}");
            return null;
        }
    }
}
