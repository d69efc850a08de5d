namespace Rampart.Core.Files;

/// <summary>
/// Looks at the bytes of regular files while a reader streams them, for what no glob can name (executables may sit
/// anywhere in an image), and keeps a small extract of each file that holds what it looks for: never the file itself.
/// The extract is kept under <see cref="Name"/> and read back with <see cref="IFileView.ReadExtract"/>.
/// </summary>
public interface IContentInspector
{
    /// <summary>Stable name the extracts are kept under: <c>go-buildinfo</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The inspection of one file of <paramref name="size"/> bytes, or <see langword="null"/> when its first bytes
    /// (<paramref name="head"/>: <see cref="ContentInspection.HeadLength"/> of them, fewer for a smaller file) show it
    /// holds nothing of interest. Called for every regular file, so it must decide from the head alone, and fast.
    /// </summary>
    IContentInspection? Start(ReadOnlySpan<byte> head, long size);
}

/// <summary>One file being inspected: its bytes arrive in order, in chunks of any length; memory it keeps must stay bounded.</summary>
public interface IContentInspection
{
    /// <summary>The next bytes of the file, the first chunk starting at its first byte (the head included); false once it needs no more.</summary>
    bool Feed(ReadOnlySpan<byte> chunk);

    /// <summary>What it kept, or <see langword="null"/> when the file held nothing of interest. Called once, after the last <see cref="Feed"/>.</summary>
    ReadOnlyMemory<byte>? Complete();
}
