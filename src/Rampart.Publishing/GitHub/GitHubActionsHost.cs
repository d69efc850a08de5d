using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.GitHub;

/// <summary>
/// The GitHub Actions runner's file and log interface: <c>GITHUB_OUTPUT</c>, <c>GITHUB_STEP_SUMMARY</c>, workflow commands
/// on standard output. Outside Actions (no file paths set) outputs and summary are skipped and no secret is ever echoed.
/// </summary>
public sealed class GitHubActionsHost : ICiHost
{
    /// <summary>The runner refuses a step summary larger than 1 MiB.</summary>
    public const int StepSummaryLimit = 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly GitHubEnvironment _environment;
    private readonly TextWriter _log;

    /// <param name="environment">Where the runner's files are.</param>
    /// <param name="log">Standard output, which the runner scans for workflow commands.</param>
    public GitHubActionsHost(GitHubEnvironment environment, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        _environment = environment;
        _log = log;
    }

    /// <summary>Appends <c>name&lt;&lt;DELIMITER</c> blocks, so values may span lines; the delimiter is random per value.</summary>
    public async Task<bool> SetOutputsAsync(IReadOnlyList<KeyValuePair<string, string>> outputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (_environment.OutputPath is not { } path)
        {
            return false;
        }

        var text = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            var delimiter = Delimiter();
            if (name.Contains(delimiter, StringComparison.Ordinal) || value.Contains(delimiter, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The output '{name}' contains its own delimiter.");
            }

            text.Append(name).Append("<<").Append(delimiter).Append('\n').Append(value).Append('\n').Append(delimiter).Append('\n');
        }

        await File.AppendAllTextAsync(path, text.ToString(), Utf8, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Appends to the step summary when the file, with <paramref name="markdown"/> added, stays within
    /// <see cref="StepSummaryLimit"/>; otherwise leaves the file alone and returns false.
    /// </summary>
    public async Task<bool> TryAppendSummaryAsync(string markdown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (_environment.StepSummaryPath is not { } path)
        {
            return false;
        }

        var text = markdown.EndsWith('\n') ? markdown : markdown + "\n";
        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (existing + Utf8.GetByteCount(text) > StepSummaryLimit)
        {
            return false;
        }

        await File.AppendAllTextAsync(path, text, Utf8, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Writes at most <see cref="WorkflowCommands.AnnotationsPerLevel"/> annotations per level, in the given order. When
    /// some are left out, one notice slot says how many and where the rest are.
    /// </summary>
    public AnnotationOutcome Annotate(IReadOnlyList<CiAnnotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var byLevel = annotations.GroupBy(a => a.Level).ToDictionary(g => g.Key, g => g.Count());
        var omittedWithoutNote = byLevel.Sum(p => Math.Max(0, p.Value - WorkflowCommands.AnnotationsPerLevel));
        var noticeRoom = WorkflowCommands.AnnotationsPerLevel - (omittedWithoutNote > 0 ? 1 : 0);
        var shown = new Dictionary<CiAnnotationLevel, int>();
        var omitted = 0;
        foreach (var annotation in annotations)
        {
            var room = annotation.Level == CiAnnotationLevel.Notice ? noticeRoom : WorkflowCommands.AnnotationsPerLevel;
            var count = shown.GetValueOrDefault(annotation.Level);
            if (count >= room)
            {
                omitted++;
                continue;
            }

            shown[annotation.Level] = count + 1;
            _log.WriteLine(WorkflowCommands.Annotation(annotation));
        }

        if (omitted > 0)
        {
            _log.WriteLine(WorkflowCommands.Command(
                "notice",
                [new("title", "Rampart: more findings")],
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{omitted} more {(omitted == 1 ? "finding is" : "findings are")} not annotated here: GitHub shows {WorkflowCommands.AnnotationsPerLevel} annotations of each level per step. Every finding is in the job summary and the results files.")));
        }

        _log.Flush();
        return new AnnotationOutcome(annotations.Count - omitted, omitted);
    }

    /// <summary>Emits <c>::add-mask::</c> only when running in GitHub Actions: elsewhere nothing would consume the line and the secret would be printed.</summary>
    public void MaskSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (_environment.IsGitHubActions && secret.Length > 0)
        {
            _log.WriteLine(WorkflowCommands.AddMask(secret));
            _log.Flush();
        }
    }

    private static string Delimiter() => "ghadelimiter_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
