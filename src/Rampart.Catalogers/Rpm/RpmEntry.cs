namespace Rampart.Catalogers.Rpm;

/// <summary>One installed rpm package, read from its header.</summary>
/// <param name="Name">NAME.</param>
/// <param name="Version">VERSION.</param>
/// <param name="Release">RELEASE.</param>
/// <param name="Epoch">EPOCH, when the tag exists (0 included).</param>
/// <param name="Architecture">ARCH.</param>
/// <param name="License">LICENSE, as written.</param>
/// <param name="Vendor">VENDOR.</param>
/// <param name="SourceRpm">SOURCERPM: <c>name-version-release.src.rpm</c>.</param>
/// <param name="Summary">SUMMARY.</param>
/// <param name="ModularityLabel">MODULARITYLABEL of a module stream package.</param>
/// <param name="Requires">REQUIRENAME.</param>
/// <param name="Provides">PROVIDENAME.</param>
/// <param name="Files">Installed paths: <c>DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]</c>, or OLDFILENAMES in old headers.</param>
public sealed record RpmEntry(
    string Name,
    string Version,
    string? Release,
    int? Epoch,
    string? Architecture,
    string? License,
    string? Vendor,
    string? SourceRpm,
    string? Summary,
    string? ModularityLabel,
    IReadOnlyList<string> Requires,
    IReadOnlyList<string> Provides,
    IReadOnlyList<string> Files)
{
    /// <summary>
    /// Reads the package fields of <paramref name="header"/>; <see langword="null"/> with a warning when it has no
    /// name or version.
    /// </summary>
    public static RpmEntry? FromHeader(RpmHeader header, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(warn);
        var name = header.Text(RpmTags.Name);
        var version = header.Text(RpmTags.Version);
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
        {
            warn("header without NAME or VERSION, skipped");
            return null;
        }

        return new RpmEntry(
            name,
            version,
            header.Text(RpmTags.Release),
            header.Number(RpmTags.Epoch),
            header.Text(RpmTags.Arch),
            header.Text(RpmTags.License),
            header.Text(RpmTags.Vendor),
            header.Text(RpmTags.SourceRpm),
            header.Text(RpmTags.Summary),
            header.Text(RpmTags.ModularityLabel),
            header.Texts(RpmTags.RequireName),
            header.Texts(RpmTags.ProvideName),
            FilesOf(header, name, warn));
    }

    private static List<string> FilesOf(RpmHeader header, string name, Action<string> warn)
    {
        var baseNames = header.Texts(RpmTags.BaseNames);
        if (baseNames.Count == 0)
        {
            return [.. header.Texts(RpmTags.OldFileNames)];
        }

        var dirNames = header.Texts(RpmTags.DirNames);
        var dirIndexes = header.Numbers(RpmTags.DirIndexes);
        var files = new List<string>(baseNames.Count);
        for (var i = 0; i < baseNames.Count; i++)
        {
            if (i >= dirIndexes.Count || dirIndexes[i] < 0 || dirIndexes[i] >= dirNames.Count)
            {
                warn($"{name}: file '{baseNames[i]}' has no directory, skipped");
                continue;
            }

            files.Add(dirNames[dirIndexes[i]] + baseNames[i]);
        }

        return files;
    }
}
