using System.Runtime.InteropServices;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Fixtures;

/// <summary>
/// The GitHub Action's image, built once per run from the repository's Dockerfile without the .NET SDK image (which the
/// tests cannot pull): rampart published on the host with the image's own publish settings
/// (<c>src/Rampart.Cli/action-image.rsp</c>) into <c>prebuilt/</c>, then the Dockerfile's <c>prebuilt</c> target on a
/// stand-in for runtime-deps made from the fixtures' Debian base image (<c>fixtures/runtime-deps</c>). The publish and
/// the stand-in are made at the same time.
/// </summary>
public sealed class ActionImage : IDisposable
{
    public const string Image = "rampart-test/action:dev";
    public const string RuntimeDepsImage = "rampart-test/runtime-deps:bookworm";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _built;

    /// <summary>Builds the image (once) in <paramref name="engine"/> and returns its name.</summary>
    public async Task<string> BuildAsync(EngineFixture engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        engine.Require();
        await _gate.WaitAsync();
        try
        {
            if (!_built)
            {
                await Task.WhenAll(
                    PublishAsync(),
                    engine.DockerAsync("build", "--quiet", "--network", "host", "--build-arg", $"BASE={EngineFixture.BaseImage}", "--tag", RuntimeDepsImage, Path.Combine(TestEnvironment.FixturesDirectory, "runtime-deps")));
                await engine.DockerAsync("build", "--quiet", "--target", "prebuilt", "--build-arg", $"RUNTIME_BASE={RuntimeDepsImage}", "--tag", Image, TestRepository.Root);
                _built = true;
            }

            return Image;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// <c>dotnet publish</c> as the Dockerfile's SDK stage runs it, into the folder the <c>prebuilt</c> target copies
    /// (emptied first, but for its README). Its intermediate files go under <c>.artifacts/</c>, away from the obj/ folders
    /// the test run itself was built in; no build server outlives it.
    /// </summary>
    private static async Task PublishAsync()
    {
        var root = TestRepository.Root;
        var output = Path.Combine(root, "prebuilt");
        foreach (var stale in new DirectoryInfo(output).EnumerateFileSystemInfos().Where(e => e.Name != "README.md"))
        {
            if (stale is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                stale.Delete();
            }
        }

        var project = Path.Combine(root, "src", "Rampart.Cli");
        await Commands.RunAsync(
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [
                "publish", Path.Combine(project, "Rampart.Cli.csproj"), "@" + Path.Combine(project, "action-image.rsp"),
                "--runtime", RuntimeIdentifier, "--output", output, "--artifacts-path", Path.Combine(root, ".artifacts", "action-image"),
                "--disable-build-servers", "--nologo", "--verbosity", "quiet",
            ],
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            TimeSpan.FromMinutes(15));
    }

    private static string RuntimeIdentifier => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "linux-x64",
        Architecture.Arm64 => "linux-arm64",
        var other => throw new PlatformNotSupportedException($"The action image is built for amd64 and arm64, not {other}."),
    };
}
