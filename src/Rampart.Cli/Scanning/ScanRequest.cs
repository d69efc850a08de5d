using System.Collections;
using System.CommandLine;
using Rampart.Cli.Configuration;

namespace Rampart.Cli.Scanning;

/// <summary>A Dockerfile to build through the engine before scanning.</summary>
internal sealed record BuildRequest(FileInfo Dockerfile, DirectoryInfo Context, IReadOnlyDictionary<string, string> BuildArgs, string? Target);

/// <summary>What the user asked a scan for, checked for consistency before any work starts.</summary>
internal sealed record ScanRequest(
    IReadOnlyList<string> Images,
    BuildRequest? Build,
    FileInfo? SbomFile,
    DirectoryInfo? OutputDirectory,
    bool Verbose,
    bool Quiet)
{
    public ReportTargets Reports { get; init; } = new(null, null, null, null);

    /// <summary>What the reports compare against: an earlier results file or SBOM, or an image to scan first.</summary>
    public string? Baseline { get; init; }

    /// <summary>Results files of earlier scans whose images join this run's in one results set.</summary>
    public IReadOnlyList<string> Merge { get; init; } = [];

    public int ImageCount => Images.Count + (Build is null ? 0 : 1);

    public static ScanRequest FromParseResult(
        ParseResult parsed,
        IReadOnlyList<string> images,
        FileInfo? sbomFile,
        DirectoryInfo? outputDirectory,
        IReadOnlyList<string>? merge = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var build = ParseBuild(parsed);
        var request = new ScanRequest(images, build, sbomFile, outputDirectory, parsed.GetValue(CliOptions.Verbose), parsed.GetValue(CliOptions.Quiet))
        {
            Merge = merge ?? [],
        };
        if (request.ImageCount == 0 && request.Merge.Count == 0)
        {
            throw new UsageException(merge is null
                ? "Give at least one IMAGE, or --dockerfile to build one."
                : "Give at least one IMAGE, --dockerfile to build one, or --merge with results files of earlier scans.");
        }

        if (sbomFile is not null && request.ImageCount == 0)
        {
            throw new UsageException("--sbom: no image is scanned in this run; merged images keep the SBOMs their own scans wrote.");
        }

        if (sbomFile is not null && request.ImageCount > 1)
        {
            throw new UsageException($"--sbom names one file but {request.ImageCount} images were given; use --output-dir to write one SBOM per image.");
        }

        return request;
    }

    public static RampartSettings LoadSettings(ParseResult parsed, IDictionary environment, Dictionary<string, string?> commandLineSettings)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(commandLineSettings);
        commandLineSettings["platform"] = parsed.GetValue(CliOptions.Platform);
        commandLineSettings["sbom:specVersion"] = parsed.GetValue(CliOptions.SbomSpecVersion);
        commandLineSettings["sbom:format"] = parsed.GetValue(CliOptions.SbomFormat);
        var insecure = parsed.GetValue(CliOptions.InsecureRegistry) ?? [];
        for (var i = 0; i < insecure.Length; i++)
        {
            commandLineSettings[$"registry:insecure:{i}"] = insecure[i];
        }
        return SettingsLoader.Load(
            parsed.GetValue(CliOptions.Config)?.FullName,
            Directory.GetCurrentDirectory(),
            environment,
            commandLineSettings);
    }

    private static BuildRequest? ParseBuild(ParseResult parsed)
    {
        var dockerfile = parsed.GetValue(CliOptions.Dockerfile);
        var context = parsed.GetValue(CliOptions.Context);
        var buildArgs = parsed.GetValue(CliOptions.BuildArg) ?? [];
        var target = parsed.GetValue(CliOptions.Target);
        if (dockerfile is null)
        {
            if (context is not null || buildArgs.Length > 0 || target is not null)
            {
                throw new UsageException("--context, --build-arg and --target only apply with --dockerfile.");
            }

            return null;
        }

        if (!dockerfile.Exists)
        {
            throw new UsageException($"--dockerfile: '{dockerfile}' does not exist.");
        }

        context ??= dockerfile.Directory!;
        if (!context.Exists)
        {
            throw new UsageException($"--context: '{context}' is not a directory.");
        }

        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in buildArgs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--build-arg '{pair}': expected KEY=VALUE.");
            }

            args[pair[..equals]] = pair[(equals + 1)..];
        }

        return new BuildRequest(dockerfile, context, args, target);
    }
}
