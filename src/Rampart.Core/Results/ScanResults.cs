namespace Rampart.Core.Results;

/// <summary>The results of one Rampart run over one or more images: the single source every report renders.</summary>
public sealed record ScanResults
{
    /// <summary>The results format this version writes. Readers accept any 1.x.</summary>
    public const string CurrentSchemaVersion = "1.1";

    public required string SchemaVersion { get; init; }

    public required ToolInfo Tool { get; init; }

    /// <summary>When the results were put together, from the injected clock, to the second.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    public required IReadOnlyList<ImageResult> Images { get; init; }

    /// <summary>The fleet view, when there are several images.</summary>
    public FleetResult? Fleet { get; init; }

    public required GateResult Gate { get; init; }

    /// <summary>Results in the current schema version, with the fleet view when there are several images.</summary>
    public static ScanResults Create(IReadOnlyList<ImageResult> images, GateResult gate, ToolInfo tool, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        return new ScanResults
        {
            SchemaVersion = CurrentSchemaVersion,
            Tool = tool,
            GeneratedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)),
            Images = images,
            Fleet = images.Count > 1 ? FleetResult.Of(images) : null,
            Gate = gate,
        };
    }
}

/// <summary>The tool that wrote the results.</summary>
public sealed record ToolInfo(string Name, string Version);
