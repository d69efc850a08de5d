using System.Text.Json;
using Rampart.Catalogers.Common;

namespace Rampart.Catalogers.DotNet;

/// <summary>A NuGet package an application's <c>*.deps.json</c> says it runs with.</summary>
/// <param name="Name">Package id, case as written.</param>
/// <param name="Version">Package version.</param>
/// <param name="Sha512">The <c>sha512</c> of the library entry, when given.</param>
/// <param name="Dependencies">Names of the target entry's <c>dependencies</c>.</param>
public sealed record DepsJsonPackage(string Name, string Version, string? Sha512, IReadOnlyList<string> Dependencies);

/// <summary>
/// Parses .NET's dependency manifest (https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-configuration-file.md):
/// <c>runtimeTarget.name</c> selects <c>targets[name]</c>, whose entries <c>"Name/Version"</c> list
/// <c>dependencies</c> and the assets (<c>runtime</c>, <c>native</c>, <c>runtimeTargets</c>) the application loads;
/// <c>libraries["Name/Version"].type</c> says <c>package</c>, <c>project</c> or <c>reference</c>.
/// </summary>
public static class DepsJson
{
    private static readonly string[] RuntimeAssetKinds = ["runtime", "native", "runtimeTargets"];

    /// <summary>
    /// Libraries of type <c>package</c> (or <c>runtimepack</c>, prefix dropped) that carry runtime assets in the
    /// selected target, as Trivy keeps them (reference sbom-catalogers.md §3.3); without a target entry, every package
    /// library. Malformed JSON gives nothing and a warning.
    /// </summary>
    public static IReadOnlyList<DepsJsonPackage> Parse(ReadOnlySpan<byte> json, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (Json.Parse(json, warn) is not { } root)
        {
            return [];
        }

        if (root.ValueKind != JsonValueKind.Object || !TryObject(root, "libraries", out var libraries))
        {
            warn("no libraries object, skipped");
            return [];
        }

        var target = TryObject(root, "runtimeTarget", out var runtimeTarget) && Json.Text(runtimeTarget, "name") is { } targetName
            && TryObject(root, "targets", out var targets) && TryObject(targets, targetName, out var selected)
            ? selected
            : (JsonElement?)null;
        var packages = new List<DepsJsonPackage>();
        foreach (var library in libraries.EnumerateObject())
        {
            var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
            var type = library.Value.ValueKind == JsonValueKind.Object ? Json.Text(library.Value, "type") : null;
            if (slash <= 0 || slash == library.Name.Length - 1 || type is not ("package" or "runtimepack"))
            {
                continue;
            }

            JsonElement entry = default;
            var hasEntry = target is { } t && TryObject(t, library.Name, out entry);
            if (target is not null && !(hasEntry && HasRuntimeAssets(entry)))
            {
                continue;
            }

            var name = library.Name[..slash];
            packages.Add(new DepsJsonPackage(
                type == "runtimepack" && name.StartsWith("runtimepack.", StringComparison.Ordinal) ? name["runtimepack.".Length..] : name,
                library.Name[(slash + 1)..],
                Json.Text(library.Value, "sha512"),
                hasEntry && TryObject(entry, "dependencies", out var dependencies) ? dependencies.EnumerateObject().Select(d => d.Name).ToList() : []));
        }

        return packages;
    }

    private static bool HasRuntimeAssets(JsonElement entry) =>
        RuntimeAssetKinds.Any(p => TryObject(entry, p, out var assets) && assets.EnumerateObject().Any());

    private static bool TryObject(JsonElement element, string property, out JsonElement value) =>
        element.TryGetProperty(property, out value) && value.ValueKind == JsonValueKind.Object;
}
