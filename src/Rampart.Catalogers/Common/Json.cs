using System.Text.Json;

namespace Rampart.Catalogers.Common;

/// <summary>What the JSON-reading parsers share: lenient parsing with one warning, and optional string fields.</summary>
internal static class Json
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The root of <paramref name="json"/>, or <see langword="null"/> with a warning when it is not JSON.</summary>
    public static JsonElement? Parse(ReadOnlySpan<byte> json, Action<string> warn)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), Options);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            warn($"not JSON: {e.Message}");
            return null;
        }
    }

    /// <summary>The non-empty string value of <paramref name="property"/>, or <see langword="null"/>.</summary>
    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
