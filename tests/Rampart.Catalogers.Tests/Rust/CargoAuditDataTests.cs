using System.Text;
using System.Text.Json;
using Rampart.Catalogers.Rust;
using Rampart.Catalogers.Tests.Support;

namespace Rampart.Catalogers.Tests.Rust;

public sealed class CargoAuditDataTests
{
    private readonly List<string> _warnings = [];

    [SkippableFact]
    public async Task The_fixture_reads_back_as_the_audit_data_it_was_built_with()
    {
        var section = await CargoAuditInspectorTests.DumpSectionAsync(await RustFixture.AuditableAsync());
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(await RustFixture.AuditJsonAsync()));

        var packages = CargoAuditData.Parse(section, _warnings.Add);

        Assert.NotNull(packages);
        var recorded = expected.RootElement.GetProperty("packages").EnumerateArray().ToList();
        Assert.Equal(recorded.Select(p => p.GetProperty("name").GetString()), packages.Select(p => p.Name));
        Assert.Equal(recorded.Select(p => p.GetProperty("version").GetString()), packages.Select(p => p.Version));
        Assert.Equal(
            recorded.Select(p => p.TryGetProperty("dependencies", out var d) ? string.Join(',', d.EnumerateArray().Select(i => i.GetInt32())) : string.Empty),
            packages.Select(p => string.Join(',', p.Dependencies)));
        Assert.Equal(
            [("rampart-audit-fixture", true, false), ("rampart-buildtool", false, true), ("rampart-helper", false, false), ("rampart-leaf", false, false)],
            packages.Select(p => (p.Name, p.IsRoot, p.IsBuildOnly)));
        Assert.All(packages, p => Assert.Equal("local", p.Source));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void A_zlib_bomb_is_refused_at_the_limit()
    {
        var bomb = CargoAuditInspectorTests.Compress(Encoding.ASCII.GetBytes("{\"packages\":[" + new string(' ', CargoAuditData.MaxJsonBytes) + "]}"));

        Assert.True(bomb.Length < 64 * 1024);
        Assert.Null(CargoAuditData.Parse(bomb, _warnings.Add));
        Assert.Contains("zlib bomb", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"packages\":", "not JSON")]
    [InlineData("[1,2,3]", "no \"packages\" array")]
    [InlineData("{\"packages\":{}}", "no \"packages\" array")]
    public void Data_that_is_not_the_schema_is_reported(string json, string problem)
    {
        Assert.Null(CargoAuditData.Parse(CargoAuditInspectorTests.Compress(Encoding.UTF8.GetBytes(json)), _warnings.Add));
        Assert.Contains(problem, Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_zlib_are_reported()
    {
        Assert.Null(CargoAuditData.Parse("{\"packages\":[]}"u8.ToArray(), _warnings.Add));
        Assert.Contains("not zlib-compressed", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_without_a_name_is_skipped_and_the_others_keep_their_dependencies()
    {
        var packages = Parse("""{"packages":[{"name":"app","version":"1.0.0","source":"local","dependencies":[2,7,0],"root":true},{"version":"2.0.0"},{"name":"lib","version":"0.1.0","source":{"Other":"sparse"}}]}""");

        Assert.Equal(["app", string.Empty, "lib"], packages.Select(p => p.Name));
        Assert.Equal([2], packages[0].Dependencies);
        Assert.True(packages[1].IsBuildOnly);
        Assert.Equal("sparse", packages[2].Source);
        Assert.Equal(3, _warnings.Count);
    }

    [Fact]
    public void More_than_one_root_is_reported()
    {
        Parse("""{"packages":[{"name":"a","version":"1.0.0","source":"local","root":true},{"name":"b","version":"1.0.0","source":"local","root":true}]}""");

        Assert.Contains("more than one root", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    private List<CargoAuditPackage> Parse(string json)
    {
        var packages = CargoAuditData.Parse(CargoAuditInspectorTests.Compress(Encoding.UTF8.GetBytes(json)), _warnings.Add);
        Assert.NotNull(packages);
        return [.. packages];
    }
}
