using Rampart.Catalogers.Java;

namespace Rampart.Catalogers.Tests.Java;

public sealed class JavaManifestTests
{
    private readonly List<string> _warnings = [];

    // The head of commons-io 2.11.0's manifest as Debian ships it (/usr/share/java/commons-io.jar): 72-byte lines, CRLF.
    private const string CommonsIo =
        "Manifest-Version: 1.0\r\nCreated-By: Apache Maven Bundle Plugin\r\nImplementation-Title: Apache Commons IO\r\n" +
        "Implementation-Version: 2.11.0\r\nImplementation-Vendor-Id: commons-io\r\nBundle-Description: The Apache Commons IO library contains utility class\r\n" +
        " es, stream implementations, file filters,file comparators, endian trans\r\n formation classes, and much more.\r\n" +
        "Bundle-SymbolicName: org.apache.commons.io\r\n\r\nName: org/apache/commons/io/\r\nSpecification-Version: 2.11\r\n\r\n";

    [Fact]
    public void Continuation_lines_join_without_their_leading_space()
    {
        var manifest = JavaManifest.Parse(CommonsIo, _warnings.Add);

        Assert.Equal(
            "The Apache Commons IO library contains utility classes, stream implementations, file filters,file comparators, endian transformation classes, and much more.",
            manifest.Main("Bundle-Description"));
        Assert.Equal("org.apache.commons.io", manifest.Main("Bundle-SymbolicName"));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Attribute_names_are_case_insensitive()
    {
        Assert.Equal("2.11.0", JavaManifest.Parse(CommonsIo, _warnings.Add).Main("implementation-version"));
    }

    [Fact]
    public void Named_sections_are_searched_after_the_main_section()
    {
        var manifest = JavaManifest.Parse(CommonsIo, _warnings.Add);

        Assert.Null(manifest.Main("Specification-Version"));
        Assert.Equal("2.11", manifest.Any("Specification-Version"));
        Assert.Equal(["commons-io"], manifest.All("Implementation-Vendor-Id"));
    }

    [Fact]
    public void Malformed_lines_are_reported_and_skipped()
    {
        var manifest = JavaManifest.Parse(" orphan\nno colon here\nA: 1\nA: 2\n more of the second A\nB: 3\n", _warnings.Add);

        Assert.Equal(("1", "3"), (manifest.Main("A"), manifest.Main("B")));
        Assert.Equal(3, _warnings.Count);
        Assert.StartsWith("MANIFEST.MF line 1:", _warnings[0], StringComparison.Ordinal);
        Assert.Contains("repeated", _warnings[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_continued_over_many_lines_is_read_in_linear_time()
    {
        const string Piece = "org.example.some.package;version=\"1.0\",org.example.other;version=\"1.0\"";
        var text = "Export-Package: a" + string.Concat(Enumerable.Repeat("\n " + Piece, 15_000));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var value = JavaManifest.Parse(text, _warnings.Add).Main("Export-Package");

        Assert.Equal(1 + (15_000 * Piece.Length), value?.Length);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"took {started.Elapsed}");
    }
}
