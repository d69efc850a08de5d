namespace Rampart.Catalogers.Common;

/// <summary>Keeps the bytes of one region of a file, <c>[start, start + length)</c>, while the file streams past in order.</summary>
internal sealed class RangeCapture(long start, int length)
{
    private readonly byte[] _bytes = new byte[length];
    private int _filled;

    public long Start { get; } = start;

    public bool IsComplete => _filled == _bytes.Length;

    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Takes what <paramref name="chunk"/>, which starts at file offset <paramref name="offset"/>, holds of the region.</summary>
    public void Take(ReadOnlySpan<byte> chunk, long offset)
    {
        var from = Math.Max(Start + _filled, offset);
        var to = Math.Min(Start + _bytes.Length, offset + chunk.Length);
        if (from < to && from == Start + _filled)
        {
            chunk[(int)(from - offset)..(int)(to - offset)].CopyTo(_bytes.AsSpan(_filled));
            _filled += (int)(to - from);
        }
    }
}
