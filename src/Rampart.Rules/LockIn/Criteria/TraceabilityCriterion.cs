using Rampart.Core.LockIn;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L008: does the image say where it comes from, so it can be reproduced or re-homed?</summary>
public sealed class TraceabilityCriterion : ILockInCriterion
{
    // Base name and digest weigh most: they are what a customer needs to rebuild on another base.
    private static readonly (string Key, double Weight)[] Keys =
    [
        ("org.opencontainers.image.base.digest", 0.25),
        ("org.opencontainers.image.base.name", 0.2),
        ("org.opencontainers.image.source", 0.2),
        ("org.opencontainers.image.revision", 0.15),
        ("org.opencontainers.image.created", 0.05),
        ("org.opencontainers.image.version", 0.05),
        ("org.opencontainers.image.vendor", 0.05),
        ("org.opencontainers.image.licenses", 0.05),
    ];

    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L008",
        "Traceability",
        "Without its source, revision and base, a customer cannot reproduce an image or move it to another vendor. "
        + "The score is 1 minus the weights of the OCI keys present in the config labels: base.digest 0.25, base.name "
        + "0.2, source 0.2, revision 0.15, and created, version, vendor, licenses 0.05 each. Manifest annotations and "
        + "provenance attestations live in the registry and are not read offline.",
        ["https://github.com/opencontainers/image-spec/blob/main/annotations.md"]);

    public double Weight => 0.5;

    public IReadOnlyList<string> ContentGlobs => [];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var labels = context.Snapshot.Image.Config.Labels;
        var present = Keys.Where(k => !string.IsNullOrWhiteSpace(labels.GetValueOrDefault(k.Key))).ToList();
        var missing = Keys.Except(present).Select(k => Short(k.Key)).ToList();
        var evidence = present.Count == 0
            ? "No OCI traceability label."
            : $"Present: {string.Join(", ", present.Select(k => Short(k.Key)))}; missing: {(missing.Count == 0 ? "none" : string.Join(", ", missing))}.";
        return CriterionResult.From(Descriptor, 1 - present.Sum(k => k.Weight), evidence);
    }

    private static string Short(string key) => key["org.opencontainers.image.".Length..];
}
