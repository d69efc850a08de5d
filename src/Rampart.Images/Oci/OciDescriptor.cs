using System.Text.Json;
using Rampart.Core.Images;
using Rampart.Images.Config;

namespace Rampart.Images.Oci;

/// <summary>An OCI content descriptor: what a manifest or index says about a blob it points at.</summary>
/// <param name="MediaType">Media type of the blob.</param>
/// <param name="Digest">sha256 digest of the blob.</param>
/// <param name="Size">Size in bytes, or -1 when the descriptor omits it.</param>
/// <param name="Platform">Platform of an index entry, when given.</param>
/// <param name="Annotations">Annotations, empty when none.</param>
public sealed record OciDescriptor(string MediaType, string Digest, long Size, Platform? Platform, IReadOnlyDictionary<string, string> Annotations)
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>The annotation value, or <see langword="null"/>.</summary>
    public string? Annotation(string name) => Annotations.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses a descriptor; one without a sha256 digest fails, since its blob could not be verified.</summary>
    public static OciDescriptor Parse(JsonElement element, string where, ImageReadSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw session.Error($"{where} lists a descriptor that is not a JSON object");
        }

        var digest = Text(element, "digest");
        if (!Digests.IsSha256(digest))
        {
            throw session.Error($"{where} lists digest '{digest}', which is not a sha256 digest");
        }

        var size = ImageConfigParser.Property(element, "size") is { ValueKind: JsonValueKind.Number } s && s.TryGetInt64(out var bytes) ? bytes : -1;
        Platform? platform = null;
        if (ImageConfigParser.Property(element, "platform") is { ValueKind: JsonValueKind.Object } p)
        {
            platform = new Platform(Text(p, "os") ?? "unknown", Text(p, "architecture") ?? "unknown", Text(p, "variant"));
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ImageConfigParser.Property(element, "annotations") is { ValueKind: JsonValueKind.Object } a)
        {
            foreach (var annotation in a.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String))
            {
                annotations[annotation.Name] = annotation.Value.GetString()!;
            }
        }

        return new OciDescriptor(Text(element, "mediaType") ?? string.Empty, digest!, size, platform, annotations);
    }

    private static string? Text(JsonElement element, string name) =>
        ImageConfigParser.Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
