using System.Text.Json;
using Rampart.Catalogers.Common;

namespace Rampart.Catalogers.Npm;

/// <summary>The fields of an installed package's <c>package.json</c> (https://docs.npmjs.com/cli/configuring-npm/package-json).</summary>
/// <param name="Name">Name, <c>@scope/name</c> for scoped packages.</param>
/// <param name="Version">Version.</param>
/// <param name="Licenses">From <c>license</c> (a string or a legacy <c>{type}</c> object) or the legacy <c>licenses</c> array.</param>
/// <param name="Description">Description.</param>
/// <param name="Dependencies">Names in <c>dependencies</c>.</param>
public sealed record NpmPackageJson(string Name, string Version, IReadOnlyList<string> Licenses, string? Description, IReadOnlyList<string> Dependencies)
{
    /// <summary>Reads <paramref name="json"/>; <see langword="null"/> with a warning when it is not JSON or has no name or version.</summary>
    public static NpmPackageJson? Parse(ReadOnlySpan<byte> json, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (Json.Parse(json, warn) is not { } root)
        {
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object || Json.Text(root, "name") is not { } name || Json.Text(root, "version") is not { } version)
        {
            warn("package.json without name or version, skipped");
            return null;
        }

        return new NpmPackageJson(name, version, LicensesOf(root), Json.Text(root, "description"), Keys(root, "dependencies"));
    }

    private static List<string> LicensesOf(JsonElement root)
    {
        if (root.TryGetProperty("license", out var license))
        {
            return LicenseOf(license) is { } single ? [single] : [];
        }

        return root.TryGetProperty("licenses", out var licenses) && licenses.ValueKind == JsonValueKind.Array
            ? licenses.EnumerateArray().Select(LicenseOf).OfType<string>().ToList()
            : [];
    }

    private static string? LicenseOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
        JsonValueKind.Object => Json.Text(value, "type"),
        _ => null,
    };

    private static List<string> Keys(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Select(p => p.Name).ToList()
            : [];
}
