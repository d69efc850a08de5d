using System.Text;
using Rampart.Catalogers.Go;
using Rampart.Catalogers.Tests.Support;
using Rampart.Core.Files;

namespace Rampart.Catalogers.Tests.Go;

public sealed class GoBuildInfoTests
{
    private readonly List<string> _warnings = [];

    public static TheoryData<string> DebianBinaries() => [.. GoFixture.DebianBinaries];

    [SkippableFact]
    public async Task The_fixture_reads_as_go_version_m_prints_it()
    {
        await AssertReadsAsGoVersionMPrintsAsync(await GoFixture.HelloAsync());
    }

    [SkippableFact]
    public async Task A_dependency_replaced_by_a_directory_keeps_both_modules()
    {
        var info = Read(await GoFixture.HelloAsync());

        var greeting = Assert.Single(info.Dependencies);
        Assert.Equal(new GoModule("example.com/rampart/greeting", "v0.3.0", null, new GoModule("../greeting", "(devel)", null)), greeting);
        Assert.Equal(new GoModule("example.com/rampart/hello", "(devel)", null), info.Main);
        Assert.Equal("example.com/rampart/hello", info.Path);
    }

    [SkippableFact]
    public async Task Quoted_build_settings_are_unquoted()
    {
        var settings = Read(await GoFixture.HelloAsync()).Settings;

        Assert.Contains(new KeyValuePair<string, string>("-ldflags", "-X main.version=1.2.3 -s"), settings);
        Assert.Contains(new KeyValuePair<string, string>("vcs.time", "2024-05-06T07:08:09Z"), settings);
        Assert.Contains(new KeyValuePair<string, string>("CGO_ENABLED", "0"), settings);
    }

    [SkippableTheory]
    [MemberData(nameof(DebianBinaries))]
    public async Task Go_binaries_debian_ships_read_as_go_version_m_prints_them(string binary)
    {
        await AssertReadsAsGoVersionMPrintsAsync(binary);
    }

    [Fact]
    public void Module_text_without_its_sentinels_gives_no_modules()
    {
        var info = GoBuildInfo.Parse(Blob("go1.22.1", "path\tcmd/x\n"), _warnings.Add);

        Assert.NotNull(info);
        Assert.Equal(("go1.22.1", null, null), (info.GoVersion, info.Path, info.Main));
        Assert.Empty(info.Dependencies);
    }

    [Fact]
    public void A_line_that_is_not_a_module_or_setting_is_skipped_with_a_warning()
    {
        var info = GoBuildInfo.Parse(Blob("go1.22.1", Framed("mod\tm\tv1.0.0\th1:abc=\nnonsense here\ndep\td\tv2.0.0\nbuild\tnoequals\n")), _warnings.Add);

        Assert.NotNull(info);
        Assert.Equal(new GoModule("m", "v1.0.0", "h1:abc="), info.Main);
        Assert.Equal([new GoModule("d", "v2.0.0", null)], info.Dependencies);
        Assert.Equal(2, _warnings.Count);
        Assert.Contains("line 2", _warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_pointer_format_of_go_before_1_18_is_reported_not_read()
    {
        var header = Blob("go1.16", string.Empty).AsSpan(0, GoBuildInfo.HeaderLength).ToArray();
        header[GoBuildInfo.Magic.Length + 1] = 0;

        Assert.Null(GoBuildInfo.Parse(header, _warnings.Add));
        Assert.Contains("before 1.18", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_blob_is_reported()
    {
        var blob = Blob("go1.22.1", Framed("mod\tm\tv1.0.0\n"));

        Assert.Null(GoBuildInfo.Parse(blob.AsSpan(..^5), _warnings.Add));
        Assert.Contains("truncated", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x01 })]
    public void A_string_length_past_the_limit_or_over_64_bits_makes_the_blob_unreadable(byte[] varint)
    {
        var blob = Blob("go1.22.1", string.Empty).Take(GoBuildInfo.HeaderLength).Concat(varint).Concat(new byte[16]).ToArray();

        Assert.Equal(GoBuildInfo.Invalid, GoBuildInfo.Measure(blob));
        Assert.Null(GoBuildInfo.Parse(blob, _warnings.Add));
        Assert.Single(_warnings);
    }

    [Fact]
    public void Measure_waits_for_both_strings()
    {
        var blob = Blob("go1.22.1", Framed("mod\tm\tv1.0.0\n"));

        Assert.Equal(blob.Length, GoBuildInfo.Measure(blob));
        Assert.Equal(GoBuildInfo.Incomplete, GoBuildInfo.Measure(blob.AsSpan(..^1)));
        Assert.Equal(GoBuildInfo.Incomplete, GoBuildInfo.Measure(blob.AsSpan(..20)));
        Assert.Equal(GoBuildInfo.Invalid, GoBuildInfo.Measure("not a blob at all, not at all"u8));
    }

    /// <summary>The build information blob as the Go linker writes it (inline format): header, then two varint-prefixed strings.</summary>
    internal static byte[] Blob(string version, string modules)
    {
        var bytes = new List<byte>(GoBuildInfo.Magic.ToArray()) { 8, 2 };
        bytes.AddRange(new byte[16]);
        foreach (var text in new[] { Encoding.UTF8.GetBytes(version), Encoding.Latin1.GetBytes(modules) })
        {
            for (var length = (uint)text.Length; ; length >>= 7)
            {
                bytes.Add((byte)(length < 0x80 ? length : (length & 0x7F) | 0x80));
                if (length < 0x80)
                {
                    break;
                }
            }

            bytes.AddRange(text);
        }

        return [.. bytes];
    }

    /// <summary>Module text between runtime/debug's 16-byte start and end sentinels, as cmd/go embeds it.</summary>
    internal static string Framed(string modules) => new string('\x30', 16) + modules + new string('\xF9', 16);

    private async Task AssertReadsAsGoVersionMPrintsAsync(string binary)
    {
        var info = Read(binary);

        var oracle = await GoFixture.VersionMAsync(binary);
        Assert.Equal(GoVersionM.OracleGoVersion(oracle), info.GoVersion);
        Assert.Equal(GoVersionM.OracleLines(oracle), GoVersionM.Lines(info));
        Assert.Empty(_warnings);
    }

    private GoBuildInfo Read(string binary)
    {
        var extract = ContentInspection.Inspect([new GoBuildInfoInspector()], File.ReadAllBytes(binary))?[GoBuildInfoInspector.InspectorName];
        Assert.NotNull(extract);
        var info = GoBuildInfo.Parse(extract.Value.Span, _warnings.Add);
        Assert.NotNull(info);
        return info;
    }
}
