using Rampart.Core.Findings;

namespace Rampart.Rules.Hardening.Support;

/// <summary>The build step that set a piece of config, as a config finding's evidence says it and as its origin.</summary>
/// <param name="SetBy">"set by history[N] in the base image", or that no recorded step set it.</param>
/// <param name="Origin">The origin of that step; unknown without one.</param>
internal sealed record ConfigSetter(string SetBy, FindingOrigin Origin)
{
    /// <param name="context">The rule context.</param>
    /// <param name="historyIndex">The history entry that set the value (<see cref="RuleContext.LastHistoryIndex"/>), if any.</param>
    public static ConfigSetter Of(RuleContext context, int? historyIndex) => historyIndex is { } index
        ? new($"set by history[{index}] in the {context.Boundary.DescribeHistory(index)}", context.Boundary.OriginOfHistory(index))
        : new("set by no recorded build step", FindingOrigin.Unknown);
}
