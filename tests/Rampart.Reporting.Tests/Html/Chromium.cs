using System.Diagnostics;

namespace Rampart.Reporting.Tests.Html;

/// <summary>
/// Debian's headless Chromium, to load a page as a browser would. Without it the test skips and says why, except when
/// <c>CI=true</c>: there a missing browser is a failure.
/// </summary>
internal static class Chromium
{
    private const string Executable = "/usr/bin/chromium";

    /// <summary>Skips (or fails under CI) when Chromium is not installed.</summary>
    public static void Require()
    {
        if (File.Exists(Executable))
        {
            return;
        }

        var reason = $"{Executable} is missing; install Debian's chromium package (apt-get install -y chromium) to run the HTML report in a browser.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Skip.If(true, reason);
    }

    /// <summary>Loads <paramref name="file"/>; returns the DOM after load and every console message the page produced.</summary>
    public static async Task<(string Dom, IReadOnlyList<string> Console)> LoadAsync(string file)
    {
        var (output, errors) = await RunAsync(file, "--dump-dom");

        // Chromium logs what the page writes to its console, and every Content-Security-Policy violation, as CONSOLE lines.
        return (output, errors.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList());
    }

    /// <summary>Prints <paramref name="file"/> to PDF as the browser's print dialog would; returns the number of pages.</summary>
    public static async Task<int> PrintedPagesAsync(string file)
    {
        var pdf = Path.ChangeExtension(Path.GetFullPath(file), ".pdf");
        await RunAsync(file, "--no-pdf-header-footer", $"--print-to-pdf={pdf}");

        // Chromium's PDF writer keeps page dictionaries uncompressed, one "/Type /Page" each ("/Type /Pages" is the tree).
        var text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(pdf));
        return System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page\b");
    }

    private static async Task<(string Output, string Errors)> RunAsync(string file, params string[] mode)
    {
        var profile = Directory.CreateTempSubdirectory("rampart-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullName}", "--enable-logging=stderr", "--v=0", .. mode,
                new Uri(Path.GetFullPath(file)).AbsoluteUri,
            ];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish with {file} within 90 seconds.");
            }

            return (await output, await errors);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
