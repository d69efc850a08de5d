using System.Security.Cryptography;

namespace Rampart.Images.Layers;

/// <summary>A forward-only read wrapper that counts, and unless told otherwise hashes (sha256), every byte passing through it.</summary>
internal sealed class MeteredReadStream : Stream
{
    private readonly Stream _inner;
    private readonly Action<int>? _onRead;
    private readonly IncrementalHash? _hash;

    /// <param name="inner">The stream read; left open.</param>
    /// <param name="onRead">Called with the count of each read; may throw to stop the read.</param>
    /// <param name="hash">Whether to hash; without it <see cref="Digest"/> is unavailable.</param>
    public MeteredReadStream(Stream inner, Action<int>? onRead = null, bool hash = true)
    {
        _inner = inner;
        _onRead = onRead;
        _hash = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary><c>sha256:</c> and the lowercase hex digest of the bytes read so far.</summary>
    public string Digest() =>
        "sha256:" + Convert.ToHexStringLower((_hash ?? throw new InvalidOperationException("this stream was made without hashing")).GetCurrentHash());

    /// <summary>Reads to the end, so that the count and digest cover the whole stream.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Account(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Account(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Account(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        _hash?.AppendData(bytes);
        BytesRead += bytes.Length;
        _onRead?.Invoke(bytes.Length);
    }
}
