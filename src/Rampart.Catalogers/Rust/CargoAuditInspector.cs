using System.Buffers;
using System.Text;
using Rampart.Catalogers.Common;
using Rampart.Core.Files;

namespace Rampart.Catalogers.Rust;

/// <summary>
/// Keeps the <c>.dep-v0</c> section of ELF executables built with cargo-auditable as they stream past, wherever they sit
/// in the image. Section names are only known from the section headers, which sit at the end of the file, after the
/// section itself; so while the file streams it remembers just what could turn out to be that section, then confirms
/// it against the section headers:
/// <list type="bullet">
/// <item>the bytes from every position where a zlib stream starts whose output starts a JSON object
/// (<see cref="ZlibJsonProbe"/>), up to <see cref="MaxSectionBytes"/> and at most <see cref="MaxCandidates"/> such
/// places: cargo-auditable's data is zlib-compressed JSON, and a false start is rare;</item>
/// <item>the file offsets of the string <c>.dep-v0</c> (a section's name is an offset into the section name table);</item>
/// <item>the section header table, whose place the ELF header gives.</item>
/// </list>
/// The section is the one whose name lies at a remembered offset; its bytes are the candidate that starts where it
/// does. The extract is <c>0</c> and the section's bytes, or <c>1</c> and why a <c>.dep-v0</c> section could not be
/// read (see <see cref="Read"/>). At most a few megabytes are held while one file streams, a few kilobytes after.
/// </summary>
public sealed class CargoAuditInspector : IContentInspector
{
    public const string InspectorName = "cargo-auditable";

    /// <summary>Larger sections are not read: real ones are a few kilobytes (auditable-info allows 8 MiB uncompressed).</summary>
    public const int MaxSectionBytes = 1024 * 1024;

    /// <summary>Places that look like the data kept at once; real binaries have one.</summary>
    public const int MaxCandidates = 4;

    private const int MaxSectionHeaderBytes = 1024 * 1024;
    private const int MaxNameHits = 64;
    private const byte Data = 0;
    private const byte Problem = 1;

    public string Name => InspectorName;

    private static ReadOnlySpan<byte> SectionName => ".dep-v0\0"u8;

    /// <summary>The section's bytes, or the reason a <c>.dep-v0</c> section found in the file could not be kept.</summary>
    public static (ReadOnlyMemory<byte> Section, string? Problem) Read(ReadOnlyMemory<byte> extract) =>
        extract.Length > 0 && extract.Span[0] == Data ? (extract[1..], null) : (ReadOnlyMemory<byte>.Empty, Encoding.UTF8.GetString(extract.Span[Math.Min(1, extract.Length)..]));

    public IContentInspection? Start(ReadOnlySpan<byte> head, long size) =>
        ElfHeader.Parse(head) is { SectionHeadersLength: > 0 and <= MaxSectionHeaderBytes } elf ? new Inspection(elf, size) : null;

    private sealed class Inspection : IContentInspection
    {
        private readonly ByteWindow _window = new(ZlibJsonProbe.Length);
        private readonly ElfHeader _elf;
        private readonly long _size;
        private readonly RangeCapture? _sectionHeaders;
        private readonly List<long> _nameHits = [];
        private readonly List<(long Start, ArrayBufferWriter<byte> Bytes)> _candidates = [];
        private long _offset;

        public Inspection(ElfHeader elf, long size)
        {
            _elf = elf;
            _size = size;
            if (elf.SectionHeaderOffset <= size - elf.SectionHeadersLength)
            {
                _sectionHeaders = new RangeCapture(elf.SectionHeaderOffset, (int)elf.SectionHeadersLength);
            }
        }

        public bool Feed(ReadOnlySpan<byte> chunk)
        {
            _sectionHeaders?.Take(chunk, _offset);
            foreach (var (_, bytes) in _candidates)
            {
                bytes.Write(chunk[..Math.Min(chunk.Length, MaxSectionBytes - bytes.WrittenCount)]);
            }

            _offset += chunk.Length;
            var span = _window.Append(chunk, out var count);
            Scan(span, count);
            return true;
        }

        public ReadOnlyMemory<byte>? Complete()
        {
            var span = _window.Finish(out var count);
            Scan(span, count);
            if (_sectionHeaders is not { IsComplete: true } table)
            {
                return _candidates.Count == 0 ? null : Failure(
                    $"its section headers (at {_elf.SectionHeaderOffset}, {_elf.SectionHeadersLength} bytes) lie past the end of its {_offset} bytes, " +
                    "so zlib-compressed JSON seen in it cannot be confirmed as cargo-auditable's .dep-v0 section (truncated?)");
            }

            var sections = _elf.Sections(table.Bytes);
            if (_elf.SectionNameIndex >= sections.Count)
            {
                return null;
            }

            var names = sections[_elf.SectionNameIndex];
            var found = sections.Where(s => s.NameOffset < names.Size && _nameHits.Contains(names.Offset + s.NameOffset)).ToList();
            if (found.Count == 0)
            {
                return null;
            }

            var section = found[0];
            if (section.Type == ElfSection.NoBits || section.Size == 0)
            {
                return Failure("its .dep-v0 section is empty");
            }

            if (section.End > _size)
            {
                return Failure($"its .dep-v0 section (at {section.Offset}, {section.Size} bytes) lies past the end of its {_size} bytes");
            }

            if (section.Size > MaxSectionBytes)
            {
                return Failure($"its .dep-v0 section is {section.Size} bytes, over the limit of {MaxSectionBytes}; not read");
            }

            if (_candidates.FirstOrDefault(c => c.Start == section.Offset) is not { Bytes: { } bytes } || bytes.WrittenCount < section.Size)
            {
                return Failure("its .dep-v0 section does not hold zlib-compressed JSON");
            }

            var extract = new byte[section.Size + 1];
            bytes.WrittenSpan[..(int)section.Size].CopyTo(extract.AsSpan(1));
            return extract;
        }

        /// <summary>Positions <c>[0, count)</c> of <paramref name="span"/>: remembers names and starts of what may be the section.</summary>
        private void Scan(ReadOnlySpan<byte> span, int count)
        {
            var names = span[..Math.Min(span.Length, count + SectionName.Length - 1)];
            for (var from = 0; _nameHits.Count < MaxNameHits;)
            {
                var hit = names[from..].IndexOf(SectionName);
                if (hit < 0 || from + hit >= count)
                {
                    break;
                }

                _nameHits.Add(_window.SpanOffset + from + hit);
                from += hit + 1;
            }

            for (var from = 0; from < count && _candidates.Count < MaxCandidates;)
            {
                var hit = span[from..count].IndexOf((byte)0x78);
                if (hit < 0)
                {
                    break;
                }

                var index = from + hit;
                if (index + 1 < span.Length && ZlibJsonProbe.IsHeader(span[index], span[index + 1])
                    && ZlibJsonProbe.StartsJsonObject(span[index..Math.Min(span.Length, index + ZlibJsonProbe.Length)]))
                {
                    var bytes = new ArrayBufferWriter<byte>();
                    bytes.Write(span[index..Math.Min(span.Length, index + MaxSectionBytes)]);
                    _candidates.Add((_window.SpanOffset + index, bytes));
                }

                from = index + 1;
            }
        }

        private static byte[] Failure(string problem) => [Problem, .. Encoding.UTF8.GetBytes(problem)];
    }
}
