using System.Text.Json;
using System.Text.RegularExpressions;
using Rampart.Core.Images;

namespace Rampart.Core.Dockerfiles;

/// <summary>Puts image history entries on the Dockerfile lines that made them.</summary>
public static partial class DockerfileHistory
{
    /// <summary>
    /// Maps history entries (by index) to instructions of the final stage's chain. History and instructions are walked
    /// together from the newest end: an entry matches the nearest older instruction with the same keyword; a
    /// <c>RUN</c> must also run the same command (whitespace aside). Entries left over belong to the base image.
    /// </summary>
    public static IReadOnlyDictionary<int, DockerfileInstruction> Map(Dockerfile dockerfile, IReadOnlyList<HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentNullException.ThrowIfNull(history);
        var chain = dockerfile.FinalStageChain();
        var map = new Dictionary<int, DockerfileInstruction>();
        var next = chain.Count - 1;
        for (var h = history.Count - 1; h >= 0 && next >= 0; h--)
        {
            var recorded = HistoryInstruction.Parse(history[h].CreatedBy);
            if (recorded.Keyword is null)
            {
                continue;
            }

            for (var k = next; k >= 0; k--)
            {
                if (Matches(chain[k], recorded))
                {
                    map[h] = chain[k];
                    next = k - 1;
                    break;
                }
            }
        }

        return map;
    }

    private static bool Matches(DockerfileInstruction instruction, HistoryInstruction recorded)
    {
        if (instruction.Keyword != recorded.Keyword)
        {
            return false;
        }

        if (instruction.Keyword != "RUN")
        {
            return true;
        }

        var written = Collapse(CommandOf(instruction.Value));
        var ran = Collapse(recorded.Arguments);
        return written == ran || (instruction.Heredocs.Count > 0 && ran.StartsWith(written, StringComparison.Ordinal));
    }

    /// <summary>An exec-form <c>RUN ["a", "b"]</c> is recorded as its words joined by spaces.</summary>
    private static string CommandOf(string value)
    {
        if (value.StartsWith('['))
        {
            try
            {
                var words = JsonSerializer.Deserialize<string[]>(value);
                if (words is not null)
                {
                    return string.Join(' ', words);
                }
            }
            catch (JsonException)
            {
                return value;
            }
        }

        return value;
    }

    private static string Collapse(string text) => WhitespaceRegex().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
