namespace Rampart.Core.Files;

/// <summary>
/// One path of an image as its layer recorded it: header facts only, never content.
/// </summary>
/// <param name="Path">Absolute and normalised: <c>/etc/passwd</c>.</param>
/// <param name="Kind">Regular file, directory, link or special file.</param>
/// <param name="Mode">Permission bits including setuid, setgid and sticky.</param>
/// <param name="Uid">Owner user id.</param>
/// <param name="Gid">Owner group id.</param>
/// <param name="Size">Size in bytes of a regular file's content, else 0.</param>
/// <param name="LinkTarget">Target of a symlink as written, or the absolute path a hard link points at.</param>
/// <param name="Layer">Index of the layer that last wrote this path, base layer first.</param>
public sealed record FileEntry(
    string Path,
    FileKind Kind,
    UnixFileMode Mode,
    int Uid,
    int Gid,
    long Size,
    string? LinkTarget,
    int Layer)
{
    /// <summary>The file capabilities its <c>security.capability</c> attribute grants, when it has them.</summary>
    public FileCapabilities? Capabilities { get; init; }

    public bool IsRegular => Kind is FileKind.Regular or FileKind.HardLink;

    public bool IsSetuid => (Mode & UnixFileMode.SetUser) != 0;

    public bool IsSetgid => (Mode & UnixFileMode.SetGroup) != 0;

    public bool IsWorldWritable => (Mode & UnixFileMode.OtherWrite) != 0;
}
