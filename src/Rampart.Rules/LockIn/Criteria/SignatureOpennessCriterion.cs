using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L011: can the image's signatures and attestations be checked without the vendor's service?</summary>
public sealed class SignatureOpennessCriterion : ILockInCriterion
{
    private const string SignaturePolicyDirectory = "/etc/containers/registries.d";

    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L011",
        "Openness of signatures and attestations",
        "Verification that needs the vendor's service or store is another tie. Cosign and Notation signatures and "
        + "attestations are registry referrers and tags, invisible to an offline scan, so this scores what the image "
        + "itself shows: 0.5 when it points verification at a vendor's store (Docker Hardened Images publish to the "
        + "Docker Scout registry; a registries.d sigstore entry names a vendor host), else 0.3, as for an unsigned image.",
        ["docs.docker.com dhi/core-concepts/attestations", "https://access.redhat.com/articles/3116561", "https://github.com/sigstore/cosign"]);

    public double Weight => 0.3;

    public IReadOnlyList<string> ContentGlobs => [SignaturePolicyDirectory + "/*.yaml"];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var files = context.Snapshot.Files;
        var stores = ImageText.Below(files, SignaturePolicyDirectory)
            .Where(e => e.IsRegular && e.Path.EndsWith(".yaml", StringComparison.Ordinal))
            .SelectMany(e => ImageText.MeaningfulLines(ImageText.Read(files, e.Path) ?? string.Empty))
            .Where(l => l.StartsWith("sigstore:", StringComparison.Ordinal))
            .Select(l => l["sigstore:".Length..].Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (stores.Count > 0)
        {
            return CriterionResult.From(Descriptor, 0.5, $"Signatures are looked up in a vendor's store ({string.Join(", ", stores)}); registry referrers are not read offline.");
        }

        if (context.Snapshot.Image.Config.Labels.Keys.Any(k => k.StartsWith("com.docker.dhi.", StringComparison.Ordinal)))
        {
            return CriterionResult.From(Descriptor, 0.5, "A Docker Hardened Image: its signatures and attestations live in the Docker Scout registry, not beside the image.");
        }

        return CriterionResult.From(Descriptor, 0.3, "No signature or attestation is visible in the image; referrers and cosign tags live in the registry and are not read offline, so this scores as unsigned.");
    }
}
