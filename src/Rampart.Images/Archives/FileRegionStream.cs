using Microsoft.Win32.SafeHandles;

namespace Rampart.Images.Archives;

/// <summary>
/// A forward-only view of one region of a file, read with positional reads so that several regions of the same
/// handle can be streamed in parallel.
/// </summary>
internal sealed class FileRegionStream(SafeFileHandle handle, long offset, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        return Advance(RandomAccess.Read(handle, buffer[..wanted], offset + _position));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        return Advance(await RandomAccess.ReadAsync(handle, buffer[..wanted], offset + _position, cancellationToken).ConfigureAwait(false));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Wanted(int capacity) => (int)Math.Min(capacity, length - _position);

    private int Advance(int read)
    {
        if (read == 0)
        {
            throw new EndOfStreamException($"the file ends {length - _position} bytes before the end of the entry it lists");
        }

        _position += read;
        return read;
    }
}
