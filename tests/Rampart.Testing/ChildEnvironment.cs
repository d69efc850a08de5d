using System.Diagnostics;

namespace Rampart.Testing;

/// <summary>A child <c>rampart</c> process sees only what a test gives it, never the CI variables of the machine running the tests.</summary>
public static class ChildEnvironment
{
    private static readonly string[] Kept = ["PATH", "HOME", "DOTNET_ROOT", "DOTNET_CLI_HOME", "TMPDIR", "NUGET_PACKAGES"];

    public static void Clean(ProcessStartInfo start, IReadOnlyDictionary<string, string>? add = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        var keep = Kept.Select(k => (k, Environment.GetEnvironmentVariable(k))).Where(p => p.Item2 is not null).ToList();
        start.Environment.Clear();
        foreach (var (key, value) in keep)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in add ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
    }
}
