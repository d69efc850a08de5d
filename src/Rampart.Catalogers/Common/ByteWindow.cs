namespace Rampart.Catalogers.Common;

/// <summary>
/// Hands the positions of a file streamed in chunks to a scanner once each, with at least <c>lookahead</c> bytes after
/// every position (fewer only at the end of the file), however the chunks fall. Keeps one chunk and the lookahead.
/// </summary>
internal sealed class ByteWindow(int lookahead)
{
    private byte[] _buffer = [];
    private int _length;
    private int _handed;

    /// <summary>File offset of the first byte of the span the last <see cref="Append"/> or <see cref="Finish"/> returned.</summary>
    public long SpanOffset { get; private set; }

    /// <summary>
    /// Adds the next chunk and returns the bytes from the first position not yet handed over: positions
    /// <c>[0, count)</c> of the span are handed over now, and the span reaches <c>lookahead</c> bytes past them.
    /// </summary>
    public ReadOnlySpan<byte> Append(ReadOnlySpan<byte> chunk, out int count)
    {
        var kept = DropHanded();
        if (kept + chunk.Length > _buffer.Length)
        {
            var grown = new byte[Math.Max(kept + chunk.Length, _buffer.Length * 2)];
            _buffer.AsSpan(0, kept).CopyTo(grown);
            _buffer = grown;
        }

        chunk.CopyTo(_buffer.AsSpan(kept));
        _length = kept + chunk.Length;
        count = Math.Max(0, _length - lookahead);
        _handed = count;
        return _buffer.AsSpan(0, _length);
    }

    /// <summary>At the end of the file: the positions still held back, with whatever bytes follow them.</summary>
    public ReadOnlySpan<byte> Finish(out int count)
    {
        _length = DropHanded();
        count = _length;
        _handed = count;
        return _buffer.AsSpan(0, _length);
    }

    /// <summary>Moves the positions not handed over yet to the front; returns how many bytes are kept.</summary>
    private int DropHanded()
    {
        var kept = _length - _handed;
        _buffer.AsSpan(_handed, kept).CopyTo(_buffer);
        SpanOffset += _handed;
        _handed = 0;
        return kept;
    }
}
