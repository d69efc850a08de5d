namespace Rampart.Core.Packages;

/// <summary>One software package found in an image.</summary>
public sealed record Package
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>The purl type of its ecosystem: <c>deb</c>, <c>apk</c>, <c>rpm</c>, <c>npm</c>, <c>pypi</c>, <c>nuget</c>, ...</summary>
    public required string Type { get; init; }

    /// <summary>Id of the cataloger that found it.</summary>
    public required string FoundBy { get; init; }

    public PackageUrl? Purl { get; init; }

    /// <summary>License expressions or names as the package declares them.</summary>
    public IReadOnlyList<string> Licenses { get; init; } = [];

    /// <summary>Files in the image that are evidence of the package (its database, manifest or binary).</summary>
    public IReadOnlyList<string> Locations { get; init; } = [];

    /// <summary>Layer that last wrote the evidence file (<see cref="Locations"/>' first).</summary>
    public int? Layer { get; init; }

    /// <summary>
    /// The layer that introduced the package: the lowest of the unbroken run of layers, down from <see cref="Layer"/>,
    /// whose own copy of the evidence file lists it at this version. A base image's packages stay in the base image's
    /// layer when a later layer rewrites the package database. Set once every cataloger has run; null when
    /// <see cref="Layer"/> is.
    /// </summary>
    public int? IntroducedLayer { get; init; }

    public string? Architecture { get; init; }

    /// <summary>The source package or project it was built from, when the database records it.</summary>
    public string? SourceName { get; init; }

    /// <summary>The maintainer or vendor as the database records it.</summary>
    public string? Supplier { get; init; }

    public string? Description { get; init; }

    /// <summary>Names of the packages it depends on, as the database spells them.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Files the package database says the package owns.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Facts of its ecosystem with no field of their own (a Go binary's build settings), by name.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
}
