using System.Collections;
using Microsoft.Extensions.Time.Testing;

namespace Rampart.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Runs with no environment variables, so a CI system running the tests is not mistaken for the one to publish to.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunInAsync(new Hashtable(), args);

    public static async Task<(int ExitCode, string Output, string Error)> RunInAsync(IDictionary environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, output, error, CancellationToken.None, new FakeTimeProvider(Now), environment);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The repository's root, found from the test assembly's folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Actions.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Actions.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
