using System.Collections;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Rampart.Testing;

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

    /// <summary>
    /// Runs the built <c>rampart.dll</c> in a child process with a clean environment, for what only the process's own
    /// stderr carries: log lines and warnings.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args.Prepend(Path.Combine(AppContext.BaseDirectory, "rampart.dll")))
        {
            start.ArgumentList.Add(arg);
        }

        ChildEnvironment.Clean(start);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The repository's root, found from the test assembly's folder.</summary>
    public static string RepositoryRoot => Repository.Root;
}
