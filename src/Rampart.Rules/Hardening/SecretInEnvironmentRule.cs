using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Credentials in the environment every container of the image starts with.</summary>
public sealed class SecretInEnvironmentRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H004",
        "Secret in the image environment",
        Severity.High,
        "ENV values are part of the image config: anyone who can pull the image reads them with `docker inspect`, and every "
        + "process in every container inherits them. A value that looks like a known credential (AWS, GitHub, Slack, ...) is "
        + "reported at that credential's severity; a non-empty value under a name made of a secret word (PASSWORD, TOKEN, "
        + "SECRET, KEY, AUTH, ...) at medium. Names are matched word by word, not by substring, so KEYCLOAK_VERSION is not "
        + "a key; names that also say FILE, PATH, DIR, URL or VERSION point at a secret rather than hold it, and values that are "
        + "variable references, booleans, numbers or paths that exist in the image are skipped. GPG_KEY and GPG_KEYS "
        + "(public key fingerprints in official images) are accepted by default.",
        "Remove the value from the image and inject it at runtime (orchestrator secrets, mounted files); rotate the credential.",
        ["CIS-DI-0010", "CIS-4.10", "DS031", "DL3064"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, value) in context.Image.Config.Env.Select(Assignments.Split))
        {
            var step = context.LastHistoryIndex("ENV", args => Assignments.Parse(args).Any(p => p.Key == name));
            var (setBy, origin) = ConfigSetter.Of(context, step);
            var line = context.LineOf(context.LastInstruction("ENV", i => Assignments.Parse(i.Value).Any(p => p.Key == name)));
            var location = new FindingLocation(ConfigPaths.Env, null);

            var matches = SecretPatterns.Scan($"{name}={value}").ToList();
            foreach (var match in matches)
            {
                yield return Rule.Create(
                    $"{Text.Capitalise(match.Pattern.Description)} in environment variable {name}",
                    $"{name}={SecretRedactor.RedactIn(value, matches.Select(m => m.Secret))}; {setBy}",
                    [location],
                    line,
                    match.Pattern.Severity,
                    origin);
            }

            if (matches.Count == 0 && SecretNames.LooksSecret(name, context.Policy.AcceptedSecretNames) && SecretNames.IsSecretValue(value, context.Snapshot.Files))
            {
                yield return Rule.Create(
                    $"Environment variable {name} holds a value that looks secret",
                    $"{name}={SecretRedactor.Redact(value)}; {setBy}",
                    [location],
                    line,
                    Severity.Medium,
                    origin);
            }
        }
    }
}
