using System.Globalization;
using System.Text;
using Rampart.Core.Files;

namespace Rampart.Rules.Hardening.Support;

/// <summary>One line of an account database (<c>/etc/passwd</c>, <c>/etc/group</c>, <c>/etc/shadow</c>) split on colons.</summary>
internal sealed record AccountLine(string Name, string Password, int? Id, int LineNumber);

/// <summary>Reads the account databases from the file view; NIS <c>+</c>/<c>-</c> lines and comments are skipped.</summary>
internal static class AccountFiles
{
    public const string Passwd = "/etc/passwd";
    public const string Group = "/etc/group";
    public const string Shadow = "/etc/shadow";

    /// <summary>The lines of <paramref name="path"/> with the id in field 3, or <see langword="null"/> when the file or its bytes are absent.</summary>
    public static IReadOnlyList<AccountLine>? Read(IFileView files, string path, out FileEntry? entry)
    {
        entry = files.Resolve(path);
        var bytes = entry is null ? null : files.ReadContent(entry);
        if (bytes is null)
        {
            return null;
        }

        var lines = new List<AccountLine>();
        var number = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes.Value.Span).Split('\n'))
        {
            number++;
            if (line.Length == 0 || line[0] is '#' or '+' or '-')
            {
                continue;
            }

            var fields = line.TrimEnd('\r').Split(':');
            if (fields.Length < 2 || fields[0].Length == 0)
            {
                continue;
            }

            int? id = fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            lines.Add(new AccountLine(fields[0], fields[1], id, number));
        }

        return lines;
    }
}
