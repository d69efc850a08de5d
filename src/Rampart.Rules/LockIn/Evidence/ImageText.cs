using System.Text;
using Rampart.Core.Files;

namespace Rampart.Rules.LockIn.Evidence;

/// <summary>Small reads over the file view that several criteria share.</summary>
internal static class ImageText
{
    /// <summary>The text of the regular file <paramref name="path"/> leads to, when its bytes were kept.</summary>
    public static string? Read(IFileView files, string path)
    {
        var entry = files.Resolve(path);
        if (entry is null || !entry.IsRegular)
        {
            return null;
        }

        return files.ReadContent(entry) is { } bytes ? Encoding.UTF8.GetString(bytes.Span) : null;
    }

    /// <summary>Whether <paramref name="path"/> leads to something once links are followed.</summary>
    public static bool Exists(IFileView files, string path) => files.Resolve(path) is not null;

    /// <summary>Entries strictly below <paramref name="directory"/>, as written (links not followed).</summary>
    public static IEnumerable<FileEntry> Below(IFileView files, string directory)
    {
        var prefix = directory.EndsWith('/') ? directory : directory + "/";
        return files.Entries.Where(e => e.Path.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Lines without comments and surrounding blanks.</summary>
    public static IEnumerable<string> MeaningfulLines(string text) =>
        text.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
}
