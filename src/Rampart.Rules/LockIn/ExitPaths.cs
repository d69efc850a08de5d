using Rampart.Core.LockIn;
using Rampart.Core.Packages;
using Rampart.Rules.LockIn.Evidence;

namespace Rampart.Rules.LockIn;

/// <summary>
/// The nearest mainstream base: the one sharing the image's package format and C library, so that the fewest
/// packages and binaries change. apk on glibc (Wolfi, Chainguard, MinimOS) leads to Debian, because glibc
/// binaries keep running there while musl would need them rebuilt.
/// </summary>
internal static class ExitPaths
{
    public static ExitPath For(LockInContext context, Libc libc) => For(context, libc, PackageNameList.Shipped);

    /// <summary>The exit path with <paramref name="lists"/>, by distribution id, as the counterpart data.</summary>
    public static ExitPath For(LockInContext context, Libc libc, IReadOnlyDictionary<string, PackageNameList> lists)
    {
        var osPackages = context.Packages.Where(PackageMarkers.IsOsPackage).ToList();
        if (osPackages.Count == 0)
        {
            return new ExitPath("scratch", "No OS packages: the executables move to any base as they are.", [], true);
        }

        var (baseImage, distro, reason) = Nearest(context.Os, osPackages, libc);
        if (!lists.TryGetValue(distro, out var names))
        {
            return new ExitPath(baseImage, $"{reason} No {distro} package-name list is shipped, so packages without a counterpart there are not listed.", [], false);
        }

        var missing = osPackages
            .Where(p => !names.HasCounterpart(p))
            .Select(p => p.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ExitPath(baseImage, $"{reason} Compared with {names.Origin}.", missing, true);
    }

    private static (string Base, string Distro, string Reason) Nearest(OsRelease? os, List<Package> packages, Libc libc)
    {
        var type = packages.GroupBy(p => p.Type).OrderByDescending(g => g.Count()).First().Key;
        var id = os?.Id ?? string.Empty;
        var likeUbuntu = id == "ubuntu" || (os?.IdLike.Contains("ubuntu") ?? false);
        var version = os?.VersionId;
        return type switch
        {
            "deb" when likeUbuntu => ($"ubuntu:{version ?? "latest"}", "ubuntu", "Debian packages on an Ubuntu base."),
            "deb" => ($"debian:{(id == "debian" && version is not null ? version : "stable")}-slim", "debian", "Debian packages on glibc."),
            "apk" when libc is Libc.Musl or Libc.Mixed => ($"alpine:{(id == "alpine" && version is not null ? version : "latest")}", "alpine", "apk packages on musl."),
            "apk" => ("debian:stable-slim", "debian", "apk packages on glibc: Debian keeps glibc binaries running, where Alpine's musl would need them rebuilt."),
            _ => ("registry.access.redhat.com/ubi9/ubi", "ubi", "rpm packages: the freely redistributable Red Hat base."),
        };
    }
}
