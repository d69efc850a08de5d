using System.Globalization;
using System.Text;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.AzureDevOps;

/// <summary>
/// Azure Pipelines logging commands (<c>##vso[area.action k=v;k=v]message</c>) with the agent's escaping, as
/// azure-pipelines-task-lib writes them (node/taskcommand.ts), and neutralisation of commands hidden in untrusted text.
/// </summary>
public static class LoggingCommands
{
    private const string Marker = "##vso[";

    /// <summary>The agent keeps the first 10 errors and the first 10 warnings of a step as issues and only counts the rest.</summary>
    public const int IssuesPerType = 10;

    /// <summary>
    /// <c>task.logissue</c> for an error or warning annotation, on its line when known. A relative file is taken from
    /// <paramref name="sourcesDirectory"/>: the agent wants absolute paths.
    /// </summary>
    public static string LogIssue(CiAnnotation annotation, string? sourcesDirectory)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var properties = new List<KeyValuePair<string, string>>
        {
            new("type", annotation.Level == CiAnnotationLevel.Error ? "error" : "warning"),
        };
        if (annotation.File is { Length: > 0 } file)
        {
            var path = Path.IsPathRooted(file) || sourcesDirectory is null ? file : Path.Combine(sourcesDirectory, file);
            properties.Add(new("sourcepath", Neutralize(path)));
            if (annotation.Line is { } line)
            {
                properties.Add(new("linenumber", line.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return Command("task.logissue", properties, Neutralize($"{annotation.Title}: {annotation.Message}"));
    }

    /// <summary><c>task.setvariable</c> of an output variable, readable by later steps as <c>$(STEP.NAME)</c>.</summary>
    public static string SetOutput(string name, string value) =>
        Command("task.setvariable", [new("variable", name), new("isOutput", "true"), new("issecret", "false")], Neutralize(value));

    /// <summary><c>task.setsecret</c>: the agent masks the value in the rest of the log.</summary>
    public static string SetSecret(string secret) => Command("task.setsecret", [], secret);

    /// <summary>The Markdown file as a section of the run's Extensions tab, titled <paramref name="name"/>.</summary>
    public static string AddSummary(string name, string path) =>
        Command("task.addattachment", [new("type", "Distributedtask.Core.Summary"), new("name", name)], path);

    /// <summary><c>##vso[NAME k=v;...]message</c> with property values and message escaped.</summary>
    public static string Command(string name, IReadOnlyList<KeyValuePair<string, string>> properties, string message)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder(Marker).Append(name);
        for (var i = 0; i < properties.Count; i++)
        {
            text.Append(i == 0 ? ' ' : ';').Append(properties[i].Key).Append('=').Append(EscapeProperty(properties[i].Value));
        }

        return text.Append(']').Append(EscapeData(message)).ToString();
    }

    /// <summary>Escapes a message: <c>%</c> (as <c>%AZP25</c>), CR and LF.</summary>
    public static string EscapeData(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("%", "%AZP25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);
    }

    /// <summary>Escapes a property value: as <see cref="EscapeData"/>, plus <c>]</c> and <c>;</c>, which end the properties.</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace("]", "%5D", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal);

    /// <summary>
    /// Text from an image or a repository with every <c>##vso[</c> made inert (<c>##_vso[</c>, as task-lib neutralises
    /// external output): the agent runs a command found anywhere in a line.
    /// </summary>
    public static string Neutralize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(Marker, "##_vso[", StringComparison.Ordinal);
    }
}
