namespace Rampart.Images.Engine;

/// <summary>Image references as the engine takes them: <c>name[:tag][@digest]</c> or an image id.</summary>
internal static class ImageReferences
{
    /// <summary>
    /// Splits a reference into what the pull endpoint wants: the repository, and a tag or digest. A reference without
    /// either gets <c>latest</c>; an empty tag would pull every tag of the repository.
    /// </summary>
    public static (string Repository, string Tag) SplitForPull(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (reference[..at], reference[(at + 1)..]);
        }

        var lastSlash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon > lastSlash ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }

    /// <summary>The repository part of a reference, without tag or digest: what <c>RepoDigests</c> entries start with.</summary>
    public static string Repository(string reference) => SplitForPull(reference).Repository;

    /// <summary>Whether the reference is an image id (<c>sha256:…</c> or a bare hex prefix of 12 or more characters).</summary>
    public static bool IsImageId(string reference)
    {
        var hex = reference.StartsWith("sha256:", StringComparison.Ordinal) ? reference["sha256:".Length..] : reference;
        return hex.Length is >= 12 and <= 64 && hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
    }
}
