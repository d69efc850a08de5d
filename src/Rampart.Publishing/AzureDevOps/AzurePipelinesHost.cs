using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.AzureDevOps;

/// <summary>
/// The Azure Pipelines agent's log interface: logging commands on standard output. Outside a pipeline (no
/// <c>TF_BUILD</c>) nothing is written, so no secret is ever echoed to a terminal.
/// </summary>
public sealed class AzurePipelinesHost : ICiHost
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly AzureDevOpsEnvironment _environment;
    private readonly TextWriter _log;

    /// <param name="environment">The job's variables.</param>
    /// <param name="log">Standard output, which the agent reads for logging commands.</param>
    public AzurePipelinesHost(AzureDevOpsEnvironment environment, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        _environment = environment;
        _log = log;
    }

    /// <summary>One <c>task.setvariable</c> with <c>isOutput=true</c> per output.</summary>
    public async Task<bool> SetOutputsAsync(IReadOnlyList<KeyValuePair<string, string>> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (!_environment.IsAzurePipelines)
        {
            return false;
        }

        foreach (var (name, value) in outputs)
        {
            await _log.WriteLineAsync(LoggingCommands.SetOutput(name, value).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await _log.FlushAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Writes the Markdown to a file of its own in the agent's temporary directory and attaches it as a summary section
    /// (the run's Extensions tab); false outside a pipeline or without that directory.
    /// </summary>
    public async Task<bool> TryAppendSummaryAsync(string markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (!_environment.IsAzurePipelines || _environment.TempDirectory is not { } directory)
        {
            return false;
        }

        var path = Path.Combine(directory, $"rampart-summary-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.md");
        await File.WriteAllTextAsync(path, markdown, Utf8, cancellationToken).ConfigureAwait(false);
        await _log.WriteLineAsync(LoggingCommands.AddSummary("Rampart", path).AsMemory(), cancellationToken).ConfigureAwait(false);
        await _log.FlushAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Errors and warnings as <c>task.logissue</c>, at most <see cref="LoggingCommands.IssuesPerType"/> of each, in the
    /// given order. Azure Pipelines has no notice issues, so notices are left out; a last warning says how many were.
    /// </summary>
    public AnnotationOutcome Annotate(IReadOnlyList<CiAnnotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        if (!_environment.IsAzurePipelines)
        {
            return new AnnotationOutcome(0, annotations.Count);
        }

        var omitted = annotations.Count(a => a.Level == CiAnnotationLevel.Notice);
        var issues = annotations.Where(a => a.Level != CiAnnotationLevel.Notice).ToList();
        var overflow = Math.Max(0, issues.Count(a => a.Level == CiAnnotationLevel.Error) - LoggingCommands.IssuesPerType)
            + Math.Max(0, issues.Count(a => a.Level == CiAnnotationLevel.Warning) - LoggingCommands.IssuesPerType);
        var warningRoom = LoggingCommands.IssuesPerType - (omitted + overflow > 0 ? 1 : 0);
        var shown = new Dictionary<CiAnnotationLevel, int>();
        foreach (var annotation in issues)
        {
            var room = annotation.Level == CiAnnotationLevel.Error ? LoggingCommands.IssuesPerType : warningRoom;
            var count = shown.GetValueOrDefault(annotation.Level);
            if (count >= room)
            {
                omitted++;
                continue;
            }

            shown[annotation.Level] = count + 1;
            _log.WriteLine(LoggingCommands.LogIssue(annotation, _environment.SourcesDirectory));
        }

        if (omitted > 0)
        {
            _log.WriteLine(LoggingCommands.LogIssue(
                new CiAnnotation(
                    CiAnnotationLevel.Warning,
                    "Rampart: more findings",
                    string.Create(CultureInfo.InvariantCulture, $"{omitted} more {(omitted == 1 ? "finding is" : "findings are")} not listed as issues (Azure Pipelines keeps {LoggingCommands.IssuesPerType} errors and {LoggingCommands.IssuesPerType} warnings per step and has no notices). Every finding is in the report and the results files."),
                    null,
                    null),
                null));
        }

        _log.Flush();
        return new AnnotationOutcome(annotations.Count - omitted, omitted);
    }

    /// <summary><c>task.setsecret</c>, only in a pipeline: elsewhere nothing would consume the line and the secret would be printed.</summary>
    public void MaskSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (_environment.IsAzurePipelines && secret.Length > 0)
        {
            _log.WriteLine(LoggingCommands.SetSecret(secret));
            _log.Flush();
        }
    }
}
