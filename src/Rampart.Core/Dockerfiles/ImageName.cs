namespace Rampart.Core.Dockerfiles;

/// <summary>An image reference split into repository, tag and digest: <c>registry:5000/team/app:1.2@sha256:...</c>.</summary>
/// <param name="Repository">Everything before the tag and digest, registry included when written.</param>
/// <param name="Tag">The tag as written, or <see langword="null"/> when none was (the engine then uses <c>latest</c>).</param>
/// <param name="Digest">The digest after <c>@</c>, when pinned.</param>
public sealed record ImageName(string Repository, string? Tag, string? Digest)
{
    /// <summary>Splits <paramref name="reference"/>; a colon before the last slash belongs to a registry port, not a tag.</summary>
    public static ImageName Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        var digest = at < 0 ? null : reference[(at + 1)..];
        var name = at < 0 ? reference : reference[..at];
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/')
            ? new ImageName(name[..colon], name[(colon + 1)..], digest)
            : new ImageName(name, null, digest);
    }

    /// <summary>True when the reference floats on <c>latest</c>: tagged <c>latest</c> or untagged, and not pinned by digest.</summary>
    public bool FloatsOnLatest => Digest is null && (Tag is null || Tag == "latest");
}
