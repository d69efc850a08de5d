namespace Rampart.Core.Images;

/// <summary>Everything an image says about itself outside its layers: identity, config, layers and history.</summary>
/// <param name="Reference">What the user asked for, as they wrote it (<c>docker-archive:app.tar</c>).</param>
/// <param name="ManifestDigest">Digest of the manifest, when the source has one (registry, OCI layout).</param>
/// <param name="ConfigDigest">Digest of the config blob: the image id.</param>
/// <param name="Platform">OS and architecture from the config.</param>
/// <param name="Config">The runtime configuration.</param>
/// <param name="Layers">Layers base first.</param>
/// <param name="History">History entries in order; each non-empty one names its layer.</param>
/// <param name="RepoTags">Tags the source knows the image by.</param>
/// <param name="Created">Creation time from the config.</param>
public sealed record ImageDescriptor(
    string Reference,
    string? ManifestDigest,
    string ConfigDigest,
    Platform Platform,
    ImageConfig Config,
    IReadOnlyList<LayerInfo> Layers,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<string> RepoTags,
    DateTimeOffset? Created);

/// <summary>One layer of an image.</summary>
/// <param name="Index">Position, base layer 0.</param>
/// <param name="DiffId">sha256 of the uncompressed tar, from the config's <c>rootfs.diff_ids</c>.</param>
/// <param name="Digest">Digest of the blob as stored (compressed), when the source records one.</param>
/// <param name="MediaType">Media type from the manifest, when there is one.</param>
/// <param name="Size">Size of the blob as stored, when known.</param>
public sealed record LayerInfo(int Index, string DiffId, string? Digest, string? MediaType, long? Size);

/// <summary>One history entry of the config.</summary>
/// <param name="CreatedBy">The instruction that made it.</param>
/// <param name="Created">When.</param>
/// <param name="Comment">Builder comment.</param>
/// <param name="EmptyLayer">True when the step changed only metadata.</param>
/// <param name="Layer">Index of the layer this step made; <see langword="null"/> for empty-layer steps.</param>
public sealed record HistoryEntry(string? CreatedBy, DateTimeOffset? Created, string? Comment, bool EmptyLayer, int? Layer);

/// <summary>The container configuration an image runs with.</summary>
public sealed record ImageConfig
{
    public string? User { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    public IReadOnlyList<string> Cmd { get; init; } = [];

    public string? WorkingDir { get; init; }

    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public IReadOnlyList<string> Volumes { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public HealthCheck? Healthcheck { get; init; }

    public string? StopSignal { get; init; }

    public IReadOnlyList<string> Shell { get; init; } = [];
}

/// <summary>The HEALTHCHECK of an image; a test of <c>["NONE"]</c> disables an inherited one.</summary>
public sealed record HealthCheck(IReadOnlyList<string> Test, TimeSpan? Interval, TimeSpan? Timeout, int? Retries)
{
    public bool IsDisabled => Test.Count > 0 && Test[0] == "NONE";
}
