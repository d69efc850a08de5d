using System.Text;
using DotNet.Globbing;
using Microsoft.Extensions.Logging;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Common;

/// <summary>Finds the files a cataloger reads in a view and decodes their kept bytes.</summary>
internal sealed class EvidenceFiles
{
    private static readonly GlobOptions Options = new() { Evaluation = { CaseInsensitive = false } };
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly Glob[] _globs;

    public EvidenceFiles(params string[] globs)
    {
        Globs = globs;
        _globs = globs.Select(g => Glob.Parse(g, Options)).ToArray();
    }

    public IReadOnlyList<string> Globs { get; }

    /// <summary>Regular files of <paramref name="files"/> whose path matches one of the globs, in path order.</summary>
    public IEnumerable<FileEntry> Matching(IFileView files) =>
        files.Entries.Where(e => e.IsRegular && _globs.Any(g => g.IsMatch(e.Path)));

    /// <summary>
    /// What <paramref name="catalog"/> finds in the kept bytes of each matching file of the context's view (given the
    /// file, its bytes and a warning sink naming it), in <see cref="PackageOrder"/>; a file whose bytes were not kept is
    /// skipped with a warning.
    /// </summary>
    public IEnumerable<Package> CatalogEach(CatalogContext context, Func<FileEntry, ReadOnlyMemory<byte>, Action<string>, IEnumerable<Package>> catalog)
    {
        ArgumentNullException.ThrowIfNull(context);
        var packages = new List<Package>();
        foreach (var file in Matching(context.Files))
        {
            if (Read(context.Files, file, context.Logger) is { } bytes)
            {
                packages.AddRange(catalog(file, bytes, Log.For(context.Logger, file.Path)));
            }
        }

        packages.Sort(PackageOrder.Instance);
        return packages;
    }

    /// <summary>Regular files of <paramref name="files"/> the inspector named <paramref name="inspector"/> kept an extract of, in path order.</summary>
    public static IEnumerable<(FileEntry Entry, ReadOnlyMemory<byte> Extract)> Extracts(IFileView files, string inspector)
    {
        foreach (var entry in files.Entries)
        {
            if (entry.IsRegular && files.ReadExtract(entry, inspector) is { } extract)
            {
                yield return (entry, extract);
            }
        }
    }

    /// <summary>The bytes of <paramref name="entry"/>, or <see langword="null"/> with a warning when the reader did not keep them.</summary>
    public static ReadOnlyMemory<byte>? Read(IFileView files, FileEntry entry, ILogger logger)
    {
        var content = Kept(files, entry);
        if (content is null)
        {
            Log.ContentMissing(logger, entry.Path, entry.Size);
        }

        return content;
    }

    /// <summary>The text of the file <paramref name="path"/> leads to (symlinks followed), or <see langword="null"/> when absent or not kept.</summary>
    public static string? ReadText(IFileView files, string path)
    {
        var entry = files.Resolve(path);
        return entry is { IsRegular: true } && Kept(files, entry) is { } bytes ? Decode(bytes.Span) : null;
    }

    /// <summary>The kept bytes of the regular file at exactly <paramref name="path"/>, or <see langword="null"/>.</summary>
    public static ReadOnlyMemory<byte>? ReadBytes(IFileView files, string path) =>
        files.Find(path) is { IsRegular: true } entry ? Kept(files, entry) : null;

    /// <summary>
    /// The kept bytes, treating empty content for a non-empty file as not kept: <see cref="FileView.Squash"/> hands out
    /// an empty buffer rather than null for files whose bytes it never had (a bare <c>null</c> in a conditional with a
    /// <see cref="ReadOnlyMemory{T}"/> converts to an empty buffer, hence the typed null here).
    /// </summary>
    private static ReadOnlyMemory<byte>? Kept(IFileView files, FileEntry entry) =>
        files.ReadContent(entry) is { } bytes && (bytes.Length > 0 || entry.Size == 0) ? bytes : (ReadOnlyMemory<byte>?)null;

    /// <summary>UTF-8 text; invalid bytes become U+FFFD rather than an exception, and a byte-order mark is dropped.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        return Utf8.GetString(bytes);
    }
}
