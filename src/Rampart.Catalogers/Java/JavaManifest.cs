using System.Text;

namespace Rampart.Catalogers.Java;

/// <summary>
/// A jar's <c>META-INF/MANIFEST.MF</c> (https://docs.oracle.com/en/java/javase/17/docs/specs/jar/jar.html#jar-manifest):
/// the main section, then named sections, separated by blank lines; a line starting with one space continues the
/// previous value. Attribute names are case-insensitive.
/// </summary>
public sealed class JavaManifest
{
    private readonly List<Dictionary<string, string>> _sections;

    private JavaManifest(List<Dictionary<string, string>> sections)
    {
        _sections = sections;
    }

    /// <summary>The value of <paramref name="attribute"/> in the main section, or <see langword="null"/>.</summary>
    public string? Main(string attribute) => _sections[0].TryGetValue(attribute, out var value) && value.Length > 0 ? value : null;

    /// <summary>The value in the main section, else in the first named section that has it (Syft reads versions and licenses so).</summary>
    public string? Any(string attribute) =>
        _sections.Select(s => s.TryGetValue(attribute, out var value) ? value : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    /// <summary>Every non-empty value of <paramref name="attribute"/>, main section first.</summary>
    public IEnumerable<string> All(string attribute) =>
        _sections.Select(s => s.TryGetValue(attribute, out var value) ? value : null).Where(v => !string.IsNullOrEmpty(v))!;

    /// <summary>
    /// Reads <paramref name="text"/>. A line without a colon and a continuation without an attribute are reported through
    /// <paramref name="warn"/> and skipped; a repeated attribute keeps its first value.
    /// </summary>
    public static JavaManifest Parse(string text, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(warn);
        var sections = new List<Dictionary<string, string>> { NewSection() };
        var current = sections[0];

        // The value being read is built here and stored once it ends: appending to the stored string copies the whole
        // value for every continuation line, quadratic in a manifest continued over thousands of lines.
        string? attribute = null;
        var value = new StringBuilder();
        var skipping = false;
        void Store()
        {
            if (attribute is not null)
            {
                current[attribute] = value.ToString().Trim();
            }

            attribute = null;
            value.Clear();
        }

        var lineNumber = 0;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            if (line.Length > 0 && line[0] == ' ')
            {
                if (attribute is not null)
                {
                    value.Append(line, 1, line.Length - 1);
                }
                else if (!skipping)
                {
                    warn($"MANIFEST.MF line {lineNumber}: continuation without an attribute, skipped");
                    skipping = true;
                }

                continue;
            }

            Store();
            skipping = false;
            if (line.Length == 0)
            {
                if (current.Count > 0)
                {
                    sections.Add(current = NewSection());
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? line[..colon].Trim() : null;
            if (name is null || current.ContainsKey(name))
            {
                warn(name is null
                    ? $"MANIFEST.MF line {lineNumber}: not an 'Attribute: value' line, skipped"
                    : $"MANIFEST.MF line {lineNumber}: attribute '{name}' repeated in one section, the first value is kept");
                skipping = true;
                continue;
            }

            attribute = name;
            value.Append(line.AsSpan(colon + 1).TrimStart());
        }

        Store();
        return new JavaManifest(sections);
    }

    private static Dictionary<string, string> NewSection() => new(StringComparer.OrdinalIgnoreCase);
}
