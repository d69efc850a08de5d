using Rampart.Testing;

namespace Rampart.Catalogers.Tests.Support;

/// <summary>
/// Programs a <c>testdata/*/build.sh</c> script builds with real toolchains, once per test run, into a temporary
/// folder deleted when the run ends. Without the toolchain a test using them skips (fails under CI, see <see cref="Tools"/>).
/// </summary>
internal sealed class ScriptFixture(string script, string tool, string debianPackage) : IDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private string? _built;

    /// <summary>The path of <paramref name="name"/> among what the script built.</summary>
    public async Task<string> FileAsync(string name)
    {
        Tools.Require(tool, debianPackage);
        await _building.WaitAsync();
        try
        {
            _built ??= await BuildAsync();
        }
        finally
        {
            _building.Release();
        }

        return Path.Combine(_built, name);
    }

    public void Dispose() => _building.Dispose();

    private async Task<string> BuildAsync()
    {
        var output = Directory.CreateTempSubdirectory("rampart-fixture-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(output, recursive: true);
        await Commands.RunAsync("sh", [TestImage.TestData(script), output]);
        return output;
    }
}
