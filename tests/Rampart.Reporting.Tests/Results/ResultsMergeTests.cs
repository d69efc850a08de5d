using Rampart.Core.Results;
using Rampart.Reporting.Results;

namespace Rampart.Reporting.Tests.Results;

public sealed class ResultsMergeTests
{
    [Fact]
    public void Combine_TakesThisRunsImagesFirstThenEachFilesInOrder()
    {
        var merged = ResultsMerge.Combine(
            [SampleResults.Debian()],
            [new("a.json", SampleResults.Results(SampleResults.Alpine())), new("b.json", SampleResults.Results(SampleResults.NoOs()))],
            SampleResults.Tool);

        Assert.Equal(
            [SampleResults.Debian().Reference, SampleResults.Alpine().Reference, SampleResults.NoOs().Reference],
            merged.Images.Select(i => i.Reference));
        Assert.Empty(merged.Notes);
    }

    [Fact]
    public void Combine_SameImageIdUnderAnotherReference_IsKeptOnceAsFirstSeenAndNoted()
    {
        var again = SampleResults.Alpine() with { Reference = "registry:mirror.example.com/alpine:3.20", LockIn = null };

        var merged = ResultsMerge.Combine(
            [],
            [new("a.json", SampleResults.Results(SampleResults.Alpine())), new("b.json", SampleResults.Results(again, SampleResults.Debian()))],
            SampleResults.Tool);

        Assert.Equal([SampleResults.Alpine().Reference, SampleResults.Debian().Reference], merged.Images.Select(i => i.Reference));
        Assert.NotNull(merged.Images[0].LockIn);
        var note = Assert.Single(merged.Notes);
        Assert.Equal(
            $"registry:mirror.example.com/alpine:3.20 in 'b.json' is image {again.ImageId}, already taken from 'a.json': reported once, as 'a.json' has it.",
            note);
    }

    [Fact]
    public void Combine_FileOfAnotherRampartVersion_IsNoted()
    {
        var older = SampleResults.Results(SampleResults.Alpine()) with { Tool = new ToolInfo("rampart", "0.9.0") };

        var merged = ResultsMerge.Combine([], [new("old.json", older)], SampleResults.Tool);

        Assert.Single(merged.Images);
        Assert.Contains("'old.json' was written by Rampart 0.9.0 (this is 1.2.3-test)", Assert.Single(merged.Notes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.00")]
    public void Check_SameSchemaVersion_Passes(string schemaVersion)
    {
        ResultsMerge.Check(new("same.json", SampleResults.Results(SampleResults.Alpine()) with { SchemaVersion = schemaVersion }), SampleResults.Tool);
    }

    [Theory]
    [InlineData("1.2", "newer than the 1.1 this Rampart (1.2.3-test) writes: merging would drop what it does not know")]
    [InlineData("1.x", "is not MAJOR.MINOR")]
    [InlineData("1.0.1", "is not MAJOR.MINOR")]
    public void Check_NewerOrMalformedSchemaVersion_IsRefusedNamingTheFile(string schemaVersion, string expected)
    {
        var results = SampleResults.Results(SampleResults.Alpine()) with { SchemaVersion = schemaVersion, Tool = new ToolInfo("rampart", "2.0.0") };

        var error = Assert.Throws<ResultsFileException>(() => ResultsMerge.Check(new("new.json", results), SampleResults.Tool));

        Assert.StartsWith($"'new.json' has results schemaVersion \"{schemaVersion}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
