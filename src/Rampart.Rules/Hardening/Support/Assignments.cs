using Rampart.Core.Dockerfiles;

namespace Rampart.Rules.Hardening.Support;

/// <summary>Reads <c>NAME=value</c> pairs from <c>ENV</c>, <c>ARG</c> and <c>LABEL</c> arguments and from <c>config.Env</c> entries.</summary>
internal static class Assignments
{
    /// <summary>The pairs of an instruction's arguments; the legacy <c>ENV NAME value</c> form gives one pair.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string arguments)
    {
        var words = ShellScript.Split(arguments.Replace('\n', ' ')).SelectMany(c => c.Words).ToList();
        if (words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            return words.Count > 1 ? [new(words[0], string.Join(' ', words.Skip(1)))] : [];
        }

        return words.Where(w => w.IndexOf('=', StringComparison.Ordinal) > 0).Select(Split).ToList();
    }

    /// <summary>Splits one <c>NAME=value</c> at the first equals sign; without one, the value is empty.</summary>
    public static KeyValuePair<string, string> Split(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? new(assignment, string.Empty) : new(assignment[..equals], assignment[(equals + 1)..]);
    }
}
