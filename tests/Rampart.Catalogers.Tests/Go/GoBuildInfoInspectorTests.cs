using Rampart.Catalogers.Go;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Files;
using Rampart.Testing;

namespace Rampart.Catalogers.Tests.Go;

public sealed class GoBuildInfoInspectorTests
{
    private readonly GoBuildInfoInspector _inspector = new();

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task The_blob_is_kept_whatever_the_chunks(int chunk)
    {
        var hello = await GoFixture.HelloAsync();
        var bytes = await File.ReadAllBytesAsync(hello);

        var extract = Stream(bytes, chunk, out _);

        Assert.NotNull(extract);
        var section = await DumpSectionAsync(hello, ".go.buildinfo");
        Assert.Equal(section.AsSpan(0, extract.Length).ToArray(), extract);
        Assert.Equal(GoBuildInfo.Measure(section), extract.Length);
    }

    [SkippableFact]
    public async Task Reading_stops_once_the_blob_is_complete()
    {
        var bytes = await File.ReadAllBytesAsync(await GoFixture.HelloPieAsync());
        var end = BlobOffset(bytes) + GoBuildInfo.Measure(bytes.AsSpan(BlobOffset(bytes)));

        Assert.NotNull(Stream(bytes, 4096, out var fed));
        Assert.InRange(fed, end, end + 4096);
    }

    [SkippableFact]
    public async Task Without_a_blob_reading_stops_after_the_last_data_segment()
    {
        // hello.pie is not stripped: its symbol table and DWARF data follow the data segments.
        var bytes = await File.ReadAllBytesAsync(await GoFixture.HelloPieAsync());
        bytes.AsSpan(BlobOffset(bytes), GoBuildInfo.Magic.Length).Clear();

        Assert.Null(Stream(bytes, 4096, out var fed));
        Assert.True(fed < bytes.Length * 3 / 4, $"read {fed} of {bytes.Length} bytes");
    }

    [SkippableFact]
    public async Task A_blob_outside_the_data_segment_or_off_its_alignment_is_not_build_information()
    {
        var bytes = await File.ReadAllBytesAsync(await GoFixture.HelloAsync());
        var blobAt = BlobOffset(bytes);
        var blob = bytes.AsSpan(blobAt, GoBuildInfo.Measure(bytes.AsSpan(blobAt))).ToArray();
        bytes.AsSpan(blobAt, blob.Length).Clear();

        var inText = (byte[])bytes.Clone();
        blob.CopyTo(inText, 0x1000);
        var unaligned = (byte[])bytes.Clone();
        blob.CopyTo(unaligned, blobAt + 8);
        var moved = (byte[])bytes.Clone();
        blob.CopyTo(moved, blobAt + 64);

        Assert.Null(Stream(inText, 65536, out _));
        Assert.Null(Stream(unaligned, 65536, out _));
        Assert.Equal(blob, Stream(moved, 65536, out _));
    }

    [SkippableFact]
    public async Task A_binary_cut_inside_its_blob_keeps_the_part_there_and_reads_as_truncated()
    {
        var bytes = await File.ReadAllBytesAsync(await GoFixture.HelloAsync());
        var cut = bytes.AsSpan(0, BlobOffset(bytes) + 40).ToArray();

        var extract = Stream(cut, 4096, out _);

        Assert.NotNull(extract);
        Assert.Equal(40, extract.Length);
        var warnings = new List<string>();
        Assert.Null(GoBuildInfo.Parse(extract, warnings.Add));
        Assert.Contains("truncated", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Only_elf_executables_and_shared_objects_are_inspected()
    {
        var bytes = await File.ReadAllBytesAsync(await GoFixture.HelloAsync());
        var relocatable = (byte[])bytes.Clone();
        relocatable[16] = 1;

        Assert.Null(_inspector.Start(relocatable.AsSpan(0, ContentInspection.HeadLength), relocatable.Length));
        Assert.Null(_inspector.Start("#!/bin/sh\necho not an ELF file, not at all, no no no no no no no\n"u8, 66));
        Assert.Null(_inspector.Start(bytes.AsSpan(0, 40), 40));
        Assert.NotNull(_inspector.Start(bytes.AsSpan(0, ContentInspection.HeadLength), bytes.Length));
    }

    [SkippableFact]
    public async Task A_program_header_table_past_the_end_or_absurdly_large_does_not_throw()
    {
        var bytes = (await File.ReadAllBytesAsync(await GoFixture.HelloAsync())).AsSpan(0, 8192).ToArray();
        var pastEnd = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(pastEnd.AsSpan(32), 1L << 40);
        var huge = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(huge.AsSpan(56), (ushort)0xFFFF);

        Assert.Null(Stream(pastEnd, 4096, out _));
        Assert.Null(Stream(huge, 4096, out _));
    }

    /// <summary>Streams <paramref name="bytes"/> through a fresh inspection in chunks of <paramref name="chunk"/> bytes, as a reader would.</summary>
    private byte[]? Stream(byte[] bytes, int chunk, out long fed)
    {
        fed = 0;
        var inspection = _inspector.Start(bytes.AsSpan(0, Math.Min(ContentInspection.HeadLength, bytes.Length)), bytes.Length);
        Assert.NotNull(inspection);
        while (fed < bytes.Length)
        {
            var length = (int)Math.Min(chunk, bytes.Length - fed);
            var more = inspection.Feed(bytes.AsSpan((int)fed, length));
            fed += length;
            if (!more)
            {
                break;
            }
        }

        return inspection.Complete()?.ToArray();
    }

    /// <summary>Where the linker put the blob: the one 16-byte aligned magic of a binary that does not read build information itself.</summary>
    private static int BlobOffset(byte[] bytes)
    {
        var offset = bytes.AsSpan().IndexOf(GoBuildInfo.Magic);
        Assert.Equal(0, offset % GoBuildInfo.Alignment);
        Assert.Equal(-1, bytes.AsSpan(offset + 1).IndexOf(GoBuildInfo.Magic));
        return offset;
    }

    /// <summary>A section's bytes as binutils' objcopy reads them: the oracle of where the blob is.</summary>
    private static async Task<byte[]> DumpSectionAsync(string binary, string section)
    {
        using var directory = new TempDirectory();
        await Commands.RunAsync("objcopy", ["--dump-section", $"{section}={directory.Combine("section")}", binary, directory.Combine("copy")]);
        return await File.ReadAllBytesAsync(directory.Combine("section"));
    }
}
