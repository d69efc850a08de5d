using System.Text.Json;
using System.Text.RegularExpressions;
using Rampart.Core.Findings;

namespace Rampart.Rules.Hardening.Support;

/// <summary>What an application ADD step added.</summary>
internal enum AddKind
{
    /// <summary>Local files or directories: COPY does the same without surprises.</summary>
    Local,

    /// <summary>Local archives that ADD unpacks: a legitimate use.</summary>
    Archive,

    /// <summary>A URL or Git repository fetched at build time.</summary>
    Remote,
}

/// <summary>An ADD step of the application and what it added.</summary>
internal sealed record AddStep(HistoryStep Step, AddKind Kind, IReadOnlyList<string> Sources, bool HasChecksum);

/// <summary>
/// Classifies the application's ADD steps from the Dockerfile line when the step maps to one (it shows flags such as
/// <c>--checksum</c> that history drops), else from the history text. Base-image ADDs (the root file system) are skipped.
/// </summary>
internal static partial class AddSteps
{
    private static readonly string[] ArchiveSuffixes =
        [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tar.lz", ".tar.lzma", ".tlz", ".tar.Z", ".tZ"];

    public static IEnumerable<AddStep> Of(RuleContext context)
    {
        foreach (var step in HistorySteps.Of(context).Where(s => !s.IsBase && s.Instruction.Keyword == "ADD"))
        {
            var instruction = context.DockerfileLines.TryGetValue(step.Index, out var line) ? line : null;
            var text = instruction?.Value ?? step.Instruction.Arguments;
            var sources = Sources(text);
            var kind = sources.Any(IsRemote) ? AddKind.Remote
                : sources.Count > 0 && sources.All(s => ArchiveSuffixes.Any(a => s.EndsWith(a, StringComparison.OrdinalIgnoreCase))) ? AddKind.Archive
                : AddKind.Local;
            yield return new AddStep(step, kind, sources, instruction?.Flag("checksum") is not null);
        }
    }

    private static bool IsRemote(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || source.StartsWith("git@", StringComparison.Ordinal)
        || source.EndsWith(".git", StringComparison.OrdinalIgnoreCase);

    /// <summary>The sources of <c>ADD [flags] src... dest</c>, exec form included; the classic builder's <c>file:&lt;hash&gt; in dest</c> gives the hash.</summary>
    private static List<string> Sources(string arguments)
    {
        var classic = ClassicForm().Match(arguments);
        if (classic.Success)
        {
            return [classic.Groups["source"].Value];
        }

        List<string> words;
        if (arguments.StartsWith('['))
        {
            try
            {
                words = JsonSerializer.Deserialize<List<string>>(arguments) ?? [];
            }
            catch (JsonException)
            {
                words = [];
            }
        }
        else
        {
            words = arguments.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        }

        var operands = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        return operands.Count > 1 ? operands[..^1] : [];
    }

    [GeneratedRegex(@"^(?<source>(?:file|dir|multi):[0-9a-f]+) in ")]
    private static partial Regex ClassicForm();
}
