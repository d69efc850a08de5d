using System.Net.Http.Json;
using System.Text.Json;
using Rampart.IntegrationTests.Fixtures;

namespace Rampart.IntegrationTests.Registry;

/// <summary>The loopback registry tests/run.sh starts takes the fixture image and serves it back, as later registry tests need.</summary>
[Collection(EngineFixtureDefinition.Name)]
public sealed class LoopbackRegistryTests(EngineFixture fixture)
{
    [SkippableFact]
    public async Task Skopeo_pushes_the_fixture_image_and_the_registry_serves_its_manifest_and_config()
    {
        var pushed = await fixture.PushAppToRegistryAsync();

        using var manifest = await EngineFixture.SkopeoInspectAsync("--raw", "--tls-verify=false", $"docker://{pushed}");
        using var config = await EngineFixture.SkopeoInspectAsync("--config", "--tls-verify=false", $"docker://{pushed}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://{TestEnvironment.Registry}/") };
        var catalog = await http.GetFromJsonAsync<JsonElement>("v2/_catalog");
        var tags = await http.GetFromJsonAsync<JsonElement>("v2/rampart-test/app/tags/list");

        Assert.Equal(fixture.AppImageId, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString());
        Assert.Equal(4, manifest.RootElement.GetProperty("layers").GetArrayLength());
        Assert.Contains("APP_MODE=fixture", config.RootElement.GetProperty("config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("rampart-test/app", catalog.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("1", tags.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }
}
