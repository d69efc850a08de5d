using System.Globalization;

namespace Rampart.Catalogers.Apk;

/// <summary>Parses <c>lib/apk/db/installed</c> (https://wiki.alpinelinux.org/wiki/Apk_spec, "Installed Database V2").</summary>
public static class ApkDbParser
{
    /// <summary>
    /// Every paragraph (separated by blank lines) with a <c>P</c> and a <c>V</c>. Lines are <c>letter:value</c>;
    /// <c>F</c> opens a directory, the <c>R</c> lines after it are its files, a <c>Z</c> after an <c>R</c> is that
    /// file's checksum. Unknown letters are ignored; a line that is not <c>letter:value</c>, an <c>R</c> before any
    /// <c>F</c> and a paragraph without name or version are reported through <paramref name="warn"/> and skipped.
    /// </summary>
    public static IReadOnlyList<ApkEntry> Parse(string text, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(warn);
        var entries = new List<ApkEntry>();
        var builder = new Builder();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                builder.Complete(entries, warn);
                builder = new Builder();
                continue;
            }

            if (line.Length < 2 || line[1] != ':')
            {
                warn($"line {lineNumber}: not a 'letter:value' line, skipped");
                continue;
            }

            builder.Line ??= lineNumber;
            builder.Read(line[0], line[2..], lineNumber, warn);
        }

        builder.Complete(entries, warn);
        return entries;
    }

    private sealed class Builder
    {
        private readonly Dictionary<char, string> _fields = [];
        private readonly List<ApkFile> _files = [];
        private string? _directory;

        public int? Line { get; set; }

        public void Read(char letter, string value, int lineNumber, Action<string> warn)
        {
            switch (letter)
            {
                case 'F':
                    _directory = "/" + value.Trim('/');
                    break;
                case 'R' when _directory is null:
                    warn($"line {lineNumber}: file '{value}' before any directory (F:), skipped");
                    break;
                case 'R':
                    _files.Add(new ApkFile(_directory == "/" ? "/" + value : $"{_directory}/{value}", null));
                    break;
                case 'Z' when _files.Count > 0 && _files[^1].Checksum is null:
                    _files[^1] = _files[^1] with { Checksum = value };
                    break;
                case 'Z':
                    break;
                default:
                    _fields.TryAdd(letter, value);
                    break;
            }
        }

        public void Complete(List<ApkEntry> entries, Action<string> warn)
        {
            if (Line is null)
            {
                return;
            }

            var name = Field('P');
            var version = Field('V');
            if (name is null || version is null)
            {
                warn($"line {Line}: package without P: or V:, skipped");
                return;
            }

            entries.Add(new ApkEntry(
                name,
                version,
                Field('A'),
                Field('L'),
                Field('T'),
                Field('U'),
                Field('m'),
                Field('o'),
                Field('c'),
                Field('C'),
                Number('t'),
                Number('S'),
                Number('I'),
                Words('D'),
                Words('p'),
                Words('r'),
                _files));
        }

        private string? Field(char letter) => _fields.TryGetValue(letter, out var value) && value.Length > 0 ? value : null;

        private long? Number(char letter) =>
            long.TryParse(Field(letter), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

        private string[] Words(char letter) => (Field(letter) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
