using Rampart.Core.Dockerfiles;
using Rampart.Core.Findings;
using Rampart.Rules.Hardening.Support;

namespace Rampart.Rules.Hardening;

/// <summary>A base image or the scanned image referenced by <c>latest</c> or by no tag at all.</summary>
public sealed class LatestTagRule : IRule
{
    public static RuleDescriptor Rule { get; } = new(
        "RMP-H008",
        "Image referenced by the latest tag",
        Severity.Medium,
        "`latest` (also what an untagged reference means) points at whatever was pushed last: builds stop being reproducible, "
        + "a base image can change under a pull request without anyone seeing it, and a review approves something other than "
        + "what ships. Every FROM of the Dockerfile is checked (scratch, earlier stages and references built from ARGs are "
        + "skipped) at medium; the scanned reference, when it names a tag rather than a file, at low, because scanning "
        + "`app:latest` right after a local build is common.",
        "Pin base images by version and digest (`FROM debian:12.7@sha256:...`) and deploy by digest or immutable tag.",
        ["DKL-DI-0006", "DS001", "DL3006", "DL3007", "CKV_DOCKER_7", "NIST-800-190-4.2.2"]);

    private static readonly string[] ImageSchemes = ["docker:", "registry:"];
    private static readonly string[] FileSchemes = ["docker-archive:", "oci-archive:", "oci-dir:", "dir:"];

    public RuleDescriptor Descriptor => Rule;

    public IReadOnlyList<string> ContentGlobs { get; } = [];

    public IEnumerable<Finding> Evaluate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Dockerfile is { } dockerfile)
        {
            foreach (var stage in dockerfile.Stages)
            {
                var reference = stage.BaseImage;
                var isEarlierStage = dockerfile.Stages.Take(stage.Index).Any(s => string.Equals(s.Name, reference, StringComparison.OrdinalIgnoreCase));
                if (isEarlierStage || reference.Contains('$', StringComparison.Ordinal) || string.Equals(reference, "scratch", StringComparison.OrdinalIgnoreCase)
                    || !ImageName.Parse(reference).FloatsOnLatest)
                {
                    continue;
                }

                yield return Rule.Create(
                    $"FROM {reference} floats on latest",
                    $"stage {stage.Index} is built FROM {reference} without a version tag or digest",
                    [],
                    context.LineOf(stage.From),
                    origin: FindingOrigin.Application);
            }
        }

        if (ScannedName(context.Image.Reference) is { } name && ImageName.Parse(name).FloatsOnLatest)
        {
            yield return Rule.Create(
                $"Scanned image {name} is referenced by latest",
                $"the image was scanned as {context.Image.Reference}, which names no version tag or digest",
                [new FindingLocation(ConfigPaths.Reference, null)],
                null,
                Severity.Low);
        }
    }

    /// <summary>The image name in a scanned reference, or <see langword="null"/> when it names a file or directory.</summary>
    private static string? ScannedName(string reference)
    {
        if (FileSchemes.Any(s => reference.StartsWith(s, StringComparison.Ordinal)))
        {
            return null;
        }

        var scheme = ImageSchemes.FirstOrDefault(s => reference.StartsWith(s, StringComparison.Ordinal));
        if (scheme is not null)
        {
            return reference[scheme.Length..];
        }

        var looksLikePath = reference.Length == 0 || reference[0] is '/' or '.' or '~' || reference.EndsWith(".tar", StringComparison.OrdinalIgnoreCase);
        return looksLikePath ? null : reference;
    }
}
