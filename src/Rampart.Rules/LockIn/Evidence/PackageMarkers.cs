using System.Text.RegularExpressions;
using Rampart.Core.Packages;

namespace Rampart.Rules.LockIn.Evidence;

/// <summary>What a package record says about where the package comes from.</summary>
internal static partial class PackageMarkers
{
    private static readonly HashSet<string> OsPackageTypes = ["deb", "apk", "rpm"];

    /// <summary>Whether it is a distribution package (deb, apk, rpm) rather than a language or application package.</summary>
    public static bool IsOsPackage(Package package) => OsPackageTypes.Contains(package.Type);

    /// <summary>RapidFort marks its rebuilt packages in the version: deb <c>+rf…</c> or <c>…rfubu…</c>, rpm dist tag <c>.rfN</c>.</summary>
    public static bool IsRapidFortRebuild(Package package) => RapidFortVersion().IsMatch(package.Version);

    [GeneratedRegex(@"\+rf|rfubu|\.rf\d", RegexOptions.CultureInvariant)]
    private static partial Regex RapidFortVersion();
}
