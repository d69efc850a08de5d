namespace Rampart.Reporting.Results;

/// <summary>What stays the same about an image reference from one build to the next.</summary>
internal static class ImageReferences
{
    private static readonly string[] ReferenceSchemes = ["docker:", "registry:"];

    private static readonly string[] PathSchemes = ["docker-archive:", "oci-archive:", "oci-dir:", "dir:"];

    /// <summary>
    /// The image's name without scheme, tag or digest (<c>registry:registry.example.com/team/app:1.4</c> gives
    /// <c>registry.example.com/team/app</c>); for archives and directories, their path. Whitespace and control
    /// characters become '_', and the result has no leading or trailing '/'.
    /// </summary>
    public static string Repository(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var pathScheme = PathSchemes.FirstOrDefault(s => reference.StartsWith(s, StringComparison.Ordinal));
        if (pathScheme is not null)
        {
            return Clean(reference[pathScheme.Length..]);
        }

        var scheme = ReferenceSchemes.FirstOrDefault(s => reference.StartsWith(s, StringComparison.Ordinal));
        var name = scheme is null ? reference : reference[scheme.Length..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        var tag = name.LastIndexOf(':');
        if (tag > name.LastIndexOf('/'))
        {
            name = name[..tag];
        }

        return Clean(name);
    }

    private static string Clean(string text) => string.Concat(text.Select(c => char.IsWhiteSpace(c) || char.IsControl(c) ? '_' : c)).Trim('/');
}
