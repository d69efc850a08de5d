using Rampart.Core.Files;

namespace Rampart.Rules.Hardening.Support;

/// <summary>Finds programs by name in the usual binary directories, following symlinks such as <c>/bin -> usr/bin</c>.</summary>
internal static class Programs
{
    private static readonly string[] Directories = ["/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin"];

    /// <summary>The regular files the names resolve to, one per file, in name order.</summary>
    public static IReadOnlyList<FileEntry> Find(IFileView files, IEnumerable<string> names) =>
        names.SelectMany(n => Directories.Select(d => files.Resolve($"{d}/{n}")))
            .OfType<FileEntry>()
            .Where(e => e.IsRegular)
            .DistinctBy(e => e.Path)
            .ToList();
}
