using Rampart.Core.Findings;
using Rampart.Core.Results;

namespace Rampart.Cli.Scanning;

/// <summary>The plain-text verdict on stdout: one block per image, the findings that matter, the gate.</summary>
internal static class ConsoleSummary
{
    private const int MaxFindingsPerImage = 20;

    public static async Task WriteAsync(TextWriter output, ScanResults results, Severity minimumSeverity)
    {
        var lines = new List<string>();
        foreach (var image in results.Images)
        {
            var counts = image.Hardening.Counts;
            var os = image.Os is null ? "unknown distribution" : image.Os.PrettyName ?? $"{image.Os.Id} {image.Os.VersionId}";
            var ecosystems = string.Join(", ", image.Ecosystems.Select(e => $"{e.Packages} {e.Type}"));
            lines.Add(image.Reference);
            lines.Add($"  image id   {image.ImageId}");
            lines.Add($"  platform   {image.Platform}");
            lines.Add($"  os         {os}");
            lines.Add($"  packages   {image.Packages.Count}{(ecosystems.Length == 0 ? string.Empty : $" ({ecosystems})")}");
            lines.Add($"  hardening  {image.Hardening.Score}/100, grade {image.Hardening.Grade}; " +
                $"{counts.Critical} critical, {counts.High} high, {counts.Medium} medium, {counts.Low} low, {counts.Info} info, {counts.Waived} waived");
            if (image.LockIn is { } lockIn)
            {
                lines.Add($"  lock-in    {lockIn.Score:0.#}/100, {lockIn.Level.ToString().ToLowerInvariant()}; vendor {lockIn.Vendor}, {lockIn.Distro}");
            }

            if (image.Sbom is { } sbom)
            {
                lines.Add($"  sbom       {sbom.Path} ({sbom.ComponentCount} components)");
            }

            var shown = image.Hardening.Findings.Where(f => !f.Waived && f.Severity >= minimumSeverity).ToList();
            foreach (var finding in shown.Take(MaxFindingsPerImage))
            {
                var where = finding.Dockerfile is { } line ? $"{line.Path}:{line.Line}" : finding.FirstPath ?? "image config";
                var origin = finding.Origin == FindingOrigin.Unknown ? string.Empty : $", {finding.Origin.ToString().ToLowerInvariant()}";
                lines.Add($"    {finding.Severity.ToString().ToLowerInvariant(),-8} {finding.RuleId}  {finding.Title}  ({where}{origin})");
            }

            if (shown.Count > MaxFindingsPerImage)
            {
                lines.Add($"    ... and {shown.Count - MaxFindingsPerImage} more; --markdown, --html or --json list them all");
            }
        }

        lines.Add(results.Gate.Failed
            ? $"gate: FAILED ({string.Join("; ", results.Gate.Reasons.Select(r => r.Message))})"
            : "gate: passed");
        foreach (var line in lines)
        {
            await output.WriteLineAsync(ConsoleText.Safe(line)).ConfigureAwait(false);
        }
    }
}
