using System.Text.Json;
using Rampart.Catalogers.Common;

namespace Rampart.Catalogers.Php;

/// <summary>A package Composer installed, from <c>vendor/composer/installed.json</c>.</summary>
/// <param name="Name"><c>vendor/name</c>, as Composer spells it (lower case).</param>
/// <param name="Version">The version as Composer shows it (<c>v6.4.0</c>, <c>3.5.0</c>, <c>dev-main</c>).</param>
/// <param name="Licenses"><c>license</c>: an array of SPDX ids or one string.</param>
/// <param name="Authors">Names in <c>authors</c>.</param>
/// <param name="Description">Description.</param>
/// <param name="Requires">Package names in <c>require</c>; platform requirements (<c>php</c>, <c>ext-*</c>, <c>lib-*</c>) have no vendor and are left out.</param>
public sealed record ComposerPackage(
    string Name, string Version, IReadOnlyList<string> Licenses, IReadOnlyList<string> Authors, string? Description, IReadOnlyList<string> Requires);

/// <summary>
/// Composer's record of what it installed, <c>vendor/composer/installed.json</c> (no published schema: it is what
/// Composer's <c>FilesystemRepository</c> writes): Composer 2 writes <c>{"packages": [...]}</c>, Composer 1 the bare
/// array. Each package object carries the fields of the package's <c>composer.json</c> (https://getcomposer.org/doc/04-schema.md)
/// with its <c>version</c>, <c>source</c> and <c>dist</c>.
/// </summary>
public static class ComposerInstalled
{
    /// <summary>Reads <paramref name="json"/>; malformed JSON gives nothing and a warning, a package without name or version is skipped with one.</summary>
    public static IReadOnlyList<ComposerPackage> Parse(ReadOnlySpan<byte> json, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (Json.Parse(json, warn) is not { } root)
        {
            return [];
        }

        var list = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("packages", out var packages) ? packages : root;
        if (list.ValueKind != JsonValueKind.Array)
        {
            warn("neither a package array (Composer 1) nor an object with a packages array (Composer 2), skipped");
            return [];
        }

        var found = new List<ComposerPackage>();
        var index = 0;
        foreach (var package in list.EnumerateArray())
        {
            if (package.ValueKind != JsonValueKind.Object || Json.Text(package, "name") is not { } name || Json.Text(package, "version") is not { } version)
            {
                warn($"package {index} has no name or version, skipped");
            }
            else
            {
                found.Add(new ComposerPackage(
                    name,
                    version,
                    LicensesOf(package),
                    package.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array
                        ? authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => Json.Text(a, "name")).OfType<string>().ToList()
                        : [],
                    Json.Text(package, "description"),
                    package.TryGetProperty("require", out var require) && require.ValueKind == JsonValueKind.Object
                        ? require.EnumerateObject().Select(r => r.Name).Where(r => r.Contains('/', StringComparison.Ordinal)).ToList()
                        : []));
            }

            index++;
        }

        return found;
    }

    private static List<string> LicensesOf(JsonElement package)
    {
        if (!package.TryGetProperty("license", out var license))
        {
            return [];
        }

        return license.ValueKind switch
        {
            JsonValueKind.String when license.GetString() is { Length: > 0 } single => [single],
            JsonValueKind.Array => license.EnumerateArray()
                .Where(l => l.ValueKind == JsonValueKind.String)
                .Select(l => l.GetString())
                .OfType<string>()
                .Where(l => l.Length > 0)
                .ToList(),
            _ => [],
        };
    }
}
