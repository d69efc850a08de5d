using Rampart.Core.Findings;

namespace Rampart.Rules.Hardening;

/// <summary>The hardening catalog: every rule, one line each, in id order.</summary>
public static class HardeningRules
{
    public static IReadOnlyList<IRule> All { get; } =
    [
        new RunsAsRootRule(),
        new SetuidFilesRule(),
        new WorldWritableRule(),
        new SecretInEnvironmentRule(),
        new HealthcheckRule(),
        new SudoRule(),
        new SshPortExposedRule(),
        new LatestTagRule(),
        new SecretInLabelsRule(),
        new SecretInHistoryRule(),
        new SecretInFilesRule(),
        new AuthFilesRule(),
        new SshHostKeysRule(),
        new AddInsteadOfCopyRule(),
        new RemoteAddRule(),
        new PackageCacheRule(),
        new AccountPasswordRule(),
        new DuplicateIdsRule(),
        new UnneededFilesRule(),
        new VerificationDisabledInBuildRule(),
        new VerificationDisabledInImageRule(),
        new RemoteScriptPipedToShellRule(),
        new ShellPresentRule(),
        new PackageManagerPresentRule(),
        new FileCapabilitiesRule(),
    ];
}
