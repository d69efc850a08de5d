using System.Collections;
using System.Reflection;

namespace Rampart.Robustness.Tests.Support;

/// <summary>What one command line printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string All => Output + "\n" + Error;
}

/// <summary>
/// Runs the real <c>rampart</c> command tree in-process through <c>CliApplication.RunAsync</c>, the entry point Program.cs
/// calls, with an injected environment (so CI variables of the machine running the tests never leak in) and a token
/// the caller controls. The class is internal to the CLI and only the CLI's own tests see its internals, so it is
/// found by name; the signature check below fails loudly if it ever moves.
/// </summary>
internal static class RampartCli
{
    private static readonly MethodInfo RunMethod =
        Type.GetType("Rampart.Cli.CliApplication, rampart", throwOnError: true)!
            .GetMethod("RunAsync", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException("Rampart.Cli.CliApplication.RunAsync not found");

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(new Hashtable(), CancellationToken.None, args);

    public static async Task<CliRun> RunAsync(IDictionary environment, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var task = (Task<int>)RunMethod.Invoke(null, [args, output, error, cancellationToken, TimeProvider.System, environment])!;
        var exitCode = await task;
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The built <c>rampart.dll</c> beside the tests, for runs in a child process (real stdout, stderr, logs and signals).</summary>
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "rampart.dll");
}
