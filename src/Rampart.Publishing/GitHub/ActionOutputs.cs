using System.Globalization;
using Rampart.Core.Results;
using Rampart.Publishing.Ci;

namespace Rampart.Publishing.GitHub;

/// <summary>The action's step outputs. Every name is always set (empty when it does not apply), so workflow expressions need no guards.</summary>
public static class ActionOutputs
{
    /// <summary>
    /// Paths of the files written, and the verdict. With several images the scores are the worst: the lowest hardening
    /// score and grade, the highest lock-in score and level; <c>sbom</c> lists one path per line.
    /// </summary>
    /// <param name="results">The scan.</param>
    /// <param name="artifacts">Where its files were written.</param>
    /// <param name="workspace">
    /// <c>GITHUB_WORKSPACE</c>: paths inside it are given relative to it, since the job's later steps resolve them from
    /// there, and in a container action it is mounted at /github/workspace, a path those steps do not have.
    /// </param>
    public static IReadOnlyList<KeyValuePair<string, string>> From(ScanResults results, PublishArtifacts artifacts, string? workspace)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(artifacts);
        string PathOf(string? path) => path is null ? string.Empty
            : workspace is null ? path
            : FindingAnnotations.RepositoryPath(Path.GetFullPath(path), workspace);

        var lockIns = results.Images.Where(i => i.LockIn is not null).Select(i => i.LockIn!).ToList();
        return
        [
            new("sbom", string.Join('\n', results.Images.Where(i => i.Sbom is not null).Select(i => PathOf(i.Sbom!.Path)))),
            new("results", PathOf(artifacts.ResultsPath)),
            new("sarif", PathOf(artifacts.SarifPath)),
            new("markdown", PathOf(artifacts.MarkdownPath)),
            new("hardening-score", results.Images.Count == 0 ? string.Empty : results.Images.Min(i => i.Hardening.Score).ToString(CultureInfo.InvariantCulture)),
            new("hardening-grade", results.Images.Count == 0 ? string.Empty : results.Images.Max(i => i.Hardening.Grade)!),
            new("lockin-score", lockIns.Count == 0 ? string.Empty : lockIns.Max(l => l.Score).ToString("0.#", CultureInfo.InvariantCulture)),
            new("lockin-level", lockIns.Count == 0 ? string.Empty : lockIns.Max(l => l.Level).ToString().ToLowerInvariant()),
            new("gate", results.Gate.Failed ? "failed" : "passed"),
            new("gate-reasons", string.Join('\n', results.Gate.Reasons.Select(r => r.Message))),
        ];
    }
}
