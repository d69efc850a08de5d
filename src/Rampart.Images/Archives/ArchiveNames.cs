using Rampart.Core.Files;

namespace Rampart.Images.Archives;

/// <summary>Names of entries in an outer archive (docker-archive, oci-archive), relative to the archive root.</summary>
internal static class ArchiveNames
{
    private const int MaxLinkHops = 8;

    /// <summary><c>./blobs//sha256/x</c> becomes <c>blobs/sha256/x</c>; <see langword="null"/> when the name climbs above the root.</summary>
    public static string? Normalize(string name) => ImagePath.Normalize(name)?[1..];

    /// <summary>Where a link entry points, relative to the archive root; symlinks are relative to their directory, hard links to the root.</summary>
    public static string? LinkTarget(string name, string linkName, bool symbolic) =>
        symbolic ? ImagePath.Combine(ImagePath.Parent("/" + name), linkName)[1..] : Normalize(linkName);

    /// <summary>Follows links between entries (legacy docker-archives link identical layers), at most a few hops.</summary>
    public static string Resolve(string name, IReadOnlyDictionary<string, string> links)
    {
        for (var hop = 0; hop < MaxLinkHops && links.TryGetValue(name, out var target); hop++)
        {
            name = target;
        }

        return name;
    }
}
