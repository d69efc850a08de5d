using System.Collections;
using System.CommandLine;
using Rampart.Cli.Scanning;

namespace Rampart.Cli.Commands;

/// <summary><c>rampart sbom IMAGE -o FILE</c>: the SBOM alone.</summary>
internal static class SbomCommand
{
    public static Command Create(TextWriter output, TimeProvider time, IDictionary environment)
    {
        var image = new Argument<string?>("IMAGE")
        {
            Description = "The image, with or without a scheme (see 'rampart scan --help'). Omit it with --dockerfile.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = new Option<FileInfo>("--output", "-o")
        {
            Description = "Where to write the CycloneDX SBOM (.json or .xml).",
            HelpName = "FILE",
            Required = true,
        };
        var command = new Command("sbom", "Write a CycloneDX SBOM of one image.")
        {
            image, file, CliOptions.Dockerfile, CliOptions.Context, CliOptions.BuildArg, CliOptions.Target, CliOptions.Platform,
            CliOptions.SbomSpecVersion, CliOptions.SbomFormat, CliOptions.InsecureRegistry, CliOptions.Config,
        };
        command.SetAction((parsed, cancellationToken) =>
        {
            var images = parsed.GetValue(image) is { } one ? new[] { one } : [];
            var request = ScanRequest.FromParseResult(parsed, images, parsed.GetValue(file), outputDirectory: null);
            var settings = ScanRequest.LoadSettings(parsed, environment, new Dictionary<string, string?>()) with { FailOn = null, FailOnLockIn = null };
            return ScanRunner.RunAsync(request, settings, output, time, environment, cancellationToken);
        });
        return command;
    }
}
