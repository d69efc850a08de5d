namespace Rampart.Cli.Scanning;

/// <summary>Where each report of a run goes: named files, or fixed names inside <c>--output-dir</c>.</summary>
internal sealed record ReportTargets(string? Json, string? Markdown, string? Html, string? Sarif)
{
    public static ReportTargets From(FileInfo? json, FileInfo? markdown, FileInfo? html, FileInfo? sarif, DirectoryInfo? outputDirectory)
    {
        string? InDirectory(FileInfo? named, string fileName) =>
            named?.FullName ?? (outputDirectory is null ? null : Path.Combine(outputDirectory.FullName, fileName));

        return new ReportTargets(
            InDirectory(json, "results.json"),
            InDirectory(markdown, "report.md"),
            InDirectory(html, "report.html"),
            InDirectory(sarif, "results.sarif"));
    }
}
