using Rampart.Core.Files;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Credentials in image labels.</summary>
public sealed class SecretInLabelsRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H009",
        "Secret in an image label",
        Severity.High,
        "Labels are part of the image config, shown by `docker inspect` and by every registry UI, and copied into SBOMs and "
        + "provenance. A value that looks like a known credential is reported at that credential's severity; a non-empty value "
        + "under a key with a secret word (token, password, secret, key, ...) at medium, with the same word-by-word matching as "
        + "the environment rule.",
        "Remove the label and rotate the credential; pass build metadata that is not secret only.",
        ["CIS-DI-0010", "CIS-4.10"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    /// <summary>
    /// The labels with every value this rule reports redacted, for outputs that copy labels as they are (the SBOM's
    /// image properties), so a secret never travels further than its finding.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Redact(IReadOnlyDictionary<string, string> labels, HardeningPolicy policy, IFileView files)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(policy);
        return labels.ToDictionary(
            l => l.Key,
            l => SecretPatterns.Scan($"{l.Key}={l.Value}").ToList() is { Count: > 0 } matches
                ? SecretRedactor.RedactIn(l.Value, matches.Select(m => m.Secret))
                : LooksSecret(l.Key, l.Value, policy, files) ? SecretRedactor.Redact(l.Value) : l.Value,
            StringComparer.Ordinal);
    }

    private static bool LooksSecret(string key, string value, HardeningPolicy policy, IFileView files) =>
        SecretNames.LooksSecret(key, policy.AcceptedSecretNames) && SecretNames.IsSecretValue(value, files);

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (key, value) in context.Image.Config.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var step = context.LastHistoryIndex("LABEL", args => Assignments.Parse(args).Any(p => p.Key == key));
            var (setBy, origin) = ConfigSetter.Of(context, step);
            var line = context.LineOf(context.LastInstruction("LABEL", i => Assignments.Parse(i.Value).Any(p => p.Key == key)));
            var location = new FindingLocation(ConfigPaths.Labels, null);

            var matches = SecretPatterns.Scan($"{key}={value}").ToList();
            foreach (var match in matches)
            {
                yield return Rule.Create(
                    $"{Text.Capitalise(match.Pattern.Description)} in label {key}",
                    $"{key}={SecretRedactor.RedactIn(value, matches.Select(m => m.Secret))}; {setBy}",
                    [location],
                    line,
                    match.Pattern.Severity,
                    origin);
            }

            if (matches.Count == 0 && LooksSecret(key, value, context.Policy, context.Snapshot.Files))
            {
                yield return Rule.Create(
                    $"Label {key} holds a value that looks secret",
                    $"{key}={SecretRedactor.Redact(value)}; {setBy}",
                    [location],
                    line,
                    Severity.Medium,
                    origin);
            }
        }
    }
}
