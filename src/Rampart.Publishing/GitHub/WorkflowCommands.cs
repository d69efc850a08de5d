using System.Globalization;
using System.Text;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.GitHub;

/// <summary>GitHub Actions workflow commands (<c>::error file=F,line=L,title=T::message</c>) with the runner's escaping.</summary>
public static class WorkflowCommands
{
    /// <summary>The runner shows at most this many annotations of each level per step and drops the rest silently.</summary>
    public const int AnnotationsPerLevel = 10;

    /// <summary>An annotation command: <c>::error</c>, <c>::warning</c> or <c>::notice</c>, with file, line and title when known.</summary>
    public static string Annotation(CiAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var properties = new List<KeyValuePair<string, string>>();
        if (annotation.File is { Length: > 0 } file)
        {
            properties.Add(new("file", file));
            if (annotation.Line is { } line)
            {
                properties.Add(new("line", line.ToString(CultureInfo.InvariantCulture)));
            }
        }

        properties.Add(new("title", annotation.Title));
        var command = annotation.Level switch
        {
            CiAnnotationLevel.Error => "error",
            CiAnnotationLevel.Warning => "warning",
            _ => "notice",
        };
        return Command(command, properties, annotation.Message);
    }

    /// <summary><c>::add-mask::VALUE</c>: the runner replaces VALUE with <c>***</c> in the rest of the log.</summary>
    public static string AddMask(string secret) => Command("add-mask", [], secret);

    /// <summary><c>::NAME k=v,k=v::message</c> with message and property values escaped.</summary>
    public static string Command(string name, IReadOnlyList<KeyValuePair<string, string>> properties, string message)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder("::").Append(name);
        for (var i = 0; i < properties.Count; i++)
        {
            text.Append(i == 0 ? ' ' : ',').Append(properties[i].Key).Append('=').Append(EscapeProperty(properties[i].Value));
        }

        return text.Append("::").Append(EscapeData(message)).ToString();
    }

    /// <summary>Escapes a message: <c>%</c>, CR and LF, which would otherwise end or corrupt the command.</summary>
    public static string EscapeData(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);
    }

    /// <summary>Escapes a property value: as <see cref="EscapeData"/>, plus <c>:</c> and <c>,</c>, which separate properties.</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
