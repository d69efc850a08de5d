using System.Text;

namespace Rampart.Cli;

/// <summary>
/// Makes text from an image safe to print on one console line of a CI log: each run of control characters (line
/// breaks, escape sequences) becomes one space, so image text cannot start a line of its own (a GitHub
/// <c>::command::</c>); bidi controls become U+FFFD; and <c>##vso[</c>, which Azure Pipelines obeys anywhere in a line,
/// is broken up as <c>##_vso[</c>.
/// </summary>
internal static class ConsoleText
{
    public static string Safe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var inControlRun = false;
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                if (!inControlRun)
                {
                    builder.Append(' ');
                    inControlRun = true;
                }

                continue;
            }

            inControlRun = false;
            builder.Append(c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' ? '\uFFFD' : c);
        }

        return builder.ToString().Replace("##vso[", "##_vso[", StringComparison.OrdinalIgnoreCase);
    }
}
