using System.Collections;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Rampart.Cli.Commands;
using Rampart.Core.Images;

namespace Rampart.Cli;

/// <summary>Builds the command tree and turns every outcome into one of the documented exit codes.</summary>
internal static class CliApplication
{
    public static string Version { get; } =
        typeof(CliApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static RootCommand BuildRootCommand(TextWriter output, TimeProvider time, IDictionary environment)
    {
        var root = new RootCommand(
            "Rampart: a container-image gate for pull requests. It writes a CycloneDX SBOM and judges an image on hardening and on vendor lock-in.")
        {
            CliOptions.Verbose,
            CliOptions.Quiet,
        };
        root.Subcommands.Add(ScanCommand.Create(output, time, environment));
        root.Subcommands.Add(SbomCommand.Create(output, time, environment));
        root.Subcommands.Add(RulesCommand.Create(output));
        root.Subcommands.Add(PublishCommand.Create(output, time, environment));
        root.Options.OfType<VersionOption>().Single().Action = new PrintVersion(output);
        return root;
    }

    /// <summary>Prints this assembly's version; the built-in action reports the entry assembly's, which is the test host's under test.</summary>
    private sealed class PrintVersion(TextWriter output) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            output.WriteLine(Version);
            return ExitCodes.Passed;
        }
    }

    /// <summary>Runs one command line; <paramref name="environment"/> (the process's own when null) holds settings and the CI system's variables.</summary>
    public static async Task<int> RunAsync(
        string[] args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken,
        TimeProvider? time = null,
        IDictionary? environment = null)
    {
        var root = BuildRootCommand(output, time ?? TimeProvider.System, environment ?? Environment.GetEnvironmentVariables());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"rampart: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'rampart --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,

                // Ctrl-C reaches the command through the caller's token only (Program.cs cancels it). System.CommandLine's
                // own handler cancelled a token of its own first, and the cancellation escaped as an unhandled exception.
                ProcessTerminationTimeout = null,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"rampart: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (ImageReadException e)
        {
            await error.WriteLineAsync($"rampart: {e.Message}").ConfigureAwait(false);
            return ExitCodes.RuntimeError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("rampart: cancelled; no output was left half-written.").ConfigureAwait(false);
            return ExitCodes.RuntimeError;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"rampart: {e.Message}").ConfigureAwait(false);
            return ExitCodes.RuntimeError;
        }
        catch (UnauthorizedAccessException e)
        {
            await error.WriteLineAsync($"rampart: {e.Message}").ConfigureAwait(false);
            return ExitCodes.RuntimeError;
        }
    }
}
