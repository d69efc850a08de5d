using System.Globalization;
using System.Text.Json;
using Rampart.Core.Images;

namespace Rampart.Images.Config;

/// <summary>Parses an OCI or Docker image config JSON.</summary>
public static class ImageConfigParser
{
    private const long NanosecondsPerTick = 100;

    /// <summary>Parses <paramref name="json"/>; an unreadable config or one without valid <c>rootfs.diff_ids</c> fails naming the input.</summary>
    public static ParsedImageConfig Parse(ReadOnlyMemory<byte> json, ImageReadSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, ImageReadSession.Sha256Digest(json.Span), session);
        }
        catch (JsonException e)
        {
            throw session.Error($"the image config is not valid JSON: {e.Message}", e);
        }
    }

    private static ParsedImageConfig Parse(JsonElement root, string digest, ImageReadSession session)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw session.Error("the image config is not a JSON object");
        }

        var diffIds = Property(Property(root, "rootfs"), "diff_ids") is { ValueKind: JsonValueKind.Array } ids
            ? ids.EnumerateArray().Select(id => id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty).ToList()
            : throw session.Error("the image config has no rootfs.diff_ids");
        if (diffIds.FirstOrDefault(id => !Digests.IsSha256(id)) is { } bad)
        {
            throw session.Error($"the image config lists diffID '{bad}', which is not a sha256 digest");
        }

        var platform = new Platform(
            String(root, "os") ?? "unknown",
            String(root, "architecture") ?? "unknown",
            String(root, "variant"));
        return new ParsedImageConfig(digest, RuntimeConfig(Property(root, "config")), platform, Time(Property(root, "created")), diffIds, History(root, diffIds.Count));
    }

    private static ImageConfig RuntimeConfig(JsonElement config) => new()
    {
        User = NonEmpty(String(config, "User")),
        Env = Strings(Property(config, "Env")),
        Entrypoint = Strings(Property(config, "Entrypoint")),
        Cmd = Strings(Property(config, "Cmd")),
        WorkingDir = NonEmpty(String(config, "WorkingDir")),
        ExposedPorts = Keys(Property(config, "ExposedPorts")),
        Volumes = Keys(Property(config, "Volumes")),
        Labels = Labels(Property(config, "Labels")),
        Healthcheck = Healthcheck(Property(config, "Healthcheck")),
        StopSignal = NonEmpty(String(config, "StopSignal")),
        Shell = Strings(Property(config, "Shell")),
    };

    private static List<HistoryEntry> History(JsonElement root, int layerCount)
    {
        var history = new List<HistoryEntry>();
        if (Property(root, "history") is not { ValueKind: JsonValueKind.Array } entries)
        {
            return history;
        }

        var layer = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var empty = Property(entry, "empty_layer") is { ValueKind: JsonValueKind.True };
            int? index = null;
            if (!empty)
            {
                index = layer < layerCount ? layer : null;
                layer++;
            }

            history.Add(new HistoryEntry(String(entry, "created_by"), Time(Property(entry, "created")), NonEmpty(String(entry, "comment")), empty, index));
        }

        return history;
    }

    private static HealthCheck? Healthcheck(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var retries = Property(element, "Retries") is { ValueKind: JsonValueKind.Number } r && r.TryGetInt32(out var count) ? count : (int?)null;
        return new HealthCheck(Strings(Property(element, "Test")), Duration(Property(element, "Interval")), Duration(Property(element, "Timeout")), retries);
    }

    private static TimeSpan? Duration(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var nanoseconds) && nanoseconds > 0
            ? TimeSpan.FromTicks(nanoseconds / NanosecondsPerTick)
            : null;

    /// <summary>RFC 3339 as Go writes it, with up to nine fraction digits where .NET parses seven.</summary>
    private static DateTimeOffset? Time(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { Length: > 0 } text)
        {
            return null;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }

    private static List<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    private static List<string> Keys(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject().Select(p => p.Name).ToList() : [];

    private static Dictionary<string, string> Labels(JsonElement element)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in element.EnumerateObject())
            {
                labels[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : label.Value.GetRawText();
            }
        }

        return labels;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>A property by name; Go's decoder matches names case-insensitively, and some writers rely on it.</summary>
    internal static JsonElement Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        if (element.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return default;
    }
}
