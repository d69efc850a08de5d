using System.Text.RegularExpressions;
using Rampart.Core.Images;

namespace Rampart.Reporting.CycloneDx;

/// <summary>The repository an image is known by, parsed from its first tag or from the reference the user gave.</summary>
/// <param name="Registry">The registry host as written, <see langword="null"/> for Docker Hub short names.</param>
/// <param name="Repository">The repository path as written, without registry, tag or digest.</param>
/// <param name="Tag">The tag, when the reference names one.</param>
internal sealed partial record ImageName(string? Registry, string Repository, string? Tag)
{
    private const string DockerHub = "docker.io";

    private static readonly string[] ReferenceSchemes = ["docker:", "registry:"];

    private static readonly string[] PathSchemes = ["docker-archive:", "oci-archive:", "oci-dir:", "dir:"];

    /// <summary>The repository as the user wrote it: <c>alpine</c>, <c>ghcr.io/org/app</c>.</summary>
    public string Name => Registry is null ? Repository : $"{Registry}/{Repository}";

    /// <summary>Where the image can be fetched, Docker Hub short names spelled out: <c>docker.io/library/alpine</c>.</summary>
    public string RepositoryUrl => Registry is not null
        ? $"{Registry}/{Repository}"
        : Repository.Contains('/', StringComparison.Ordinal) ? $"{DockerHub}/{Repository}" : $"{DockerHub}/library/{Repository}";

    /// <summary>The last path segment, lower-case, as the <c>oci</c> purl type names an image.</summary>
    public string PurlName => Repository[(Repository.LastIndexOf('/') + 1)..].ToLowerInvariant();

    /// <summary>The name from the first repo tag, else from the reference when it names a repository rather than a path.</summary>
    public static ImageName? Of(ImageDescriptor image)
    {
        foreach (var tag in image.RepoTags)
        {
            if (TryParse(tag) is { } fromTag)
            {
                return fromTag;
            }
        }

        var reference = image.Reference;
        if (PathSchemes.Any(s => reference.StartsWith(s, StringComparison.Ordinal)))
        {
            return null;
        }

        var scheme = ReferenceSchemes.FirstOrDefault(s => reference.StartsWith(s, StringComparison.Ordinal));
        return TryParse(scheme is null ? reference : reference[scheme.Length..]);
    }

    /// <summary>The user's reference without the source scheme, for naming images no repository is known for.</summary>
    public static string WithoutScheme(string reference)
    {
        var scheme = ReferenceSchemes.Concat(PathSchemes).FirstOrDefault(s => reference.StartsWith(s, StringComparison.Ordinal));
        return scheme is null ? reference : reference[scheme.Length..];
    }

    private static ImageName? TryParse(string reference)
    {
        var rest = reference;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!DigestPattern().IsMatch(rest[(at + 1)..]))
            {
                return null;
            }

            rest = rest[..at];
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            if (!TagPattern().IsMatch(tag))
            {
                return null;
            }

            rest = rest[..colon];
        }

        string? registry = null;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = rest[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                if (!RegistryPattern().IsMatch(first))
                {
                    return null;
                }

                registry = first;
                rest = rest[(slash + 1)..];
            }
        }

        return rest.Split('/').All(RepositoryComponentPattern().IsMatch) ? new ImageName(registry, rest, tag) : null;
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex RepositoryComponentPattern();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]+)?$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex DigestPattern();
}
