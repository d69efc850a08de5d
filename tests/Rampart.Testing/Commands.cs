using System.Diagnostics;
using System.Text;

namespace Rampart.Testing;

/// <summary>Runs the reference tools (docker CLI, skopeo, bash) that make and check the fixtures.</summary>
public static class Commands
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs <paramref name="fileName"/> and returns its standard output; throws with its error output when it fails.</summary>
    public static async Task<string> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var result = await RunForExitCodeAsync(fileName, arguments, environment, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{result.CommandLine} exited with {result.ExitCode}:{Environment.NewLine}{Tail(result.Error.Length > 0 ? result.Error : result.Output, 40)}");
        }

        return result.Output;
    }

    /// <summary>Runs <paramref name="fileName"/> to the end and returns its exit code and what it printed, whatever the exit code.</summary>
    public static async Task<CommandResult> RunForExitCodeAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var commandLine = $"{fileName} {string.Join(' ', start.ArgumentList)}";
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot run {fileName}: {e.Message}", e);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {(timeout ?? DefaultTimeout).TotalSeconds:0} s");
        }

        return new CommandResult(commandLine, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Whether <paramref name="fileName"/> is on PATH (or is a path that exists).</summary>
    public static bool Exists(string fileName)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(fileName);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, fileName)));
    }

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        var builder = new StringBuilder();
        foreach (var line in all.Skip(Math.Max(0, all.Length - lines)))
        {
            builder.AppendLine(line.TrimEnd('\r'));
        }

        return builder.ToString().TrimEnd();
    }
}

/// <summary>How a command ended: its exit code, standard output and standard error.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, string Error);
