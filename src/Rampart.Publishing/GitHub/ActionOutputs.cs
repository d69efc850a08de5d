using System.Globalization;
using Rampart.Core.Results;

namespace Rampart.Publishing.GitHub;

/// <summary>The action's step outputs. Every name is always set (empty when it does not apply), so workflow expressions need no guards.</summary>
public static class ActionOutputs
{
    /// <summary>
    /// Paths of the files written, and the verdict. With several images the scores are the worst: the lowest hardening
    /// score and grade, the highest lock-in score and level; <c>sbom</c> lists one path per line.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> From(ScanResults results, PublishArtifacts artifacts)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(artifacts);
        var lockIns = results.Images.Where(i => i.LockIn is not null).Select(i => i.LockIn!).ToList();
        return
        [
            new("sbom", string.Join('\n', results.Images.Where(i => i.Sbom is not null).Select(i => i.Sbom!.Path))),
            new("results", artifacts.ResultsPath ?? string.Empty),
            new("sarif", artifacts.SarifPath ?? string.Empty),
            new("markdown", artifacts.MarkdownPath ?? string.Empty),
            new("hardening-score", results.Images.Count == 0 ? string.Empty : results.Images.Min(i => i.Hardening.Score).ToString(CultureInfo.InvariantCulture)),
            new("hardening-grade", results.Images.Count == 0 ? string.Empty : results.Images.Max(i => i.Hardening.Grade)!),
            new("lockin-score", lockIns.Count == 0 ? string.Empty : lockIns.Max(l => l.Score).ToString("0.#", CultureInfo.InvariantCulture)),
            new("lockin-level", lockIns.Count == 0 ? string.Empty : lockIns.Max(l => l.Level).ToString().ToLowerInvariant()),
            new("gate", results.Gate.Failed ? "failed" : "passed"),
            new("gate-reasons", string.Join('\n', results.Gate.Reasons.Select(r => r.Message))),
        ];
    }
}
