using System.Text.Json;
using System.Xml.Linq;
using Rampart.Core.Scanning;
using Rampart.Reporting.CycloneDx;

namespace Rampart.Reporting.Tests.CycloneDx;

public sealed class CycloneDxWriterTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 12, 345, TimeSpan.Zero);

    private readonly TemporaryDirectory _directory = new();
    private readonly CycloneDxWriter _writer = new(new CycloneDxBomBuilder(new FixedTimeProvider(Now), "1.2.3-test"));

    public static TheoryData<string, CycloneDxFormat, CycloneDxSpecVersion> GoldenCases()
    {
        var cases = new TheoryData<string, CycloneDxFormat, CycloneDxSpecVersion>();
        foreach (var scan in new[] { "debian", "alpine", "no-os" })
        {
            foreach (var format in Enum.GetValues<CycloneDxFormat>())
            {
                cases.Add(scan, format, CycloneDxSpecVersion.V16);
            }
        }

        cases.Add("debian", CycloneDxFormat.Json, CycloneDxSpecVersion.V17);
        cases.Add("debian", CycloneDxFormat.Xml, CycloneDxSpecVersion.V17);
        return cases;
    }

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public async Task Writes_each_sample_scan_as_its_golden_file(string scan, CycloneDxFormat format, CycloneDxSpecVersion version)
    {
        var name = $"{scan}{(version == CycloneDxSpecVersion.V17 ? "-1.7" : string.Empty)}.cdx.{(format == CycloneDxFormat.Json ? "json" : "xml")}";

        var text = await WriteAndValidateAsync(SampleScans.ByName(scan), name, format: null, version);

        if (format == CycloneDxFormat.Json)
        {
            Golden.AssertJson(name, text);
        }
        else
        {
            Golden.AssertXml(name, text);
        }
    }

    [Fact]
    public async Task Json_keeps_ampersands_in_purls_instead_of_escaping_them()
    {
        var text = await WriteAndValidateAsync(SampleScans.Debian(), "sbom.json");

        Assert.DoesNotContain("\\u0026", text, StringComparison.Ordinal);
        Assert.Contains(
            "\"purl\": \"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl\"",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_extension_chooses_xml()
    {
        var text = await WriteAndValidateAsync(SampleScans.Alpine(), "sbom.cdx.XML");

        Assert.Equal(XName.Get("bom", "http://cyclonedx.org/schema/bom/1.6"), XDocument.Parse(text).Root!.Name);
    }

    [Fact]
    public async Task An_explicit_format_wins_over_the_extension()
    {
        var text = await WriteAndValidateAsync(SampleScans.Alpine(), "sbom.xml", CycloneDxFormat.Json);

        using var document = JsonDocument.Parse(text);
        Assert.Equal("CycloneDX", document.RootElement.GetProperty("bomFormat").GetString());
    }

    [Fact]
    public async Task An_unknown_extension_without_a_format_is_refused_naming_the_path()
    {
        var path = _directory.Combine("sbom.spdx");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _writer.WriteAsync(SampleScans.Alpine(), path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task A_failed_write_leaves_no_file_behind()
    {
        var path = _directory.Combine("sbom.json");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _writer.WriteAsync(SampleScans.Debian(), path, cancellationToken: cancellation.Token));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task A_failed_write_keeps_the_previous_sbom()
    {
        var previous = await WriteAndValidateAsync(SampleScans.Alpine(), "sbom.json");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _writer.WriteAsync(SampleScans.Debian(), _directory.Combine("sbom.json"), cancellationToken: cancellation.Token));

        Assert.Equal(previous, await File.ReadAllTextAsync(_directory.Combine("sbom.json")));
        Assert.Single(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task Reports_what_it_wrote()
    {
        var path = _directory.Combine("out/sbom.json");

        var result = await _writer.WriteAsync(SampleScans.Debian(), path, specVersion: CycloneDxSpecVersion.V17);
        CycloneDxSchemas.AssertValidJson(await File.ReadAllTextAsync(path), CycloneDxSpecVersion.V17);

        Assert.Equal(new CycloneDxWriteResult(Path.GetFullPath(path), CycloneDxFormat.Json, CycloneDxSpecVersion.V17, 7), result);
    }

    [Fact]
    public async Task Writes_to_a_stream_and_leaves_it_open()
    {
        using var stream = new MemoryStream();

        await _writer.WriteAsync(SampleScans.NoOs(), stream, CycloneDxFormat.Xml);

        stream.Position = 0;
        using var reader = new StreamReader(stream);
        CycloneDxSchemas.AssertValidXml(await reader.ReadToEndAsync(), CycloneDxSpecVersion.V16);
    }

    [Fact]
    public async Task Json_and_xml_of_one_scan_carry_the_same_serial_number()
    {
        var json = await WriteAndValidateAsync(SampleScans.Debian(), "sbom.json");
        var xml = await WriteAndValidateAsync(SampleScans.Debian(), "sbom.xml");

        using var document = JsonDocument.Parse(json);
        Assert.Equal(
            document.RootElement.GetProperty("serialNumber").GetString(),
            XDocument.Parse(xml).Root!.Attribute("serialNumber")!.Value);
    }

    /// <summary>Writes to a file in the test's directory and checks it against the official schema before anything else looks at it.</summary>
    private async Task<string> WriteAndValidateAsync(
        ImageScan scan,
        string fileName,
        CycloneDxFormat? format = null,
        CycloneDxSpecVersion version = CycloneDxSpecVersion.V16)
    {
        var result = await _writer.WriteAsync(scan, _directory.Combine(fileName), format, version);
        var text = await File.ReadAllTextAsync(result.Path);
        CycloneDxSchemas.AssertValid(text, result.Format, version);
        return text;
    }
}
