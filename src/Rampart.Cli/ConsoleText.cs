using System.Text;

namespace Rampart.Cli;

/// <summary>
/// Makes text from an image safe to print on one console line of a CI log: control characters (line breaks, escape
/// sequences) become '?', so image text cannot start a line of its own (a GitHub <c>::command::</c>); bidi controls
/// become U+FFFD; and <c>##vso[</c>, which Azure Pipelines obeys anywhere in a line, is broken up.
/// </summary>
internal static class ConsoleText
{
    public static string Inert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => '?',
                >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' => '\uFFFD',
                _ => c,
            });
        }

        return builder.Replace("##vso[", "##vso\u200B[").ToString();
    }
}
