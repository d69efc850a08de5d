using System.Buffers;
using System.Text;

namespace Rampart.Core.Dockerfiles;

/// <summary>
/// A POSIX shell command line split into simple commands, enough to reason about what a <c>RUN</c> ran: words are
/// unquoted, and each command records the operator that follows it. Command substitutions and subshells stay inside
/// their word; rules that need them look into the word.
/// </summary>
public static class ShellScript
{
    /// <summary>Splits <paramref name="script"/> on <c>&amp;&amp;</c>, <c>||</c>, <c>;</c>, <c>|</c>, <c>&amp;</c> and newlines.</summary>
    public static IReadOnlyList<ShellCommand> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var commands = new List<ShellCommand>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;

        void EndWord()
        {
            if (inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        void EndCommand(string? operatorText)
        {
            EndWord();
            if (words.Count > 0)
            {
                commands.Add(new ShellCommand(words.ToArray(), operatorText));
                words.Clear();
            }
        }

        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            switch (c)
            {
                case '\\' when i + 1 < script.Length:
                    i++;
                    if (script[i] != '\n')
                    {
                        word.Append(script[i]);
                        inWord = true;
                    }

                    break;
                case '\'':
                    inWord = true;
                    var close = script.IndexOf('\'', i + 1);
                    close = close < 0 ? script.Length : close;
                    word.Append(script, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    inWord = true;
                    for (i++; i < script.Length && script[i] != '"'; i++)
                    {
                        if (script[i] == '\\' && i + 1 < script.Length && script[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        word.Append(script[i]);
                    }

                    break;
                case '#' when !inWord:
                    while (i + 1 < script.Length && script[i + 1] != '\n')
                    {
                        i++;
                    }

                    break;
                case ' ' or '\t':
                    EndWord();
                    break;
                case '\n':
                    EndCommand("\n");
                    break;
                case ';':
                    EndCommand(";");
                    break;
                case '&' when (inWord && word[^1] is '>' or '<') || (i + 1 < script.Length && script[i + 1] == '>'):
                    word.Append(c);
                    inWord = true;
                    break;
                case '&' or '|':
                    var doubled = i + 1 < script.Length && script[i + 1] == c;
                    EndCommand(doubled ? new string(c, 2) : c.ToString());
                    i += doubled ? 1 : 0;
                    break;
                case '$' when i + 1 < script.Length && script[i + 1] == '(':
                    inWord = true;
                    var depth = 0;
                    for (; i < script.Length; i++)
                    {
                        word.Append(script[i]);
                        depth += script[i] == '(' ? 1 : script[i] == ')' ? -1 : 0;
                        if (depth == 0 && script[i] == ')')
                        {
                            break;
                        }
                    }

                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        EndCommand(null);
        return commands;
    }
}

/// <summary>One simple command: its words, unquoted, and the operator after it (<c>|</c>, <c>&amp;&amp;</c>, ...; null at the end).</summary>
public sealed record ShellCommand(IReadOnlyList<string> Words, string? FollowedBy)
{
    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>The program run: the first word that is not a <c>NAME=value</c> assignment, without its directory.</summary>
    public string Program => ProgramIndex < Words.Count ? Path.GetFileName(Words[ProgramIndex]) : string.Empty;

    /// <summary>The words after the program.</summary>
    public IReadOnlyList<string> Arguments => Words.Skip(ProgramIndex + 1).ToArray();

    /// <summary><c>NAME=value</c> words before the program: environment for this one command.</summary>
    public IReadOnlyList<string> Assignments => Words.Take(ProgramIndex).ToArray();

    /// <summary>Whether its output is piped into the next command.</summary>
    public bool PipesIntoNext => FollowedBy == "|";

    private int ProgramIndex
    {
        get
        {
            var index = 0;
            while (index < Words.Count && IsAssignment(Words[index]))
            {
                index++;
            }

            return index;
        }
    }

    private static bool IsAssignment(string word)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && word.AsSpan(0, equals).IndexOfAnyExcept(NameCharacters) < 0 && !char.IsAsciiDigit(word[0]);
    }
}
