using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>Credentials recorded in the build history: build arguments, ARG and ENV values, command lines.</summary>
public sealed class SecretInHistoryRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H010",
        "Secret recorded in the image history",
        Severity.High,
        "The history of an image keeps the command line of every build step, the values of build arguments a RUN saw "
        + "(`|1 TOKEN=... /bin/sh -c ...`), resolved ARG values and every ENV a step set, even one a later step overwrote. "
        + "`docker history --no-trunc` shows them to anyone who can pull the image. Reported: build arguments and ARG or ENV "
        + "values under secret names (word-matched as for the environment rule; an ENV still in effect is left to RMP-H004), "
        + "and known credential formats anywhere in a step's text (at their own severity). Plain name=value words inside RUN "
        + "commands are not treated as assignments: package pins such as `libssl3=3.0.11` are not secrets.",
        "Pass build secrets with `RUN --mount=type=secret,id=...` (`docker build --secret`), never as build arguments or ENV; "
        + "rotate what leaked.",
        ["CIS-DI-0010", "CIS-4.10", "DS031", "DL3064"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = context.Image.Config;
        var effective = config.Env.Concat(config.Labels.Values).ToList();
        var accepted = context.Policy.AcceptedSecretNames;

        foreach (var step in HistorySteps.Of(context))
        {
            var named = new List<(string Kind, KeyValuePair<string, string> Pair)>();
            named.AddRange(step.Instruction.BuildArgs.Select(p => ("Build argument", p)));
            if (step.Instruction.Keyword == "ARG")
            {
                named.AddRange(Assignments.Parse(step.Instruction.Arguments).Select(p => ("ARG", p)));
            }
            else if (step.Instruction.Keyword == "ENV")
            {
                named.AddRange(Assignments.Parse(step.Instruction.Arguments)
                    .Where(p => !config.Env.Contains($"{p.Key}={p.Value}", StringComparer.Ordinal))
                    .Select(p => ("Overwritten ENV", p)));
            }

            var createdBy = context.Image.History[step.Index].CreatedBy ?? string.Empty;
            var matches = SecretPatterns.Scan(createdBy).ToList();
            foreach (var match in matches)
            {
                var stillInConfig = step.Instruction.Keyword is "ENV" or "LABEL" && effective.Any(v => v.Contains(match.Secret, StringComparison.Ordinal));
                if (!stillInConfig)
                {
                    yield return Rule.Create(
                        $"{Text.Capitalise(match.Pattern.Description)} in history[{step.Index}]",
                        $"{match.Pattern.Description} {SecretRedactor.Redact(match.Secret)} in the {step.Instruction.Keyword ?? "recorded"} step history[{step.Index}] ({step.OriginText})",
                        step,
                        context,
                        match.Pattern.Severity);
                }
            }

            foreach (var (kind, (name, value)) in named)
            {
                var recognised = matches.Any(m => value.Contains(m.Secret, StringComparison.Ordinal));
                if (!recognised && SecretNames.LooksSecret(name, accepted) && SecretNames.IsSecretValue(value, context.Snapshot.Files))
                {
                    yield return Rule.Create(
                        $"{kind} {name} recorded in history[{step.Index}]",
                        $"{name}={SecretRedactor.Redact(value)} in history[{step.Index}] ({step.OriginText})",
                        step,
                        context);
                }
            }
        }
    }
}
