using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Rampart.Images.Engine;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Fixtures;

/// <summary>
/// The real images every engine test shares, made once per test run with the reference tools rather than with the
/// code under test: the Debian minbase base image (<c>fixtures/base-rootfs.sh</c>, then <c>docker import</c>),
/// the app image (<c>docker build</c> of <c>fixtures/app</c>), its <c>docker save</c> archive, and OCI layouts of it
/// with gzip and zstd layers (<c>skopeo copy</c>). When no engine answers, <see cref="Unavailable"/> says why and
/// <see cref="Require"/> fails or skips the test (see <see cref="TestEnvironment.Require"/>).
/// </summary>
public sealed class EngineFixture : IAsyncLifetime, IDisposable
{
    public const string BaseImage = "rampart-test/debian:bookworm-minbase";
    public const string AppImage = "rampart-test/app:1";
    private const string RootfsLabel = "org.rampart.test.rootfs";

    private readonly SemaphoreSlim _pushGate = new(1, 1);
    private string? _ownedWorkDirectory;
    private string? _registryReference;
    private DockerEngine? _engine;

    /// <summary>Why the engine tests cannot run, or <see langword="null"/> when they can.</summary>
    public string? Unavailable { get; private set; }

    public DockerEngine Engine => _engine ?? throw new InvalidOperationException(Unavailable ?? "the fixture is not initialised");

    public Uri Endpoint => Engine.Endpoint;

    /// <summary>Full id (<c>sha256:…</c>) of <see cref="AppImage"/>.</summary>
    public string AppImageId { get; private set; } = string.Empty;

    /// <summary><c>docker save</c> of <see cref="AppImage"/>.</summary>
    public string AppArchive { get; private set; } = string.Empty;

    /// <summary>OCI layout of <see cref="AppImage"/> with gzip layers, tagged <c>app</c>.</summary>
    public string AppOciGzip { get; private set; } = string.Empty;

    /// <summary>OCI layout of <see cref="AppImage"/> with zstd layers, tagged <c>app</c>.</summary>
    public string AppOciZstd { get; private set; } = string.Empty;

    public string WorkDirectory { get; private set; } = string.Empty;

    /// <summary>Environment for the docker CLI: our engine, and the classic builder the Engine API build also uses.</summary>
    public IReadOnlyDictionary<string, string> DockerEnvironment => new Dictionary<string, string>
    {
        ["DOCKER_HOST"] = Endpoint.ToString(),
        ["DOCKER_BUILDKIT"] = "0",
        ["DOCKER_CLI_HINTS"] = "false",
    };

    public void Require() => TestEnvironment.Require(Unavailable);

    public async Task InitializeAsync()
    {
        var endpoint = TestEnvironment.DockerEndpoint;
        if (endpoint is null)
        {
            Unavailable = "No Docker engine: RAMPARTTEST_DOCKER_HOST is not set" +
                (TestEnvironment.ServicesRequired ? string.Empty : " and neither DOCKER_HOST nor /var/run/docker.sock leads to one");
            return;
        }

        _engine = new DockerEngine(endpoint);
        if (!await _engine.IsAvailableAsync(CancellationToken.None))
        {
            Unavailable = $"The Docker engine at {endpoint} does not answer";
            return;
        }

        if (!Commands.Exists(TestEnvironment.DockerCli))
        {
            Unavailable = $"The docker CLI ({TestEnvironment.DockerCli}) is not installed";
            return;
        }

        WorkDirectory = TestEnvironment.WorkDirectory is { } shared
            ? Directory.CreateDirectory(Path.Combine(shared, $"engine-{Environment.ProcessId}")).FullName
            : _ownedWorkDirectory = Directory.CreateTempSubdirectory("rampart-it-").FullName;

        await ImportBaseImageAsync();
        await DockerAsync("build", "--quiet", "--network", "host", "--tag", AppImage, Path.Combine(TestEnvironment.FixturesDirectory, "app"));
        AppImageId = (await DockerAsync("image", "inspect", "--format", "{{.Id}}", AppImage)).Trim();

        AppArchive = Path.Combine(WorkDirectory, "app.tar");
        await DockerAsync("save", "--output", AppArchive, AppImage);

        if (Commands.Exists("skopeo"))
        {
            AppOciGzip = Path.Combine(WorkDirectory, "oci-gzip");
            AppOciZstd = Path.Combine(WorkDirectory, "oci-zstd");
            await SkopeoAsync("copy", "--quiet", "--dest-compress", "--dest-compress-format", "gzip", $"docker-archive:{AppArchive}", $"oci:{AppOciGzip}:app");
            await SkopeoAsync("copy", "--quiet", "--dest-compress", "--dest-compress-format", "zstd", $"docker-archive:{AppArchive}", $"oci:{AppOciZstd}:app");
        }
    }

    /// <summary>Fails or skips the test unless skopeo made the OCI layouts.</summary>
    public void RequireOciLayouts()
    {
        Require();
        TestEnvironment.Require(AppOciGzip.Length == 0 ? "skopeo is not installed, so there are no OCI layouts of the app image" : null);
    }

    /// <summary>
    /// Pushes <see cref="AppImage"/> to the loopback registry (once) with skopeo and returns its reference there;
    /// fails or skips the test when there is no registry.
    /// </summary>
    public async Task<string> PushAppToRegistryAsync()
    {
        Require();
        var registry = TestEnvironment.Registry;
        TestEnvironment.Require(registry is null ? "No registry: RAMPARTTEST_REGISTRY is not set" : null);
        TestEnvironment.Require(Commands.Exists("skopeo") ? null : "skopeo is not installed");
        await _pushGate.WaitAsync();
        try
        {
            if (_registryReference is null)
            {
                var reference = $"{registry}/rampart-test/app:1";
                await SkopeoAsync("copy", "--quiet", "--dest-tls-verify=false", $"docker-archive:{AppArchive}", $"docker://{reference}");
                _registryReference = reference;
            }

            return _registryReference;
        }
        finally
        {
            _pushGate.Release();
        }
    }

    /// <summary>Removes the tag or image <paramref name="name"/> from the engine, if it is there.</summary>
    public async Task RemoveImageAsync(string name)
    {
        try
        {
            await Engine.Client.Images.DeleteImageAsync(name, new ImageDeleteParameters { Force = true });
        }
        catch (DockerImageNotFoundException)
        {
            // Not there: nothing to remove.
        }
    }

    public Task<string> DockerAsync(params string[] arguments) =>
        Commands.RunAsync(TestEnvironment.DockerCli, arguments, DockerEnvironment);

    public static Task<string> SkopeoAsync(params string[] arguments) =>
        Commands.RunAsync("skopeo", ["--insecure-policy", .. arguments]);

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _engine?.Dispose();
        _engine = null;
        _pushGate.Dispose();
        if (_ownedWorkDirectory is not null && Directory.Exists(_ownedWorkDirectory))
        {
            Directory.Delete(_ownedWorkDirectory, recursive: true);
        }
    }

    // docker import costs seconds and a copy of the rootfs: skipped when the engine has this very rootfs already.
    private async Task ImportBaseImageAsync()
    {
        var rootfs = TestEnvironment.BaseRootfs ?? await MakeRootfsAsync();
        var name = Path.GetFileName(rootfs);
        var existing = await Engine.TryInspectAsync(BaseImage, CancellationToken.None);
        if (existing?.Config?.Labels is { } labels && labels.TryGetValue(RootfsLabel, out var imported) && imported == name)
        {
            return;
        }

        await DockerAsync("import", "--change", $"LABEL {RootfsLabel}={name}", "--change", "CMD [\"/bin/bash\"]", rootfs, BaseImage);
    }

    private static async Task<string> MakeRootfsAsync()
    {
        var script = Path.Combine(TestEnvironment.FixturesDirectory, "base-rootfs.sh");
        var output = await Commands.RunAsync("bash", [script], timeout: TimeSpan.FromMinutes(15));
        var path = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{script} printed no tarball path: {output}");
    }

    /// <summary>What a real container says about paths: <c>stat</c> run inside the image, as ground truth.</summary>
    public async Task<IReadOnlyDictionary<string, StatLine>> StatInContainerAsync(string image, params string[] paths)
    {
        var output = await DockerAsync(["run", "--rm", "--network", "none", "--user", "0", "--entrypoint", "stat", image, "-c", "%n|%f|%u|%g|%s|%N", .. paths]);
        var result = new Dictionary<string, StatLine>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('|');
            result[parts[0]] = new StatLine(
                parts[0],
                Convert.ToUInt32(parts[1], 16),
                int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture),
                parts[5]);
        }

        return result;
    }

    /// <summary>The JSON skopeo prints for <c>inspect</c>.</summary>
    public static async Task<JsonDocument> SkopeoInspectAsync(params string[] arguments) =>
        JsonDocument.Parse(await SkopeoAsync(["inspect", .. arguments]));
}

/// <summary>One line of <c>stat -c '%n|%f|%u|%g|%s|%N'</c>: name, raw mode (type and permission bits), owner, size, quoted name with link target.</summary>
public sealed record StatLine(string Path, uint RawMode, int Uid, int Gid, long Size, string Quoted)
{
    private const uint TypeMask = 0xF000;

    public UnixFileMode Mode => (UnixFileMode)(RawMode & 0x0FFF);

    public bool IsDirectory => (RawMode & TypeMask) == 0x4000;

    public bool IsSymlink => (RawMode & TypeMask) == 0xA000;

    public bool IsRegular => (RawMode & TypeMask) == 0x8000;
}

[CollectionDefinition(Name)]
public sealed class EngineFixtureDefinition : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
