using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L003: can the customer still add and patch packages without the vendor's account?</summary>
public sealed class PublicRepositoriesCriterion : ILockInCriterion
{
    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L003",
        "Public package repositories",
        "Packages that come only from a vendor's authenticated repository can be added or patched only while the "
        + "account lasts. Each configured repository (apt, apk, yum/dnf/tdnf) scores 0 for a public distribution or OS "
        + "vendor archive, 0.5 for a public repository of one image vendor or an unknown host, 1 for one that needs "
        + "credentials (organisation repositories, enterprise and Pro archives, credentials in the address or in "
        + "apt's auth.conf); the score is their mean. An image with OS packages but no repository configured scores "
        + "0.5: their source cannot be told offline.",
        ["chainguard-dev/edu package-model.md", "docs.docker.com dhi/how-to/hardened-packages", "https://access.redhat.com/articles/3116561"]);

    public double Weight => 1.0;

    public IReadOnlyList<string> ContentGlobs => RepositoryConfiguration.ContentGlobs;

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sources = RepositoryConfiguration.Read(context.Snapshot.Files, context.Packages);
        if (sources.Count == 0)
        {
            var osPackages = context.Packages.Count(PackageMarkers.IsOsPackage);
            return osPackages == 0
                ? CriterionResult.From(Descriptor, 0, "No OS packages and no repository: nothing here depends on a package repository.")
                : CriterionResult.From(Descriptor, 0.5, $"OS packages ({osPackages}) but no repository configured: where they came from cannot be told from the image.");
        }

        var score = sources.Average(s => s.Access switch
        {
            RepositoryAccess.Public => 0,
            RepositoryAccess.Private => 1,
            _ => 0.5,
        });
        var described = sources
            .DistinctBy(s => s.Uri)
            .Select(s => $"{s.Uri} ({s.Access.ToString().ToLowerInvariant()}: {s.Reason})");
        return CriterionResult.From(
            Descriptor,
            score,
            $"Configured: {string.Join("; ", described)}.");
    }
}
