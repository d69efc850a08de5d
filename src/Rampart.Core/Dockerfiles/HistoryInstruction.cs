using System.Text.RegularExpressions;

namespace Rampart.Core.Dockerfiles;

/// <summary>
/// The Dockerfile instruction an image history entry records, read back from its <c>created_by</c> text in the forms
/// the classic builder (<c>/bin/sh -c #(nop)  CMD ["sh"]</c>, <c>|2 A=b /bin/sh -c make</c>) and BuildKit
/// (<c>RUN /bin/sh -c make # buildkit</c>, <c>COPY app /app # buildkit</c>) write.
/// </summary>
/// <param name="Keyword">Upper-case instruction, or <see langword="null"/> for entries that are not one (<c>Imported from -</c>).</param>
/// <param name="Arguments">The instruction's arguments; for <c>RUN</c> the shell command without the shell that ran it.</param>
/// <param name="BuildArgs">Build arguments the builder recorded before a <c>RUN</c> (<c>|2 A=b C=d</c>), values as recorded.</param>
public sealed partial record HistoryInstruction(string? Keyword, string Arguments, IReadOnlyList<KeyValuePair<string, string>> BuildArgs)
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    public static HistoryInstruction Parse(string? createdBy)
    {
        var text = BuildKitSuffixRegex().Replace(createdBy ?? string.Empty, string.Empty).Trim();

        var nop = NopRegex().Match(text);
        if (nop.Success)
        {
            return FromInstructionText(nop.Groups["rest"].Value);
        }

        var isRun = false;
        if (text.StartsWith("RUN ", StringComparison.Ordinal))
        {
            isRun = true;
            text = text[4..].TrimStart();
        }

        var buildArgs = new List<KeyValuePair<string, string>>();
        var prefix = BuildArgCountRegex().Match(text);
        if (prefix.Success)
        {
            isRun = true;
            // An image writes this history text: a count beyond int (or in non-ASCII digits, which \d accepts) must not throw.
            // The loop below stops at the first token that is not NAME=value anyway.
            var count = int.TryParse(prefix.Groups["count"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : int.MaxValue;
            text = text[prefix.Length..];
            for (var i = 0; i < count; i++)
            {
                var end = text.IndexOf(' ', StringComparison.Ordinal);
                var token = end < 0 ? text : text[..end];
                var equals = token.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    break;
                }

                buildArgs.Add(new KeyValuePair<string, string>(token[..equals], token[(equals + 1)..]));
                text = end < 0 ? string.Empty : text[(end + 1)..];
            }
        }

        var shell = ShellPrefixRegex().Match(text);
        if (shell.Success)
        {
            return new HistoryInstruction("RUN", text[shell.Length..].Trim(), buildArgs);
        }

        if (isRun)
        {
            return new HistoryInstruction("RUN", text.Trim(), buildArgs);
        }

        return FromInstructionText(text);
    }

    private static HistoryInstruction FromInstructionText(string text)
    {
        var trimmed = text.Trim();
        var split = trimmed.IndexOf(' ', StringComparison.Ordinal);
        var word = split < 0 ? trimmed : trimmed[..split];
        return Keywords.Contains(word)
            ? new HistoryInstruction(word, split < 0 ? string.Empty : trimmed[(split + 1)..].Trim(), [])
            : new HistoryInstruction(null, trimmed, []);
    }

    [GeneratedRegex(@"\s*#\s*buildkit\s*$")]
    private static partial Regex BuildKitSuffixRegex();

    [GeneratedRegex(@"^\S*sh\s+-c\s+#\(nop\)\s*(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex NopRegex();

    [GeneratedRegex(@"^\|(?<count>\d+)\s+")]
    private static partial Regex BuildArgCountRegex();

    /// <summary>The shell a RUN went through: <c>/bin/sh -c</c>, or what <c>SHELL</c> chose (<c>/bin/bash -o pipefail -c</c>).</summary>
    [GeneratedRegex(@"^(?:/\S*/)?(?:sh|bash|ash|dash|zsh|ksh)(?:\s+-[A-Za-z]+(?:\s+pipefail)?)*?\s+-[A-Za-z]*c\s+", RegexOptions.Singleline)]
    private static partial Regex ShellPrefixRegex();
}
