using System.Text.Json;
using Rampart.Core.Results;

namespace Rampart.Reporting.Results;

/// <summary>Reads a results file written earlier, for <c>rampart publish --results</c>, <c>--baseline</c> and <c>--merge</c>.</summary>
public static class ResultsReader
{
    /// <summary>Reads and checks the results file at <paramref name="path"/>.</summary>
    /// <exception cref="ResultsFileException">The file is missing, unreadable, not JSON, of an unsupported schema version, or lacks required fields.</exception>
    public static async Task<ScanResults> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultsFileException($"Cannot read the results file '{path}': {e.Message}", e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses results JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ResultsFileException">Not JSON, an unsupported schema version, or required fields missing.</exception>
    public static ScanResults Parse(ReadOnlySpan<byte> json, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        CheckSchemaVersion(json, source);
        try
        {
            return JsonSerializer.Deserialize<ScanResults>(json, ResultsJson.Options)
                ?? throw new ResultsFileException($"'{source}' is not a Rampart results file: it holds null.");
        }
        catch (JsonException e)
        {
            throw new ResultsFileException($"'{source}' is not a valid Rampart results file: {e.Message}", e);
        }
    }

    private static void CheckSchemaVersion(ReadOnlySpan<byte> json, string source)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        JsonElement root;
        try
        {
            root = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new ResultsFileException($"'{source}' is not JSON: {e.Message}", e);
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("schemaVersion", out var version)
            || version.ValueKind != JsonValueKind.String)
        {
            throw new ResultsFileException($"'{source}' is not a Rampart results file: it has no \"schemaVersion\" string.");
        }

        var text = version.GetString()!;
        var major = text.Split('.')[0];
        if (major != ScanResults.CurrentSchemaVersion.Split('.')[0])
        {
            throw new ResultsFileException(
                $"'{source}' has results schemaVersion \"{text}\"; this Rampart reads {ScanResults.CurrentSchemaVersion.Split('.')[0]}.x (it writes {ScanResults.CurrentSchemaVersion}).");
        }
    }
}
