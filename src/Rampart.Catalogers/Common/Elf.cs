using System.Buffers.Binary;

namespace Rampart.Catalogers.Common;

/// <summary>
/// The ELF file header fields the binary catalogers need (elf(5)): class, byte order, type, and where the program and
/// section header tables are. Only executables and shared objects (<c>ET_EXEC</c>, <c>ET_DYN</c>) are of interest.
/// </summary>
internal sealed record ElfHeader(
    bool Is64,
    bool BigEndian,
    long ProgramHeaderOffset,
    int ProgramHeaderSize,
    int ProgramHeaderCount,
    long SectionHeaderOffset,
    int SectionHeaderSize,
    int SectionHeaderCount,
    int SectionNameIndex)
{
    private const ushort ExecutableType = 2;
    private const ushort SharedObjectType = 3;

    /// <summary>The header of an executable or shared object starting <paramref name="head"/>, or <see langword="null"/>.</summary>
    public static ElfHeader? Parse(ReadOnlySpan<byte> head)
    {
        if (head.Length < 52 || !head.StartsWith("\x7F"u8) || !head[1..].StartsWith("ELF"u8) || head[6] != 1 || head[4] is not (1 or 2) || head[5] is not (1 or 2))
        {
            return null;
        }

        var is64 = head[4] == 2;
        var bigEndian = head[5] == 2;
        if (is64 && head.Length < 64)
        {
            return null;
        }

        var reader = new ElfReader(bigEndian);
        if (reader.U16(head[16..]) is not (ExecutableType or SharedObjectType))
        {
            return null;
        }

        var (phOffset, shOffset) = is64 ? (reader.U64(head[32..]), reader.U64(head[40..])) : (reader.U32(head[28..]), reader.U32(head[32..]));
        var sizes = head[(is64 ? 54 : 42)..];
        if (phOffset > long.MaxValue || shOffset > long.MaxValue)
        {
            return null;
        }

        return new ElfHeader(
            is64,
            bigEndian,
            (long)phOffset,
            reader.U16(sizes),
            reader.U16(sizes[2..]),
            (long)shOffset,
            reader.U16(sizes[4..]),
            reader.U16(sizes[6..]),
            reader.U16(sizes[8..]));
    }

    public ElfReader Reader => new(BigEndian);

    /// <summary>Bytes of the program header table; 0 when the entries are too small to be program headers.</summary>
    public long ProgramHeadersLength => ProgramHeaderSize >= (Is64 ? 56 : 32) ? (long)ProgramHeaderSize * ProgramHeaderCount : 0;

    /// <summary>Bytes of the section header table; 0 when the entries are too small to be section headers.</summary>
    public long SectionHeadersLength => SectionHeaderSize >= (Is64 ? 64 : 40) ? (long)SectionHeaderSize * SectionHeaderCount : 0;

    /// <summary>The segments of the program header table <paramref name="table"/> (<see cref="ProgramHeadersLength"/> bytes).</summary>
    public IReadOnlyList<ElfSegment> Segments(ReadOnlySpan<byte> table)
    {
        var reader = Reader;
        var segments = new List<ElfSegment>(ProgramHeaderCount);
        for (var i = 0; i < ProgramHeaderCount && (i + 1) * ProgramHeaderSize <= table.Length; i++)
        {
            var entry = table.Slice(i * ProgramHeaderSize, ProgramHeaderSize);
            var (offset, fileSize, flags) = Is64
                ? (reader.U64(entry[8..]), reader.U64(entry[32..]), reader.U32(entry[4..]))
                : (reader.U32(entry[4..]), reader.U32(entry[16..]), reader.U32(entry[24..]));
            if (offset <= long.MaxValue && fileSize <= long.MaxValue)
            {
                segments.Add(new ElfSegment((uint)reader.U32(entry), (uint)flags, (long)offset, (long)fileSize));
            }
        }

        return segments;
    }

    /// <summary>The sections of the section header table <paramref name="table"/> (<see cref="SectionHeadersLength"/> bytes).</summary>
    public IReadOnlyList<ElfSection> Sections(ReadOnlySpan<byte> table)
    {
        var reader = Reader;
        var sections = new List<ElfSection>(SectionHeaderCount);
        for (var i = 0; i < SectionHeaderCount && (i + 1) * SectionHeaderSize <= table.Length; i++)
        {
            var entry = table.Slice(i * SectionHeaderSize, SectionHeaderSize);
            var (offset, size) = Is64 ? (reader.U64(entry[24..]), reader.U64(entry[32..])) : (reader.U32(entry[16..]), reader.U32(entry[20..]));
            sections.Add(new ElfSection(
                (uint)reader.U32(entry),
                (uint)reader.U32(entry[4..]),
                offset > long.MaxValue ? long.MaxValue : (long)offset,
                size > long.MaxValue ? long.MaxValue : (long)size));
        }

        return sections;
    }
}

/// <summary>A program header: <c>p_type</c>, <c>p_flags</c>, and the bytes of the file it maps.</summary>
internal readonly record struct ElfSegment(uint Type, uint Flags, long Offset, long FileSize)
{
    public const uint Load = 1;
    public const uint Executable = 1;
    public const uint Writable = 2;

    public long End => Offset > long.MaxValue - FileSize ? long.MaxValue : Offset + FileSize;
}

/// <summary>A section header: its name's offset in the section name table, <c>sh_type</c>, and its bytes in the file.</summary>
internal readonly record struct ElfSection(uint NameOffset, uint Type, long Offset, long Size)
{
    public const uint NoBits = 8;

    public long End => Offset > long.MaxValue - Size ? long.MaxValue : Offset + Size;
}

/// <summary>Reads the integers of an ELF file in its byte order.</summary>
internal readonly record struct ElfReader(bool BigEndian)
{
    public ushort U16(ReadOnlySpan<byte> bytes) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    public ulong U32(ReadOnlySpan<byte> bytes) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    public ulong U64(ReadOnlySpan<byte> bytes) => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);
}
