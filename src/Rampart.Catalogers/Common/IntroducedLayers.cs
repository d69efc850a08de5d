using Microsoft.Extensions.Logging.Abstractions;
using Rampart.Core.Catalogers;
using Rampart.Core.Files;
using Rampart.Core.Packages;

namespace Rampart.Catalogers.Common;

/// <summary>
/// The layer that introduced each package (<see cref="Package.IntroducedLayer"/>). A package database is one file that
/// every layer installing packages rewrites, so the layer that wrote it last says nothing about the base image's
/// packages. Here the package's cataloger reads each earlier layer's own copy of its evidence file again, and the
/// package goes to the lowest layer of the unbroken run of copies, down from the last, that list it at the same version
/// and architecture: Trivy's origin layer, except that a package removed (or its database deleted) and installed again
/// starts over. Only evidence files that several layers wrote are read again, once per layer and cataloger, from the
/// files the reader kept for that layer anyway.
/// </summary>
public sealed class IntroducedLayers
{
    private readonly Dictionary<int, LayerContents> _layers;
    private readonly Dictionary<string, ICataloger> _catalogers;
    private readonly OsRelease? _os;
    private readonly Dictionary<(int Layer, string Cataloger), Dictionary<string, HashSet<Identity>>> _listings = [];

    private IntroducedLayers(IReadOnlyList<LayerContents> layers, IReadOnlyList<ICataloger> catalogers, OsRelease? os)
    {
        _layers = layers.ToDictionary(l => l.Index);
        _catalogers = catalogers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _os = os;
    }

    /// <summary>
    /// <paramref name="packages"/>, in the same order, each with <see cref="Package.IntroducedLayer"/> set.
    /// </summary>
    /// <param name="packages">What the catalogers found in the squashed view.</param>
    /// <param name="layers">Each layer's own contents, as the reader kept them.</param>
    /// <param name="catalogers">The catalogers that found them, by <see cref="Package.FoundBy"/>.</param>
    /// <param name="os">The distribution, as the catalogers were given it.</param>
    public static IReadOnlyList<Package> Assign(
        IReadOnlyList<Package> packages, IReadOnlyList<LayerContents> layers, IReadOnlyList<ICataloger> catalogers, OsRelease? os)
    {
        ArgumentNullException.ThrowIfNull(packages);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(catalogers);
        var introduced = new IntroducedLayers(layers, catalogers, os);
        return packages.Select(p => p with { IntroducedLayer = introduced.Of(p) }).ToList();
    }

    private int? Of(Package package)
    {
        if (package.Layer is not { } top || package.Locations is not [var evidence, ..] || !_catalogers.TryGetValue(package.FoundBy, out var cataloger))
        {
            return package.Layer;
        }

        var identity = new Identity(package.Name, package.Version, package.Architecture);
        var introduced = top;
        for (var index = top; index >= 0; index--)
        {
            if (!_layers.TryGetValue(index, out var layer))
            {
                break;
            }

            if (index < top && layer.Entries.ContainsKey(evidence))
            {
                if (!Listing(layer, cataloger).TryGetValue(evidence, out var listed) || !listed.Contains(identity))
                {
                    break;
                }

                introduced = index;
            }

            if (HidesLowerCopies(layer, evidence))
            {
                break;
            }
        }

        return introduced;
    }

    /// <summary>What <paramref name="cataloger"/> finds in the kept files of <paramref name="layer"/> alone, by evidence file.</summary>
    private Dictionary<string, HashSet<Identity>> Listing(LayerContents layer, ICataloger cataloger)
    {
        if (_listings.TryGetValue((layer.Index, cataloger.Id), out var listing))
        {
            return listing;
        }

        var kept = new LayerContents(layer.Index);
        foreach (var (path, bytes) in layer.Contents)
        {
            kept.Add(layer.Entries[path], bytes);
        }

        List<Package> found;
        try
        {
            // Trouble with the files was reported when the squashed view was cataloged; an unreadable copy lists nothing.
            found = cataloger.Catalog(new CatalogContext(FileView.OfLayer(kept), _os, NullLogger.Instance)).ToList();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            found = [];
        }

        listing = found
            .Where(p => p.Locations.Count > 0)
            .GroupBy(p => p.Locations[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => new Identity(p.Name, p.Version, p.Architecture)).ToHashSet(), StringComparer.Ordinal);
        _listings[(layer.Index, cataloger.Id)] = listing;
        return listing;
    }

    /// <summary>The layer deletes <paramref name="path"/> from the layers below, itself or through a directory.</summary>
    private static bool HidesLowerCopies(LayerContents layer, string path)
    {
        if (layer.Whiteouts.Contains(path))
        {
            return true;
        }

        for (var directory = ImagePath.Parent(path); ; directory = ImagePath.Parent(directory))
        {
            if (layer.Whiteouts.Contains(directory) || layer.OpaqueDirectories.Contains(directory))
            {
                return true;
            }

            if (directory == "/")
            {
                return false;
            }
        }
    }

    private sealed record Identity(string Name, string Version, string? Architecture);
}
