using System.Text.RegularExpressions;
using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Registry, package-manager and cloud-tool credential files with credentials in them.</summary>
public sealed partial class AuthFilesRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H012",
        "Registry or package-manager credentials in a file",
        Severity.High,
        "Tools keep login credentials in well-known files: Docker's config.json, npm's .npmrc, Yarn's .yarnrc.yml, PyPI's "
        + ".pypirc, .netrc, .git-credentials, Maven's settings.xml, NuGet.Config, kubeconfig, AWS's credentials file. Copied "
        + "into an image, or written by a build step to install private packages, they give anyone who pulls the image the "
        + "same access, and deleting them in a later step does not remove them from the earlier layer. A file is reported only "
        + "when it actually holds a credential; placeholders such as ${NPM_TOKEN} and credential-helper settings are not "
        + "credentials.",
        "Mount credentials only for the step that needs them (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`); "
        + "rotate the credential that shipped.",
        ["CIS-DI-0010", "CIS-4.10", "NIST-800-190-3.1.4"]);

    private static readonly (string Suffix, string What, Func<Regex> Pattern)[] Files =
    [
        ("/.docker/config.json", "a Docker registry credential", DockerConfig),
        ("/.npmrc", "an npm registry credential", Npmrc),
        ("/.yarnrc.yml", "a Yarn registry token", Yarnrc),
        ("/.pypirc", "a PyPI password", Pypirc),
        ("/.netrc", "a .netrc password", Netrc),
        ("/.git-credentials", "a Git credential", GitCredentials),
        ("/.m2/settings.xml", "a Maven server password", MavenSettings),
        ("/.kube/config", "a Kubernetes credential", KubeConfig),
        ("/.aws/credentials", "an AWS secret access key", AwsCredentials),
        ("/nuget.config", "a NuGet feed password", NuGetConfig),
    ];

    private static readonly FileSelection Selection = new(Globs);

    private static string[] Globs =>
    [
        "**/.docker/config.json", "**/.npmrc", "**/.yarnrc.yml", "**/.pypirc", "**/.netrc", "**/.git-credentials",
        "**/.m2/settings.xml", "**/.kube/config", "**/.aws/credentials", "**/nuget.config", "**/NuGet.Config", "**/NuGet.config",
    ];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = Globs;

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var file in LayerFiles.Matching(context, Selection))
        {
            var kind = Files.FirstOrDefault(f => file.Entry.Path.EndsWith(f.Suffix, StringComparison.OrdinalIgnoreCase));
            if (kind.Pattern is null || file.Text is not { } text)
            {
                continue;
            }

            var secrets = kind.Pattern().Matches(text)
                .Select(m => m.Groups["secret"].Value.Trim('"', '\''))
                .Where(s => s.Length > 0 && s[0] is not '$' and not '%' and not '{')
                .ToList();
            if (secrets.Count == 0)
            {
                continue;
            }

            yield return Rule.Create(
                $"{ImagePath.FileName(file.Entry.Path)} holds {kind.What}",
                $"{file.Entry.Path} holds {kind.What} ({string.Join(", ", secrets.Select(SecretRedactor.Redact))}); layer {file.Layer} in the {context.Boundary.DescribeLayer(file.Layer)}{LayerFiles.LaterFate(context, file)}",
                [new FindingLocation(file.Entry.Path, file.Layer)],
                context.LineOfLayer(file.Layer));
        }
    }

    [GeneratedRegex(@"""(?:auth|identitytoken|password|registrytoken)""\s*:\s*""(?<secret>[^""]+)""")]
    private static partial Regex DockerConfig();

    [GeneratedRegex(@"(?m)^\s*(?:\S*:)?_(?:authToken|auth|password)\s*=\s*(?<secret>\S+)")]
    private static partial Regex Npmrc();

    [GeneratedRegex(@"(?m)npmAuth(?:Token|Ident)\s*:\s*(?<secret>\S+)")]
    private static partial Regex Yarnrc();

    [GeneratedRegex(@"(?m)^\s*password\s*[=:]\s*(?<secret>\S+)")]
    private static partial Regex Pypirc();

    [GeneratedRegex(@"(?<![A-Za-z])password\s+(?<secret>\S+)")]
    private static partial Regex Netrc();

    [GeneratedRegex(@"://[^:/\s@]+:(?<secret>[^@\s]+)@")]
    private static partial Regex GitCredentials();

    [GeneratedRegex(@"<password>\s*(?<secret>[^<\s][^<]*?)\s*</password>")]
    private static partial Regex MavenSettings();

    [GeneratedRegex(@"(?m)^\s*(?:token|client-key-data|password)\s*:\s*(?<secret>\S+)")]
    private static partial Regex KubeConfig();

    [GeneratedRegex(@"(?m)^\s*aws_secret_access_key\s*=\s*(?<secret>\S+)")]
    private static partial Regex AwsCredentials();

    [GeneratedRegex(@"key\s*=\s*""(?:ClearTextPassword|Password)""\s+value\s*=\s*""(?<secret>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetConfig();
}
