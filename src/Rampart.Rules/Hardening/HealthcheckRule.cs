using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>No HEALTHCHECK, or one disabled with <c>HEALTHCHECK NONE</c>.</summary>
public sealed class HealthcheckRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H005",
        "No HEALTHCHECK",
        Severity.Low,
        "Without a health check the engine only knows whether the main process is alive, not whether it still serves; a hung "
        + "service keeps running and keeps receiving traffic. The effective config is judged, so a healthcheck inherited from the "
        + "base image counts, and `HEALTHCHECK NONE` counts as none. Orchestrators such as Kubernetes ignore HEALTHCHECK and "
        + "use their own probes; there, waive this rule with that reason.",
        "Add `HEALTHCHECK CMD [\"/app/healthcheck\"]` (exec form, a probe the image ships) to the final stage, or waive it "
        + "where the orchestrator's probes are used.",
        ["CIS-DI-0006", "CIS-4.6", "DS026", "DL3057"]);

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var healthcheck = context.Image.Config.Healthcheck;
        var location = new FindingLocation(ConfigPaths.Healthcheck, null);
        if (healthcheck is null)
        {
            yield return Rule.Create(
                "No HEALTHCHECK is defined",
                "the image config has no healthcheck: neither the base image nor a build step sets one",
                [location],
                context.LineOf(context.Dockerfile?.FinalStage?.From));
        }
        else if (healthcheck.IsDisabled)
        {
            var step = context.LastHistoryIndex("HEALTHCHECK", _ => true);
            var (setBy, origin) = ConfigSetter.Of(context, step);
            yield return Rule.Create(
                "HEALTHCHECK is disabled (NONE)",
                $"the healthcheck test is NONE; {setBy}",
                [location],
                context.LineOf(context.LastInstruction("HEALTHCHECK") ?? context.Dockerfile?.FinalStage?.From),
                origin: origin);
        }
    }
}
