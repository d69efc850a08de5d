namespace Rampart.Publishing.Ci;

/// <summary>
/// What a CI system offers every step without any token: outputs, a summary page, log annotations and secret masking.
/// Implementations write to the files and streams the CI system reads; they never call a web API.
/// </summary>
public interface ICiHost
{
    /// <summary>Sets step outputs; false when the host has nowhere to put them (not running in that CI system).</summary>
    Task<bool> SetOutputsAsync(IReadOnlyList<KeyValuePair<string, string>> outputs, CancellationToken cancellationToken);

    /// <summary>Appends Markdown to the run's summary page; false when it does not fit the host's limit or the host has none.</summary>
    Task<bool> TryAppendSummaryAsync(string markdown, CancellationToken cancellationToken);

    /// <summary>Writes annotations to the log within the host's limits and says how many were shown and left out.</summary>
    AnnotationOutcome Annotate(IReadOnlyList<CiAnnotation> annotations);

    /// <summary>Asks the host to hide <paramref name="secret"/> wherever it would appear in the log.</summary>
    void MaskSecret(string secret);
}

/// <summary>How many annotations the log shows and how many the host's limits left out.</summary>
public sealed record AnnotationOutcome(int Shown, int Omitted);
