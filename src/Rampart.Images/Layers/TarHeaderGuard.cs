using System.Buffers.Text;

namespace Rampart.Images.Layers;

/// <summary>
/// Watches the tar headers passing through to a <see cref="System.Formats.Tar.TarReader"/> and stops an archive whose PAX
/// or GNU long-name record claims more than a limit. TarReader allocates such a record whole before reading it, so a
/// layer of a few hundred bytes whose header claims a 1 GiB record would otherwise cost 1 GiB of memory per layer.
/// It follows entry sizes as TarReader does (the header's size field, or the <c>size</c> record of a PAX header), and
/// stops watching at a header it cannot parse, which TarReader then rejects on its own. Since it sees each PAX header's
/// bytes anyway, it keeps those of the entry TarReader last returned (<see cref="EntryRecords"/>): TarReader decodes
/// values as UTF-8, which mangles the raw bytes of extended attributes.
/// </summary>
internal sealed class TarHeaderGuard : Stream
{
    private const int Block = 512;

    private readonly Stream _inner;
    private readonly long _maxRecordBytes;
    private readonly Func<long, char, long, Exception> _tooLarge;
    private readonly byte[] _header = new byte[Block];
    private byte[]? _pax;
    private byte[]? _pendingRecords;
    private byte[]? _entryRecords;
    private int _paxFilled;
    private long _paxStart;
    private long? _sizeOverride;
    private long _position;
    private long _nextHeader;
    private int _headerFilled;
    private bool _lost;

    /// <param name="inner">The tar stream; left open.</param>
    /// <param name="maxRecordBytes">Largest PAX or GNU long-name record accepted.</param>
    /// <param name="tooLarge">Makes the error for a record at (header offset, type flag, claimed size).</param>
    public TarHeaderGuard(Stream inner, long maxRecordBytes, Func<long, char, long, Exception> tooLarge)
    {
        _inner = inner;
        _maxRecordBytes = maxRecordBytes;
        _tooLarge = tooLarge;
        _position = inner.CanSeek ? inner.Position : 0;
        _nextHeader = _position;
    }

    /// <summary>
    /// The PAX records (<see cref="PaxRecords"/>) in front of the last entry header read, which is the entry TarReader has
    /// just returned; empty when it had none or the guard lost track of the headers.
    /// </summary>
    public ReadOnlySpan<byte> EntryRecords => _lost ? default : _entryRecords;

    public override bool CanRead => true;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Inspect(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Inspect(buffer.Span[..read]);
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var position = _inner.Seek(offset, origin);
        if (position > _nextHeader + _headerFilled && _headerFilled > 0 || position < _position)
        {
            _lost = true;
        }

        _position = position;
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Inspect(ReadOnlySpan<byte> bytes)
    {
        var start = _position;
        _position += bytes.Length;
        while (!_lost)
        {
            if (_pax is not null)
            {
                var paxOffset = _paxStart + _paxFilled - start;
                if (paxOffset >= bytes.Length)
                {
                    return;
                }

                if (paxOffset < 0)
                {
                    _lost = true;
                    return;
                }

                var paxTake = (int)Math.Min(_pax.Length - _paxFilled, bytes.Length - paxOffset);
                bytes.Slice((int)paxOffset, paxTake).CopyTo(_pax.AsSpan(_paxFilled));
                _paxFilled += paxTake;
                if (_paxFilled < _pax.Length)
                {
                    return;
                }

                _sizeOverride = PaxRecords.TryFind(_pax, "size", out var size) && Utf8Parser.TryParse(size, out long value, out _)
                    ? value
                    : null;
                _pendingRecords = _pax;
                _pax = null;
                continue;
            }

            var offset = _nextHeader + _headerFilled - start;
            if (offset >= bytes.Length)
            {
                return;
            }

            if (offset < 0)
            {
                _lost = true;
                return;
            }

            var take = (int)Math.Min(Block - _headerFilled, bytes.Length - offset);
            bytes.Slice((int)offset, take).CopyTo(_header.AsSpan(_headerFilled));
            _headerFilled += take;
            if (_headerFilled < Block)
            {
                return;
            }

            _headerFilled = 0;
            CheckHeader();
        }
    }

    private void CheckHeader()
    {
        var headerStart = _nextHeader;
        if (!_header.AsSpan().ContainsAnyExcept((byte)0))
        {
            _nextHeader += Block;
            return;
        }

        if (!TryParseSize(_header.AsSpan(124, 12), out var size))
        {
            _lost = true;
            return;
        }

        var type = (char)_header[156];
        var isRecord = type is 'x' or 'g' or 'X' or 'L' or 'K';
        if (isRecord && size > _maxRecordBytes)
        {
            throw _tooLarge(headerStart, type, size);
        }

        if (!isRecord && _sizeOverride is { } paxSize)
        {
            size = paxSize;
        }

        if (!isRecord)
        {
            _sizeOverride = null;
            _entryRecords = _pendingRecords;
            _pendingRecords = null;
        }

        if (size > long.MaxValue / 4)
        {
            _lost = true;
            return;
        }

        _nextHeader = headerStart + Block + ((size + Block - 1) / Block * Block);
        if (type is 'x' or 'X' && size > 0)
        {
            _pax = new byte[size];
            _paxFilled = 0;
            _paxStart = headerStart + Block;
        }
    }

    /// <summary>Octal digits (NUL- or space-padded) or GNU base-256 (high bit of the first byte set).</summary>
    private static bool TryParseSize(ReadOnlySpan<byte> field, out long size)
    {
        size = 0;
        if ((field[0] & 0x80) != 0)
        {
            if ((field[0] & 0x7F) != 0 || field[1..4].ContainsAnyExcept((byte)0))
            {
                return false;
            }

            foreach (var b in field[4..])
            {
                size = (size << 8) | b;
            }

            return size >= 0;
        }

        var digits = field.Trim((byte)0).Trim((byte)' ');
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'7')
            {
                return false;
            }

            size = (size * 8) + (b - '0');
        }

        return true;
    }
}
