using System.Text;
using System.Text.Json;

namespace Rampart.Images.Registry;

/// <summary>What a registry or token server says went wrong, from its error body.</summary>
internal static class RegistryErrors
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxMessageLength = 300;

    /// <summary>The error codes of the OCI error body (<c>{"errors":[{"code","message"}]}</c>), empty when there are none.</summary>
    public static IReadOnlyList<string> Codes(string? body)
    {
        var codes = new List<string>();
        if (Parse(body) is { } root && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            codes.AddRange(errors.EnumerateArray().Select(e => Text(e, "code")).OfType<string>());
        }

        return codes;
    }

    /// <summary>
    /// The registry's own words: <c>CODE: message</c> for each entry of an OCI error body, the <c>details</c> or
    /// <c>error_description</c> of a token server, or the first line of a text body; <see langword="null"/> when empty.
    /// </summary>
    public static string? Describe(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        if (Parse(body) is { } root)
        {
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = errors.EnumerateArray()
                    .Select(e => (Code: Text(e, "code"), Message: Text(e, "message")))
                    .Where(e => e.Code is not null || e.Message is not null)
                    .Select(e => e.Code is null ? e.Message! : e.Message is null ? e.Code : $"{e.Code}: {e.Message}")
                    .ToList();
                if (parts.Count > 0)
                {
                    return Clip(string.Join("; ", parts));
                }
            }

            foreach (var name in new[] { "details", "error_description", "message", "error" })
            {
                if (Text(root, name) is { Length: > 0 } text)
                {
                    return Clip(text);
                }
            }
        }

        var line = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null || line.StartsWith('<') ? null : Clip(line);
    }

    /// <summary>Reads at most 64 KiB of an error body as text.</summary>
    public static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxBodyBytes];
                var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                return Encoding.UTF8.GetString(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return string.Empty;
        }
    }

    private static JsonElement? Parse(string? body)
    {
        if (body is null || !body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Clip(string text) => text.Length > MaxMessageLength ? text[..MaxMessageLength] + "…" : text;
}
