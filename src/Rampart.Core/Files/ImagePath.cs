namespace Rampart.Core.Files;

/// <summary>Normalisation of paths inside an image; never touches the host file system.</summary>
public static class ImagePath
{
    /// <summary>
    /// Makes <paramref name="name"/> absolute and clean (<c>./a//b/../c</c> becomes <c>/a/c</c>).
    /// Returns <see langword="null"/> when <c>..</c> would climb above the root: such a name escapes the image.
    /// </summary>
    public static string? Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var segments = new List<string>();
        foreach (var segment in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (segment)
            {
                case ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    continue;
                default:
                    segments.Add(segment);
                    continue;
            }
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>The parent directory of an absolute normalised path; the root is its own parent.</summary>
    public static string Parent(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>The last segment of a path.</summary>
    public static string FileName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path[(path.LastIndexOf('/') + 1)..];
    }

    /// <summary>Joins a directory and a relative name, then normalises; a relative name that climbs above the root stops at the root, as the kernel does.</summary>
    public static string Combine(string directory, string relative)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.StartsWith('/'))
        {
            return Normalize(relative) ?? "/";
        }

        var segments = new List<string>(directory.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var segment in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return "/" + string.Join('/', segments);
    }
}
