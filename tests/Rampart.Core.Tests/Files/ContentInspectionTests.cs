using System.Text;
using Rampart.Core.Files;
using Rampart.Testing;

namespace Rampart.Core.Tests.Files;

public sealed class ContentInspectionTests
{
    private static readonly byte[] Script = Encoding.ASCII.GetBytes("#!/usr/bin/env python3\n" + new string('#', 300_000));

    [Fact]
    public async Task InspectAsync_AStreamedFile_GivesTheExtractAndReadsNoFurtherThanWanted()
    {
        var inspector = new ShebangInspector();
        using var stream = new MemoryStream(Script);

        var extracts = await ContentInspection.InspectAsync([inspector], stream, Script.Length, CancellationToken.None);

        Assert.Equal("#!/usr/bin/env python3", Encoding.ASCII.GetString(extracts!["shebang"].Span));
        Assert.True(stream.Position < 100_000, $"read {stream.Position} bytes");
    }

    [Fact]
    public async Task InspectAsync_AFileNoInspectorWants_ReadsOnlyItsHead()
    {
        using var stream = new MemoryStream(new byte[100_000]);

        Assert.Null(await ContentInspection.InspectAsync([new ShebangInspector()], stream, stream.Length, CancellationToken.None));
        Assert.Equal(ContentInspection.HeadLength, stream.Position);
    }

    [Fact]
    public void Inspect_BytesInMemory_GiveWhatStreamingThemGives()
    {
        Assert.Equal("#!/usr/bin/env python3", Encoding.ASCII.GetString(ContentInspection.Inspect([new ShebangInspector()], Script)!["shebang"].Span));
        Assert.Null(ContentInspection.Inspect([], Script));
        Assert.Null(ContentInspection.Inspect([new ShebangInspector()], []));
    }

    [Fact]
    public async Task InspectAsync_AFileShorterThanTheHead_IsStillInspected()
    {
        using var stream = new MemoryStream("#!/bin/sh"u8.ToArray());

        var extracts = await ContentInspection.InspectAsync([new ShebangInspector()], stream, stream.Length, CancellationToken.None);

        Assert.Equal("#!/bin/sh", Encoding.ASCII.GetString(extracts!["shebang"].Span));
    }

    [Fact]
    public void Union_KeepsEveryInspectorOnce()
    {
        var inspector = new ShebangInspector();

        var union = FileSelection.Union([new FileSelection(["/a"], inspectors: [inspector]), new FileSelection(["/b"], inspectors: [inspector]), new FileSelection(["/c"])]);

        Assert.Equal([inspector], union.Inspectors);
        Assert.Empty(FileSelection.HeadersOnly.Inspectors);
    }
}
