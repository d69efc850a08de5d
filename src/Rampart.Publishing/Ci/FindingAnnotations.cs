using System.Globalization;
using Rampart.Core.Findings;
using Rampart.Core.Results;

namespace Rampart.Publishing.Ci;

/// <summary>Turns an image's hardening findings into annotations, worst first, placed on Dockerfile lines when known.</summary>
public static class FindingAnnotations
{
    /// <summary>
    /// One annotation per finding at or above <paramref name="minimum"/>. Critical and high findings are errors, medium
    /// warnings, low, info and waived findings notices. A Dockerfile path inside <paramref name="repositoryRoot"/> is
    /// made relative to it, as check runs and log annotations expect.
    /// </summary>
    public static IReadOnlyList<CiAnnotation> For(ImageResult image, Severity minimum, string? repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Hardening.Findings
            .Where(f => f.Severity >= minimum)
            .Select(f => new CiAnnotation(
                LevelOf(f),
                string.Create(CultureInfo.InvariantCulture, $"{f.RuleId} ({f.Severity.ToString().ToLowerInvariant()}{(f.Waived ? ", waived" : string.Empty)})"),
                MessageOf(image.Reference, f),
                f.Dockerfile is null ? null : RepositoryPath(f.Dockerfile.Path, repositoryRoot),
                f.Dockerfile?.Line))
            .ToList();
    }

    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="repositoryRoot"/> with forward slashes; an absolute path
    /// outside the root stays absolute.
    /// </summary>
    public static string RepositoryPath(string path, string? repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(path);
        var normalized = path.Replace('\\', '/');
        if (Path.IsPathRooted(normalized))
        {
            if (repositoryRoot is null)
            {
                return normalized;
            }

            var root = repositoryRoot.Replace('\\', '/').TrimEnd('/') + "/";
            return normalized.StartsWith(root, StringComparison.Ordinal) ? normalized[root.Length..] : normalized;
        }

        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized;
    }

    private static CiAnnotationLevel LevelOf(ReportedFinding finding) => finding.Waived
        ? CiAnnotationLevel.Notice
        : finding.Severity switch
        {
            Severity.Critical or Severity.High => CiAnnotationLevel.Error,
            Severity.Medium => CiAnnotationLevel.Warning,
            _ => CiAnnotationLevel.Notice,
        };

    private static string MessageOf(string reference, ReportedFinding finding)
    {
        var lines = new List<string> { $"{reference}: {finding.Title}" };
        if (finding.Remediation is { Length: > 0 } remediation)
        {
            lines.Add($"Fix: {remediation}");
        }

        if (finding.Waiver is { } waiver)
        {
            lines.Add(waiver.Expires is { } expires
                ? string.Create(CultureInfo.InvariantCulture, $"Waived until {expires:yyyy-MM-dd}: {waiver.Reason}")
                : $"Waived: {waiver.Reason}");
        }

        return string.Join('\n', lines);
    }
}
