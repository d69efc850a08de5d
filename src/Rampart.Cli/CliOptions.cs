using System.CommandLine;

namespace Rampart.Cli;

/// <summary>The options commands share, each defined once.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show debug detail on stderr.",
        Recursive = true,
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Show only warnings and errors on stderr.",
        Recursive = true,
    };

    public static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "Policy file (.yml or .json). Default: .rampart.yml, .rampart.yaml or .rampart.json at the repository root.",
        HelpName = "FILE",
    };

    public static readonly Option<string?> Platform = new("--platform")
    {
        Description = "Platform to pick from a multi-platform image or to build for, as os/arch[/variant]. Default: linux/amd64.",
        HelpName = "PLATFORM",
    };

    public static readonly Option<FileInfo?> Dockerfile = new("--dockerfile")
    {
        Description = "Build this Dockerfile through the Docker engine, then scan the result; findings are put on its lines.",
        HelpName = "PATH",
    };

    public static readonly Option<DirectoryInfo?> Context = new("--context")
    {
        Description = "Build context directory. Default: the Dockerfile's directory.",
        HelpName = "DIR",
    };

    public static readonly Option<string[]> BuildArg = new("--build-arg")
    {
        Description = "Build argument K=V; repeat for several.",
        HelpName = "K=V",
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> Target = new("--target")
    {
        Description = "Build stage to stop at.",
        HelpName = "NAME",
    };

    public static readonly Option<string[]> InsecureRegistry = new("--insecure-registry")
    {
        Description = "Reach this registry host (host or host:port) over plain HTTP or with any certificate, on purpose; repeat for several.",
        HelpName = "HOST",
    };

    public static readonly Option<string?> SbomFormat = new("--sbom-format")
    {
        Description = "SBOM encoding when the file name does not say: json (default) or xml.",
        HelpName = "FORMAT",
    };

    public static readonly Option<string?> SbomSpecVersion = new("--sbom-spec-version")
    {
        Description = "CycloneDX specification version of the SBOM: 1.6 (default) or 1.7.",
        HelpName = "VERSION",
    };
}
