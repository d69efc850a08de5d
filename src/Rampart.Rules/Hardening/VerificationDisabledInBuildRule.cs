using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Build steps that turned off TLS or package signature verification.</summary>
public sealed class VerificationDisabledInBuildRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H020",
        "TLS or package verification disabled in a build step",
        Severity.Medium,
        "A step that downloads with `curl -k`, `wget --no-check-certificate` or `pip --trusted-host`, or installs with "
        + "`apt-get --allow-unauthenticated`, `apk --allow-untrusted`, `rpm --nosignature`, `dnf --nogpgcheck`, or sets "
        + "`npm config set strict-ssl false`, `git -c http.sslVerify=false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, accepts "
        + "whatever a network attacker or a compromised mirror serves, and bakes it into the image. Each RUN is split into "
        + "commands and each command's own options are checked, so the words appearing in an echo or a URL do not count.",
        "Keep verification on; for an internal CA, add its certificate to the trust store (`update-ca-certificates`) instead.",
        ["CIS-4.11", "CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_13", "NIST-800-190-4.1.5"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var step in HistorySteps.Of(context))
        {
            foreach (var what in step.Commands.Select(InsecureCommands.Describe).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                yield return Rule.Create(
                    $"{Text.Capitalise(what)} (history[{step.Index}])",
                    $"history[{step.Index}] in the {step.OriginText}: {what}",
                    step,
                    context);
            }
        }
    }
}
