using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Rampart.Images.Registry;

/// <summary>
/// Runs a Docker credential helper, <c>docker-credential-NAME get</c>, with the server URL on its standard input;
/// it answers <c>{"ServerURL", "Username", "Secret"}</c>, where the user name <c>&lt;token&gt;</c> makes the secret an
/// identity token. Its output is never put in a message.
/// </summary>
internal static class CredentialHelper
{
    private const string Prefix = "docker-credential-";
    private const string TokenUsername = "<token>";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The credentials, none when the helper has none for <paramref name="serverUrl"/>, or why the helper could not be asked.</summary>
    public static async Task<(RegistryCredentials? Credentials, string? Problem)> GetAsync(
        string name, string serverUrl, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var program = Prefix + name;
        var path = environment("PATH") ?? string.Empty;
        var executable = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
        if (executable is null)
        {
            return (null, $"credential helper {program} is not on PATH");
        }

        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "get" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = path;
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return (null, $"credential helper {executable} cannot be run: {e.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        string output;
        string errors;
        try
        {
            await process.StandardInput.WriteAsync(serverUrl.AsMemory(), timeout.Token).ConfigureAwait(false);
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            output = await stdout.ConfigureAwait(false);
            errors = await stderr.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return (null, $"credential helper {program} did not answer within {Timeout.TotalSeconds:0} s");
        }
        catch (IOException e)
        {
            return (null, $"credential helper {program} failed: {e.Message}");
        }

        if (process.ExitCode != 0)
        {
            // The helpers' own words for "nothing stored for this server".
            return output.Contains("credentials not found", StringComparison.OrdinalIgnoreCase)
                ? (null, null)
                : (null, $"credential helper {program} exited with {process.ExitCode}: {FirstLine(errors)}");
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            var username = Text(document.RootElement, "Username");
            var secret = Text(document.RootElement, "Secret");
            if (string.IsNullOrEmpty(secret))
            {
                return (null, null);
            }

            return username == TokenUsername || string.IsNullOrEmpty(username)
                ? (RegistryCredentials.Identity(secret), null)
                : (RegistryCredentials.Basic(username, secret), null);
        }
        catch (JsonException)
        {
            return (null, $"credential helper {program} answered something that is not the JSON of a credential");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
        return line.Length > 200 ? line[..200] : line;
    }
}
