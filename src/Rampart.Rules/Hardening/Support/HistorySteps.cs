using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;

namespace Rampart.Rules.Hardening.Support;

/// <summary>One build step as the image history records it.</summary>
/// <param name="Index">Position in the history.</param>
/// <param name="Instruction">The instruction read back from <c>created_by</c>.</param>
/// <param name="Layer">The layer it wrote, if any.</param>
/// <param name="IsBase">Whether the base image made it.</param>
internal sealed record HistoryStep(int Index, HistoryInstruction Instruction, int? Layer, bool IsBase)
{
    public FindingOrigin Origin => IsBase ? FindingOrigin.Base : FindingOrigin.Application;

    /// <summary>"base image" or "application layers", for evidence text.</summary>
    public string OriginText => BaseImageBoundary.Describe(IsBase);

    /// <summary>The location of the step: its history entry and the layer it wrote.</summary>
    public FindingLocation Location => new(ConfigPaths.History(Index), Layer);

    /// <summary>The shell commands of a <c>RUN</c>; empty for other instructions.</summary>
    public IReadOnlyList<ShellCommand> Commands => Instruction.Keyword == "RUN" ? ShellScript.Split(Instruction.Arguments) : [];
}

internal static class HistorySteps
{
    public static IEnumerable<HistoryStep> Of(RuleContext context)
    {
        var history = context.Image.History;
        for (var i = 0; i < history.Count; i++)
        {
            yield return new HistoryStep(i, HistoryInstruction.Parse(history[i].CreatedBy), history[i].Layer, context.Boundary.IsBaseHistory(i));
        }
    }
}
