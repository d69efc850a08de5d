namespace Rampart.Catalogers.Dpkg;

/// <summary>One paragraph of a dpkg status file, with the fields a package record needs.</summary>
/// <param name="Package">Binary package name.</param>
/// <param name="Version">Version as dpkg writes it, epoch included: <c>1:1.2.13.dfsg-1</c>.</param>
/// <param name="Architecture">Debian architecture: <c>amd64</c>, <c>all</c>.</param>
/// <param name="Source">Source package name when the paragraph names one (dpkg omits it when equal to the package).</param>
/// <param name="SourceVersion">The version in <c>Source: name (version)</c>, when it differs from the binary's.</param>
/// <param name="Maintainer">The <c>Maintainer</c> field, name and address.</param>
/// <param name="Summary">First line of <c>Description</c>.</param>
/// <param name="Status">The <c>Status</c> field as written; distroless <c>status.d</c> files have none.</param>
/// <param name="Depends">Each comma-separated requirement of <c>Depends</c> as its alternatives' package names.</param>
/// <param name="PreDepends">Same for <c>Pre-Depends</c>.</param>
/// <param name="Provides">Virtual package names from <c>Provides</c>.</param>
/// <param name="Conffiles">Paths from the <c>Conffiles</c> field.</param>
public sealed record DpkgEntry(
    string Package,
    string Version,
    string? Architecture,
    string? Source,
    string? SourceVersion,
    string? Maintainer,
    string? Summary,
    string? Status,
    IReadOnlyList<IReadOnlyList<string>> Depends,
    IReadOnlyList<IReadOnlyList<string>> PreDepends,
    IReadOnlyList<string> Provides,
    IReadOnlyList<string> Conffiles)
{
    /// <summary>
    /// Whether dpkg has it on disk: status <c>installed</c> wanted as <c>install</c> or <c>hold</c> with no error
    /// flag (dpkg-query(1)). Entries without a status (distroless) are installed by construction.
    /// </summary>
    public bool IsInstalled
    {
        get
        {
            if (Status is null)
            {
                return true;
            }

            var words = Status.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return words is [var want, "ok", "installed"] && want is "install" or "hold";
        }
    }
}
