using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Rampart.Catalogers.Rust;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Files;
using Rampart.Testing;

namespace Rampart.Catalogers.Tests.Rust;

public sealed class CargoAuditInspectorTests
{
    private readonly CargoAuditInspector _inspector = new();

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task The_section_added_after_linking_is_kept_as_objcopy_reads_it(int chunk)
    {
        var binary = await RustFixture.AuditableAsync();

        var (section, problem) = Stream(await File.ReadAllBytesAsync(binary), chunk);

        Assert.Null(problem);
        Assert.Equal(await DumpSectionAsync(binary), section);
    }

    [SkippableFact]
    public async Task The_section_linked_into_the_loaded_data_is_kept_too()
    {
        var binary = await RustFixture.LinkedAsync();

        var (section, problem) = Stream(await File.ReadAllBytesAsync(binary), 4096);

        Assert.Null(problem);
        Assert.Equal(await DumpSectionAsync(binary), section);
    }

    [SkippableFact]
    public async Task A_binary_without_the_section_gives_nothing()
    {
        Assert.Null(Extract(await File.ReadAllBytesAsync(await GoFixture.HelloAsync()), 65536));
    }

    [SkippableFact]
    public async Task Compressed_json_in_a_section_of_another_name_is_not_taken_for_audit_data()
    {
        var renamed = await ObjcopyAsync(await RustFixture.AuditableAsync(), "--rename-section", ".dep-v0=.dep-v9");

        Assert.Null(Extract(renamed, 65536));
    }

    [SkippableFact]
    public async Task A_section_that_is_not_compressed_json_is_reported()
    {
        using var directory = new TempDirectory();
        await File.WriteAllTextAsync(directory.Combine("plain"), "{\"packages\":[]}");
        var updated = await ObjcopyAsync(await RustFixture.AuditableAsync(), "--update-section", $".dep-v0={directory.Combine("plain")}");

        Assert.Equal("its .dep-v0 section does not hold zlib-compressed JSON", Stream(updated, 4096).Problem);
    }

    [SkippableFact]
    public async Task A_section_over_the_limit_is_reported_not_read()
    {
        using var directory = new TempDirectory();
        var json = $"{{\"packages\":[],\"padding\":\"{Convert.ToBase64String(RandomNumberGenerator.GetBytes(1536 * 1024))}\"}}";
        await File.WriteAllBytesAsync(directory.Combine("big"), Compress(Encoding.UTF8.GetBytes(json)));
        var updated = await ObjcopyAsync(await RustFixture.AuditableAsync(), "--update-section", $".dep-v0={directory.Combine("big")}");

        Assert.Contains("over the limit of 1048576; not read", Stream(updated, 65536).Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_section_whose_offset_lies_past_the_end_is_reported()
    {
        var binary = await RustFixture.AuditableAsync();
        var bytes = await File.ReadAllBytesAsync(binary);
        var header = SectionHeaderOf(bytes, await DumpSectionAsync(binary));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(header + 24), (ulong)bytes.Length - 10);

        Assert.Contains("lies past the end of its", Stream(bytes, 4096).Problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_binary_cut_before_its_section_headers_is_reported_when_it_holds_compressed_json()
    {
        var bytes = await File.ReadAllBytesAsync(await RustFixture.AuditableAsync());

        var problem = Stream(bytes.AsSpan(0, bytes.Length - 100).ToArray(), 4096).Problem;

        Assert.Contains("section headers", problem, StringComparison.Ordinal);
        Assert.Contains("truncated?", problem, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Only_elf_files_with_a_section_header_table_are_inspected()
    {
        var bytes = await File.ReadAllBytesAsync(await RustFixture.AuditableAsync());
        var noSections = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(noSections.AsSpan(60), 0);

        Assert.Null(_inspector.Start(noSections.AsSpan(0, ContentInspection.HeadLength), noSections.Length));
        Assert.Null(_inspector.Start([0x7F, .. "ELF but not really an ELF header at all, no no no no no no no no"u8], 66));
        Assert.NotNull(_inspector.Start(bytes.AsSpan(0, ContentInspection.HeadLength), bytes.Length));
    }

    internal static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        return output.ToArray();
    }

    private ReadOnlyMemory<byte>? Extract(byte[] bytes, int chunk)
    {
        var inspection = _inspector.Start(bytes.AsSpan(0, ContentInspection.HeadLength), bytes.Length);
        Assert.NotNull(inspection);
        for (var offset = 0; offset < bytes.Length && inspection.Feed(bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset))); offset += chunk)
        {
        }

        return inspection.Complete();
    }

    private (byte[]? Section, string? Problem) Stream(byte[] bytes, int chunk)
    {
        var extract = Extract(bytes, chunk);
        Assert.NotNull(extract);
        var (section, problem) = CargoAuditInspector.Read(extract.Value);
        return (problem is null ? section.ToArray() : null, problem);
    }

    /// <summary>The file offset of the 64-bit little-endian section header describing <paramref name="section"/>'s bytes.</summary>
    private static int SectionHeaderOf(byte[] bytes, byte[] section)
    {
        var tableOffset = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(40));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(60));
        var sectionOffset = (ulong)bytes.AsSpan().IndexOf(section);
        return Enumerable.Range(0, count).Select(i => tableOffset + (i * 64))
            .Single(h => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(h + 24)) == sectionOffset
                && BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(h + 32)) == (ulong)section.Length);
    }

    /// <summary>The <c>.dep-v0</c> section as binutils' objcopy reads it: the oracle of what to keep.</summary>
    internal static async Task<byte[]> DumpSectionAsync(string binary)
    {
        using var directory = new TempDirectory();
        await Commands.RunAsync("objcopy", ["--dump-section", $".dep-v0={directory.Combine("section")}", binary, directory.Combine("copy")]);
        return await File.ReadAllBytesAsync(directory.Combine("section"));
    }

    /// <summary>A copy of <paramref name="binary"/> changed by objcopy.</summary>
    private static async Task<byte[]> ObjcopyAsync(string binary, params string[] change)
    {
        using var directory = new TempDirectory();
        await Commands.RunAsync("objcopy", [.. change, binary, directory.Combine("changed")]);
        return await File.ReadAllBytesAsync(directory.Combine("changed"));
    }
}
