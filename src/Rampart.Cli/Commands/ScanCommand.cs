using System.Collections;
using System.CommandLine;
using Rampart.Cli.Scanning;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart scan IMAGE...</c>: the main job.</summary>
internal static class ScanCommand
{
    public static Command Create(TextWriter output, TimeProvider time, IDictionary environment)
    {
        var images = new Argument<string[]>("IMAGE")
        {
            Description = "Images to scan: docker:REF, docker-archive:PATH, oci-archive:PATH, oci-dir:PATH, registry:REF, dir:PATH, " +
                "or a path or reference without a scheme. Several images give a fleet view.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var sbom = new Option<FileInfo?>("--sbom") { Description = "Write the CycloneDX SBOM here (.json or .xml).", HelpName = "FILE" };
        var json = new Option<FileInfo?>("--json") { Description = "Write the results JSON here.", HelpName = "FILE" };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Write the Markdown report here.", HelpName = "FILE" };
        var html = new Option<FileInfo?>("--html") { Description = "Write the HTML report here.", HelpName = "FILE" };
        var sarif = new Option<FileInfo?>("--sarif") { Description = "Write SARIF 2.1.0 for code scanning here.", HelpName = "FILE" };
        var outputDir = new Option<DirectoryInfo?>("--output-dir") { Description = "Write every output into this directory, named after each image.", HelpName = "DIR" };
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "Fail the gate on hardening findings at or above: none, info, low, medium, high (default), critical.",
            HelpName = "SEVERITY",
        };
        var failOnLockIn = new Option<string?>("--fail-on-lockin")
        {
            Description = "Fail the gate on a lock-in level at or above: none (default), moderate, high.",
            HelpName = "LEVEL",
        };
        var baseline = new Option<string?>("--baseline")
        {
            Description = "An earlier results JSON (from --json), a CycloneDX JSON SBOM, or an image (any IMAGE form) to scan as the baseline: " +
                "reports start with what changed since (packages, findings, scores).",
            HelpName = "FILE|IMAGE",
        };
        var merge = new Option<string[]>("--merge")
        {
            Description = "Results JSON files of earlier scans (from --json or --output-dir) to report together with the images of this run: " +
                "one results set, the fleet view and the gate over all of them. An image in several files (same image id) is reported once. " +
                "SBOMs are not written again: each merged image keeps the SBOM its own scan wrote. Takes several files; put IMAGE arguments before it.",
            HelpName = "RESULTS.json",
            AllowMultipleArgumentsPerToken = true,
        };
        var minSeverity = new Option<string?>("--min-severity")
        {
            Description = "Show only findings at or above this severity; the gate still counts all of them.",
            HelpName = "SEVERITY",
        };

        var command = new Command("scan", "Scan images: SBOM, hardening and vendor lock-in, with a gate for CI; --merge adds the images of earlier results files.")
        {
            images, CliOptions.Dockerfile, CliOptions.Context, CliOptions.BuildArg, CliOptions.Target, CliOptions.Platform,
            sbom, json, markdown, html, sarif, outputDir, CliOptions.SbomSpecVersion, CliOptions.SbomFormat, CliOptions.InsecureRegistry,
            failOn, failOnLockIn, minSeverity, baseline, merge, CliOptions.Config,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var request = ScanRequest.FromParseResult(parsed, parsed.GetValue(images) ?? [], parsed.GetValue(sbom), parsed.GetValue(outputDir), parsed.GetValue(merge) ?? []) with
            {
                Reports = ReportTargets.From(parsed.GetValue(json), parsed.GetValue(markdown), parsed.GetValue(html), parsed.GetValue(sarif), parsed.GetValue(outputDir)),
                Baseline = parsed.GetValue(baseline),
            };
            var settings = ScanRequest.LoadSettings(parsed, environment, new Dictionary<string, string?>
            {
                ["failOn"] = parsed.GetValue(failOn),
                ["failOnLockIn"] = parsed.GetValue(failOnLockIn),
                ["minSeverity"] = parsed.GetValue(minSeverity),
            });
            return ScanRunner.RunAsync(request, settings, output, time, environment, cancellationToken);
        });
        return command;
    }
}
