namespace Rampart.Catalogers.Common;

/// <summary>One paragraph of an RFC-822-like control file: field names (case-insensitive) to values.</summary>
/// <param name="Fields">A continued value keeps its lines joined by <c>\n</c>, each without its leading white space.</param>
/// <param name="Line">1-based line where the paragraph starts, for warnings.</param>
public sealed record ControlStanza(IReadOnlyDictionary<string, string> Fields, int Line)
{
    public string? this[string field] => Fields.TryGetValue(field, out var value) ? value : null;

    /// <summary>
    /// Splits <paramref name="text"/> into paragraphs separated by blank lines (deb-control(5) syntax, also used by
    /// the dpkg status file). Lines starting with a space or tab continue the previous field; lines starting with
    /// <c>#</c> are comments. A line that is neither and has no colon, a continuation without a field, and a field
    /// repeated within a paragraph are reported through <paramref name="warn"/> and skipped (the first value stays).
    /// </summary>
    public static IReadOnlyList<ControlStanza> ParseAll(string text, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(warn);
        var stanzas = new List<ControlStanza>();
        Dictionary<string, string>? fields = null;
        string? lastField = null;
        var skippingContinuation = false;
        var start = 0;
        var lineNumber = 0;

        // Continuation lines are collected here and joined once: appending to the string itself copies the whole
        // value for every line, quadratic in a hostile status file with a field continued over 100,000 lines.
        System.Text.StringBuilder? continued = null;
        void Flush()
        {
            if (continued is not null && fields is not null && lastField is not null)
            {
                fields[lastField] = continued.ToString();
            }

            continued = null;
        }

        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length > 0 && line[0] is not (' ' or '\t'))
            {
                Flush();
            }

            if (line.Trim().Length == 0)
            {
                Flush();
                if (fields is { Count: > 0 })
                {
                    stanzas.Add(new ControlStanza(fields, start));
                }

                fields = null;
                lastField = null;
                skippingContinuation = false;
                continue;
            }

            if (line[0] == '#')
            {
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                if (skippingContinuation)
                {
                    continue;
                }

                if (fields is null || lastField is null)
                {
                    warn($"line {lineNumber}: continuation line without a field, skipped");
                    continue;
                }

                (continued ??= new System.Text.StringBuilder(fields[lastField])).Append('\n').Append(line.Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                warn($"line {lineNumber}: not a 'Field: value' line, skipped");
                lastField = null;
                skippingContinuation = true;
                continue;
            }

            if (fields is null)
            {
                fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                start = lineNumber;
            }

            var name = line[..colon].Trim();
            if (fields.ContainsKey(name))
            {
                warn($"line {lineNumber}: field '{name}' repeated in one paragraph, the first value is kept");
                lastField = null;
                skippingContinuation = true;
                continue;
            }

            fields[name] = line[(colon + 1)..].Trim();
            lastField = name;
            skippingContinuation = false;
        }

        Flush();
        if (fields is { Count: > 0 })
        {
            stanzas.Add(new ControlStanza(fields, start));
        }

        return stanzas;
    }
}
