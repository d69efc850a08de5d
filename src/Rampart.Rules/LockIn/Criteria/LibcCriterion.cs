using Rampart.Core.LockIn;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn.Criteria;

/// <summary>RMP-L005: does the image's C library match what prebuilt software assumes?</summary>
public sealed class LibcCriterion : ILockInCriterion
{
    public CriterionDescriptor Descriptor { get; } = new(
        "RMP-L005",
        "libc compatibility",
        "Prebuilt wheels, binaries and debuggers assume glibc; moving to or from a musl base costs rebuilds. Scores 0 "
        + "for glibc or static executables, 0.5 for musl or a mix of both loaders, 1 for a glibc loader without "
        + "libc.so.6 (programs copied in cannot start). Read from the loaders present, not from executables' headers.",
        ["docs.docker.com dhi/core-concepts/glibc-musl", "https://musl.libc.org/"]);

    public double Weight => 0.5;

    public IReadOnlyList<string> ContentGlobs => [];

    public CriterionResult Evaluate(LockInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var files = context.Snapshot.Files;
        var (glibc, musl) = Runtime.Loaders(files);
        var loaders = string.Join(", ", glibc.Concat(musl));
        return Runtime.LibcOf(files) switch
        {
            Libc.Mixed => CriterionResult.From(Descriptor, 0.5, $"Both glibc and musl loaders ({loaders})."),
            Libc.Musl => CriterionResult.From(Descriptor, 0.5, $"musl ({loaders}): glibc-built software needs rebuilding or a compatibility layer."),
            Libc.Glibc when Runtime.GlibcLibraries(files).Count == 0 =>
                CriterionResult.From(Descriptor, 1, $"A glibc loader ({loaders}) but no libc.so.6: dynamic programs cannot start."),
            Libc.Glibc => CriterionResult.From(Descriptor, 0, $"glibc ({loaders})."),
            _ => CriterionResult.From(Descriptor, 0, "No dynamic loader: static executables, independent of any libc."),
        };
    }
}
