using Rampart.Core.Packages;

namespace Rampart.Catalogers.Common;

/// <summary>Qualifier values shared by the OS package purls (reference sbom-catalogers.md §4.2).</summary>
internal static class Purls
{
    /// <summary><c>ID-VERSION_ID</c> (or <c>ID-BUILD_ID</c> for rolling distributions), as Syft writes <c>distro=</c>; null when unknown.</summary>
    public static string? Distro(OsRelease? os)
    {
        if (os is null)
        {
            return null;
        }

        var version = os.VersionId ?? (os.Fields.TryGetValue("BUILD_ID", out var build) ? build : null);
        return string.IsNullOrEmpty(version) ? null : $"{os.Id}-{version}";
    }

    /// <summary>Qualifiers without the empty ones, so the encoder never sees a null.</summary>
    public static Dictionary<string, string> Qualifiers(params (string Key, string? Value)[] pairs)
    {
        var qualifiers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (!string.IsNullOrEmpty(value))
            {
                qualifiers[key] = value;
            }
        }

        return qualifiers;
    }
}
