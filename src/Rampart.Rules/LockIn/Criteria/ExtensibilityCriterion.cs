using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L004: can the image be extended the standard way, with a package manager and a shell?</summary>
public sealed class ExtensibilityCriterion : ILockInCriterion
{
    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L004",
        "Ability to extend",
        "Hardening removes the standard way to customise an image; what is left often runs through the vendor's dev "
        + "image, repository or service. Scores 0 with a package manager and a shell, 0.4 with only one of them, "
        + "0.2 for a static image (extending it means rebuilding from source, with no vendor involved), 0.5 when the "
        + "family documents a dev variant with the tools, 0.8 otherwise.",
        ["docs.docker.com dhi/explore/build-process", "GoogleContainerTools/distroless README.md", "redhat-openshift-ecosystem/openshift-preflight#375"]);

    public double Weight => 1.0;

    public IReadOnlyList<string> ContentGlobs => [];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var files = context.Snapshot.Files;
        var managers = Runtime.Present(files, Runtime.PackageManagers);
        var shells = Runtime.Present(files, Runtime.Shells);
        var seen = $"package managers: {List(managers)}; shells: {List(shells)}";
        if (managers.Count > 0 && shells.Count > 0)
        {
            return CriterionResult.From(Descriptor, 0, $"Extensible the standard way ({seen}).");
        }

        if (managers.Count > 0 || shells.Count > 0)
        {
            return CriterionResult.From(Descriptor, 0.4, $"Half the standard tools ({seen}).");
        }

        if (PackageDatabase.FindAll(files).Count == 0 && Runtime.LibcOf(files) == Libc.None)
        {
            return CriterionResult.From(Descriptor, 0.2, $"Static image ({seen}): extended by rebuilding from source, without the vendor.");
        }

        return DevVariant(context.Identity.Family) is { } variant
            ? CriterionResult.From(Descriptor, 0.5, $"No tools ({seen}); {context.Identity.Family} documents {variant}.")
            : CriterionResult.From(Descriptor, 0.8, $"No tools ({seen}) and no documented dev variant for {context.Identity.Family}.");
    }

    // Sibling images with the tools, as each vendor documents them (reference §2.3).
    private static string? DevVariant(ImageFamily family) => family switch
    {
        ImageFamily.DockerHardened => "-dev and -sdk variants with a shell and apt or apk",
        ImageFamily.Wolfi or ImageFamily.Chainguard => "-dev variants (latest-dev) with a shell and apk",
        ImageFamily.Distroless => ":debug variants with a busybox shell",
        ImageFamily.Minimus => "-dev variants with busybox",
        ImageFamily.AzureLinux => "base/core images with tdnf",
        _ => null,
    };

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
