namespace Rampart.Images.Layers;

/// <summary>
/// A forward-only stream whose first bytes were read ahead to sniff its format; reading it returns them first,
/// then the rest of the inner stream, so nothing is lost on a non-seekable input.
/// </summary>
internal sealed class PeekedStream : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _head;
    private readonly int _headLength;
    private int _headPosition;

    private PeekedStream(Stream inner, byte[] head, int headLength)
    {
        _inner = inner;
        _head = head;
        _headLength = headLength;
    }

    /// <summary>The bytes read ahead: fewer than asked only when the stream is that short.</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _headLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads up to <paramref name="count"/> bytes of <paramref name="inner"/> ahead; <paramref name="inner"/> is left open.</summary>
    public static async Task<PeekedStream> PeekAsync(Stream inner, int count, CancellationToken cancellationToken)
    {
        var head = new byte[count];
        var length = await inner.ReadAtLeastAsync(head, count, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return new PeekedStream(inner, head, length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_headPosition < _headLength)
        {
            return CopyHead(buffer);
        }

        return _inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_headPosition < _headLength)
        {
            return ValueTask.FromResult(CopyHead(buffer.Span));
        }

        return _inner.ReadAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int CopyHead(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _headLength - _headPosition);
        _head.AsSpan(_headPosition, count).CopyTo(buffer);
        _headPosition += count;
        return count;
    }
}
