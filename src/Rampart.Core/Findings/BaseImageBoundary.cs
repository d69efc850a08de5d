using Rampart.Core.Dockerfiles;
using Rampart.Core.Images;

namespace Rampart.Core.Findings;

/// <summary>How the split between base image and application layers was found.</summary>
public enum BaseImageBoundarySource
{
    /// <summary>The oldest history entry matched to the final stage of the given Dockerfile starts the application.</summary>
    Dockerfile,

    /// <summary>The base image's last <c>CMD</c> entry, before the application's layers, ends the base (Trivy's heuristic).</summary>
    BaseCmdEntry,

    /// <summary>Only the oldest layer-making entry is taken as the base (docker-bench's heuristic).</summary>
    OldestEntry,

    /// <summary>The image has no history: everything counts as application.</summary>
    NoHistory,
}

/// <summary>Where the base image ends and the application's own layers begin.</summary>
/// <param name="FirstApplicationHistoryIndex">Index of the first history entry the application's build made.</param>
/// <param name="FirstApplicationLayer">Index of the first layer the application's build made; equal to the layer count when it made none.</param>
/// <param name="Source">How this was found.</param>
public sealed record BaseImageBoundary(int FirstApplicationHistoryIndex, int FirstApplicationLayer, BaseImageBoundarySource Source)
{
    /// <summary>Finds the boundary from the Dockerfile mapping when there is one, else from the history alone.</summary>
    /// <param name="image">The image.</param>
    /// <param name="dockerfileLines">History entries mapped to Dockerfile instructions (<see cref="DockerfileHistory.Map"/>); empty without a Dockerfile.</param>
    public static BaseImageBoundary Detect(ImageDescriptor image, IReadOnlyDictionary<int, DockerfileInstruction> dockerfileLines)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(dockerfileLines);
        var history = image.History;
        if (dockerfileLines.Count > 0)
        {
            return At(image, dockerfileLines.Keys.Min(), BaseImageBoundarySource.Dockerfile);
        }

        if (history.Count == 0)
        {
            return new BaseImageBoundary(0, 0, BaseImageBoundarySource.NoHistory);
        }

        var sawLayer = false;
        var trailingMetadata = true;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (!history[i].EmptyLayer)
            {
                sawLayer = true;
                trailingMetadata = false;
                continue;
            }

            if (!trailingMetadata && sawLayer && HistoryInstruction.Parse(history[i].CreatedBy).Keyword == "CMD")
            {
                return At(image, i + 1, BaseImageBoundarySource.BaseCmdEntry);
            }
        }

        var oldestLayer = Enumerable.Range(0, history.Count).FirstOrDefault(i => !history[i].EmptyLayer, history.Count - 1);
        return At(image, oldestLayer + 1, BaseImageBoundarySource.OldestEntry);
    }

    public bool IsBaseLayer(int layer) => layer < FirstApplicationLayer;

    public bool IsBaseHistory(int historyIndex) => historyIndex < FirstApplicationHistoryIndex;

    public FindingOrigin OriginOfLayer(int layer) => IsBaseLayer(layer) ? FindingOrigin.Base : FindingOrigin.Application;

    public FindingOrigin OriginOfHistory(int historyIndex) => IsBaseHistory(historyIndex) ? FindingOrigin.Base : FindingOrigin.Application;

    /// <summary>
    /// The origin the layers of <paramref name="locations"/> give: application when any of them is the application's,
    /// base when all are the base image's, unknown when none names a layer.
    /// </summary>
    public FindingOrigin OriginOf(IEnumerable<FindingLocation> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var layers = locations.Select(l => l.Layer).OfType<int>().ToList();
        return layers.Count == 0 ? FindingOrigin.Unknown
            : layers.Any(l => !IsBaseLayer(l)) ? FindingOrigin.Application
            : FindingOrigin.Base;
    }

    /// <summary>"base image" or "application layers", for evidence text.</summary>
    public string DescribeLayer(int layer) => Describe(IsBaseLayer(layer));

    /// <summary>"base image" or "application layers", for evidence text.</summary>
    public string DescribeHistory(int historyIndex) => Describe(IsBaseHistory(historyIndex));

    public static string Describe(bool isBase) => isBase ? "base image" : "application layers";

    private static BaseImageBoundary At(ImageDescriptor image, int historyIndex, BaseImageBoundarySource source)
    {
        var firstLayer = image.History.Skip(historyIndex).Select(h => h.Layer).FirstOrDefault(l => l is not null) ?? image.Layers.Count;
        return new BaseImageBoundary(historyIndex, firstLayer, source);
    }
}
