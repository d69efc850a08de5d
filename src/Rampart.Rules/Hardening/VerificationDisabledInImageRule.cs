using System.Text.RegularExpressions;
using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Environment or package-manager configuration shipped in the image that turns verification off.</summary>
public sealed partial class VerificationDisabledInImageRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H021",
        "TLS or package verification disabled in the shipped configuration",
        Severity.High,
        "Settings that survive into the image keep verification off for every container and every image built on top: ENV "
        + "NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, GIT_SSL_NO_VERIFY, PIP_TRUSTED_HOST, npm_config_strict_ssl=false "
        + "or GOINSECURE in the image config, and package-manager configuration files that accept unsigned packages (apt "
        + "AllowUnauthenticated or AllowInsecureRepositories, `[trusted=yes]` sources, yum and dnf `gpgcheck=0` or "
        + "`sslverify=0`, pip `trusted-host`, npm `strict-ssl=false`, Git `sslVerify = false`). A repository file with "
        + "gpgcheck=0 for a local repository built in the same step is a legitimate exception to waive.",
        "Remove the setting; for an internal CA, add its certificate to the trust store. Use `RUN VAR=... command` for a "
        + "one-off build step rather than ENV.",
        ["CIS-4.11", "CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_12", "CKV2_DOCKER_14", "CKV2_DOCKER_16", "CKV2_DOCKER_18"]);

    private static readonly (Func<string, bool> Applies, Func<Regex> Pattern, string What)[] ConfigFiles =
    [
        (p => p.StartsWith("/etc/apt/apt.conf", StringComparison.Ordinal), AptConfig, "apt accepts unauthenticated packages"),
        (p => p.StartsWith("/etc/apt/sources.list", StringComparison.Ordinal), AptTrusted, "an apt source is trusted without signatures"),
        (p => p.StartsWith("/etc/yum.repos.d/", StringComparison.Ordinal) || p is "/etc/dnf/dnf.conf" or "/etc/yum.conf", RpmRepoConfig, "a yum/dnf repository skips signature or TLS checks"),
        (p => p.EndsWith("/pip.conf", StringComparison.Ordinal), PipConfig, "pip trusts a host without TLS verification"),
        (p => p.EndsWith("/.npmrc", StringComparison.Ordinal), NpmConfig, "npm strict-ssl is off"),
        (p => p.EndsWith("/.gitconfig", StringComparison.Ordinal) || p == "/etc/gitconfig", GitConfig, "Git TLS verification is off"),
    ];

    private static readonly FileSelection Selection = new(Globs);

    private static string[] Globs =>
    [
        "/etc/apt/apt.conf", "/etc/apt/apt.conf.d/*", "/etc/apt/sources.list", "/etc/apt/sources.list.d/*",
        "/etc/yum.repos.d/*.repo", "/etc/dnf/dnf.conf", "/etc/yum.conf", "/etc/pip.conf", "**/.config/pip/pip.conf",
        "**/.pip/pip.conf", "**/.npmrc", "**/.gitconfig", "/etc/gitconfig",
    ];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = Globs;

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, value) in context.Image.Config.Env.Select(Assignments.Split))
        {
            if (InsecureCommands.DescribeEnvironment(name, value) is { } what)
            {
                var step = context.LastHistoryIndex("ENV", args => Assignments.Parse(args).Any(p => p.Key == name));
                var (setBy, origin) = ConfigSetter.Of(context, step);
                yield return Rule.Create(
                    $"{name} in the image environment",
                    $"{what}; {setBy}",
                    [new FindingLocation(ConfigPaths.Env, null)],
                    context.LineOf(context.LastInstruction("ENV", i => Assignments.Parse(i.Value).Any(p => p.Key == name))),
                    origin: origin);
            }
        }

        foreach (var entry in context.Snapshot.Files.Entries.Where(e => e.IsRegular && Selection.WantsContent(e.Path, 0)))
        {
            if (context.Snapshot.Files.ReadContent(entry) is not { } bytes)
            {
                continue;
            }

            var text = System.Text.Encoding.UTF8.GetString(bytes.Span);
            foreach (var (_, pattern, what) in ConfigFiles.Where(c => c.Applies(entry.Path)))
            {
                var match = pattern().Match(text);
                if (match.Success)
                {
                    var line = text.AsSpan(0, match.Index).Count('\n') + 1;
                    yield return Rule.Create(
                        $"{Text.Capitalise(what)}: {entry.Path}",
                        $"{entry.Path} line {line}: {match.Value.Trim()}; written by layer {entry.Layer} in the {context.Boundary.DescribeLayer(entry.Layer)}",
                        [new FindingLocation(entry.Path, entry.Layer)],
                        context.LineOfLayer(entry.Layer));
                }
            }
        }
    }

    [GeneratedRegex(@"(?im)(?:AllowUnauthenticated|AllowInsecureRepositories|AllowDowngradeToInsecureRepositories)\s+""?(?:true|yes|1)""?")]
    private static partial Regex AptConfig();

    [GeneratedRegex(@"(?im)(?:\[[^\]\n]*\btrusted=yes\b[^\]\n]*\]|^Trusted:\s*yes\s*$)")]
    private static partial Regex AptTrusted();

    [GeneratedRegex(@"(?im)^\s*(?:gpgcheck|repo_gpgcheck|sslverify)\s*=\s*(?:0|false|no)\s*$")]
    private static partial Regex RpmRepoConfig();

    [GeneratedRegex(@"(?im)^\s*trusted-host\s*=.*$")]
    private static partial Regex PipConfig();

    [GeneratedRegex(@"(?im)^\s*strict-ssl\s*=\s*false\s*$")]
    private static partial Regex NpmConfig();

    [GeneratedRegex(@"(?im)^\s*sslverify\s*=\s*false\s*$")]
    private static partial Regex GitConfig();
}
