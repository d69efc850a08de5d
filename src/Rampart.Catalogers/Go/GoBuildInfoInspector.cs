using System.Buffers;
using Rampart.Catalogers.Common;
using Rampart.Core.Files;

namespace Rampart.Catalogers.Go;

/// <summary>
/// Keeps the Go build information blob of ELF executables as they stream past, wherever they sit in the image. The
/// linker puts the blob (section <c>.go.buildinfo</c>, whose name is only known from the section headers at the end of
/// the file) at the start of writable data, so it looks in the writable, non-executable loadable segments (there are
/// two in a position-independent executable: relocation read-only data, then data) for the first 16-byte aligned
/// <see cref="GoBuildInfo.Magic"/> with a valid header; the program headers that name the segments follow the ELF
/// header. It keeps the blob only (a few kilobytes, at most <see cref="GoBuildInfo.MaxLength"/>) and stops reading once
/// past the last such segment.
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
        private List<(long Start, long End)>? _data;
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
                _data = [(0, long.MaxValue)];
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
                    _data = DataSegments(programHeaders.Bytes);
                }
            }

            _offset += chunk.Length;
            var span = _window.Append(chunk, out var count);
            Scan(span, count);
            return _blob is null ? !(_data is { } data && _window.SpanOffset + count >= data.Select(d => d.End).DefaultIfEmpty().Max()) : !BlobComplete();
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

        /// <summary>The loadable segments that are writable and not executable; none in a binary without data.</summary>
        private List<(long Start, long End)> DataSegments(ReadOnlySpan<byte> table) =>
            _elf.Segments(table)
                .Where(s => s.Type == ElfSegment.Load && s.FileSize > 0 && (s.Flags & (ElfSegment.Executable | ElfSegment.Writable)) == ElfSegment.Writable)
                .Select(s => (s.Offset, s.End))
                .ToList();

        /// <summary>Looks for the blob at positions <c>[0, count)</c> of <paramref name="span"/>, and starts keeping it when found.</summary>
        private void Scan(ReadOnlySpan<byte> span, int count)
        {
            var first = _window.SpanOffset;
            if (_data is not { } data || !data.Any(d => first + count > d.Start && first < d.End))
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
                if (offset % GoBuildInfo.Alignment == 0 && data.Any(d => offset >= d.Start && offset < d.End) && GoBuildInfo.Measure(span[index..]) != GoBuildInfo.Invalid)
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
