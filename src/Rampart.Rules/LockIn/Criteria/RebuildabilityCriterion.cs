using Rampart.Core.Images;
using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L009: could the customer rebuild this image elsewhere, from a Dockerfile and a pinned base?</summary>
public sealed class RebuildabilityCriterion : ILockInCriterion
{
    // Declarative builders: their definitions may be public, but rebuilding needs their toolchain and often the vendor's repositories.
    private static readonly string[] VendorBuilders = ["apko", "bazel", "rockcraft", "dhi.io/build"];

    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L009",
        "Rebuildability",
        "With no standard build definition, customers cannot re-create the image elsewhere. Three parts: the "
        + "definition (weight 0.5: 0 for a Dockerfile given or Dockerfile steps in the history, 0.5 for a vendor's "
        + "declarative builder such as apko, Bazel, rockcraft or DHI's frontend, 1 for none); the base (0.3: 0 when the "
        + "Dockerfile's FROM or the base.digest label pins a digest); the sources (0.2: 0 when a source label exists "
        + "and no repository needs credentials).",
        ["https://docs.docker.com/build/building/best-practices/#pin-base-image-versions", "chainguard-dev/apko"]);

    public double Weight => 1.0;

    public IReadOnlyList<string> ContentGlobs => [];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var image = context.Snapshot.Image;
        var (definition, definitionWhy) = Definition(context.DockerfileBasePinned, image.History);
        var pinned = context.DockerfileBasePinned == true
            || !string.IsNullOrWhiteSpace(image.Config.Labels.GetValueOrDefault("org.opencontainers.image.base.digest"));
        var privateRepositories = RepositoryConfiguration.Read(context.Snapshot.Files, context.Packages)
            .Count(r => r.Access == RepositoryAccess.Private);
        var hasSource = !string.IsNullOrWhiteSpace(image.Config.Labels.GetValueOrDefault("org.opencontainers.image.source"));
        var sourcesOpen = hasSource && privateRepositories == 0;
        var score = (0.5 * definition) + (0.3 * (pinned ? 0 : 1)) + (0.2 * (sourcesOpen ? 0 : 1));
        var baseImage = pinned ? "base pinned by digest" : "base not pinned by digest";
        var sources = (hasSource, privateRepositories) switch
        {
            (false, _) => "no source label",
            (true, > 0) => $"source label, but {privateRepositories} repositories need credentials",
            _ => "public source label",
        };
        return CriterionResult.From(Descriptor, score, $"{definitionWhy}; {baseImage}; {sources}.");
    }

    private static (double Score, string Why) Definition(bool? dockerfileBasePinned, IReadOnlyList<HistoryEntry> history)
    {
        if (dockerfileBasePinned is not null)
        {
            return (0, "built from the Dockerfile given");
        }

        if (history.Any(IsDockerfileStep))
        {
            return (0, "Dockerfile steps in the history");
        }

        var builder = VendorBuilders.FirstOrDefault(b => history.Any(h =>
            (h.CreatedBy ?? string.Empty).Contains(b, StringComparison.OrdinalIgnoreCase)
            || (h.Comment ?? string.Empty).Contains(b, StringComparison.OrdinalIgnoreCase)));
        return builder is not null
            ? (0.5, $"built by {builder}, a declarative builder with its own toolchain")
            : (1, history.Count == 0 ? "no build history" : "no recognisable build definition in the history");
    }

    private static bool IsDockerfileStep(HistoryEntry entry) =>
        entry.Comment == "buildkit.dockerfile.v0"
        || (entry.CreatedBy ?? string.Empty).StartsWith("/bin/sh -c ", StringComparison.Ordinal);
}
