using System.Buffers;
using Rampart.Catalogers.Common;
using Rampart.Core.Files;

namespace Rampart.Catalogers.Go;

/// <summary>
/// Keeps the Go build information blob of ELF executables as they stream past, wherever they sit in the image. As Go's
/// <c>debug/buildinfo</c> does, it looks in the binary's first writable, non-executable loadable segment, where the
/// linker puts the blob (section <c>.go.buildinfo</c>), for the first 16-byte aligned <see cref="GoBuildInfo.Magic"/>
/// with a valid header; the program headers that name that segment follow the ELF header. It keeps the blob only (a
/// few kilobytes, at most <see cref="GoBuildInfo.MaxLength"/>) and stops reading once past the segment.
/// </summary>
public sealed class GoBuildInfoInspector : IContentInspector
{
    public const string InspectorName = "go-buildinfo";

    /// <summary>Program header tables are a few hundred bytes; a larger one is not read and the whole file is searched.</summary>
    private const int MaxProgramHeaderBytes = 64 * 1024;

    public string Name => InspectorName;

    public IContentInspection? Start(ReadOnlySpan<byte> head, long size) =>
        size > GoBuildInfo.HeaderLength && ElfHeader.Parse(head) is { } elf ? new Inspection(elf) : null;

    private sealed class Inspection : IContentInspection
    {
        private readonly ByteWindow _window = new(GoBuildInfo.HeaderLength);
        private readonly ElfHeader _elf;
        private readonly RangeCapture? _programHeaders;
        private long _offset;
        private (long Start, long End)? _data;
        private ArrayBufferWriter<byte>? _blob;

        public Inspection(ElfHeader elf)
        {
            _elf = elf;
            if (elf.ProgramHeadersLength is > 0 and <= MaxProgramHeaderBytes)
            {
                _programHeaders = new RangeCapture(elf.ProgramHeaderOffset, (int)elf.ProgramHeadersLength);
            }
            else
            {
                _data = (0, long.MaxValue);
            }
        }

        public bool Feed(ReadOnlySpan<byte> chunk)
        {
            if (_blob is not null)
            {
                _blob.Write(chunk[..Math.Min(chunk.Length, GoBuildInfo.MaxLength - _blob.WrittenCount)]);
                _offset += chunk.Length;
                return !BlobComplete();
            }

            if (_programHeaders is { IsComplete: false } programHeaders)
            {
                programHeaders.Take(chunk, _offset);
                if (programHeaders.IsComplete)
                {
                    _data = DataSegment(programHeaders.Bytes);
                }
            }

            _offset += chunk.Length;
            var span = _window.Append(chunk, out var count);
            Scan(span, count);
            return _blob is null ? !(_data is { } data && _window.SpanOffset + count >= data.End) : !BlobComplete();
        }

        public ReadOnlyMemory<byte>? Complete()
        {
            if (_blob is null)
            {
                var span = _window.Finish(out var count);
                Scan(span, count);
            }

            if (_blob is null)
            {
                return null;
            }

            var length = GoBuildInfo.Measure(_blob.WrittenSpan);
            return length > 0 ? _blob.WrittenMemory[..length] : _blob.WrittenMemory;
        }

        /// <summary>As <c>debug/buildinfo</c>: the first loadable segment that is writable and not executable; none in a non-Go binary.</summary>
        private (long, long) DataSegment(ReadOnlySpan<byte> table) =>
            _elf.Segments(table).FirstOrDefault(s => s.Type == ElfSegment.Load && (s.Flags & (ElfSegment.Executable | ElfSegment.Writable)) == ElfSegment.Writable) is { FileSize: > 0 } segment
                ? (segment.Offset, segment.End)
                : (0, 0);

        /// <summary>Looks for the blob at positions <c>[0, count)</c> of <paramref name="span"/>, and starts keeping it when found.</summary>
        private void Scan(ReadOnlySpan<byte> span, int count)
        {
            if (_data is not { } data || _window.SpanOffset + count <= data.Start || _window.SpanOffset >= data.End)
            {
                return;
            }

            var magic = GoBuildInfo.Magic;
            var searched = span[..Math.Min(span.Length, count + magic.Length - 1)];
            for (var from = 0; ;)
            {
                var hit = searched[from..].IndexOf(magic);
                if (hit < 0 || from + hit >= count)
                {
                    return;
                }

                var index = from + hit;
                var offset = _window.SpanOffset + index;
                if (offset % GoBuildInfo.Alignment == 0 && offset >= data.Start && offset < data.End && GoBuildInfo.Measure(span[index..]) != GoBuildInfo.Invalid)
                {
                    _blob = new ArrayBufferWriter<byte>();
                    _blob.Write(span[index..Math.Min(span.Length, index + GoBuildInfo.MaxLength)]);
                    return;
                }

                from = index + 1;
            }
        }

        private bool BlobComplete() =>
            GoBuildInfo.Measure(_blob!.WrittenSpan) != GoBuildInfo.Incomplete || _blob.WrittenCount >= GoBuildInfo.MaxLength;
    }
}
