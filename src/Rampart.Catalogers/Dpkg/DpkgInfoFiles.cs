namespace Rampart.Catalogers.Dpkg;

/// <summary>The per-package files dpkg keeps in <c>/var/lib/dpkg/info/</c> (dpkg(1), deb-md5sums(5), deb-conffiles(5)).</summary>
public static class DpkgInfoFiles
{
    /// <summary><c>&lt;pkg&gt;.list</c>: one absolute path per line, directories included; the root entry <c>/.</c> is dropped.</summary>
    public static IReadOnlyList<string> ParseList(string text) =>
        Lines(text).Where(line => line.StartsWith('/') && line != "/.").ToList();

    /// <summary><c>&lt;pkg&gt;.md5sums</c>: <c>md5  relative/path</c> per line; returns the paths, made absolute.</summary>
    public static IReadOnlyList<string> ParseMd5Sums(string text, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        var paths = new List<string>();
        foreach (var line in Lines(text))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var path = space < 0 ? string.Empty : line[(space + 1)..].TrimStart(' ', '*');
            if (path.Length == 0)
            {
                warn($"'{line}' is not 'md5 path', skipped");
                continue;
            }

            paths.Add(path.StartsWith('/') ? path : "/" + path);
        }

        return paths;
    }

    /// <summary><c>&lt;pkg&gt;.conffiles</c>: an absolute path per line, optionally after flags such as <c>remove-on-upgrade</c>.</summary>
    public static IReadOnlyList<string> ParseConffiles(string text) =>
        Lines(text)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(word => word.StartsWith('/')))
            .OfType<string>()
            .ToList();

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
