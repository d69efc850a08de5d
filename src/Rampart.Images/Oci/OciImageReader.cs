using System.Text.Json;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Config;
using Rampart.Images.Layers;

namespace Rampart.Images.Oci;

/// <summary>
/// Reads an OCI image from a blob store: walks indexes (nested ones too) to one image manifest, picking the requested
/// platform and skipping attestation manifests, then reads config and layers, layers in parallel, each verified.
/// </summary>
public static class OciImageReader
{
    private const int MaxIndexDepth = 4;
    private const string ReferenceTypeAnnotation = "vnd.docker.reference.type";
    private const string ContainerdNameAnnotation = "io.containerd.image.name";

    /// <summary>Reads the image an OCI layout's <c>index.json</c> leads to; <paramref name="tag"/> picks by <c>org.opencontainers.image.ref.name</c>.</summary>
    public static async Task<ImageSnapshot> ReadLayoutAsync(
        IOciBlobStore blobs, byte[] indexJson, string? tag, ImageReadSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(session);
        var manifest = await SelectAsync(blobs, indexJson, "index.json", tag, session, cancellationToken).ConfigureAwait(false);
        return await ReadManifestAsync(blobs, manifest, session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the image <paramref name="descriptor"/> names: an image manifest, or an index to pick a platform from.</summary>
    public static async Task<ImageSnapshot> ReadAsync(IOciBlobStore blobs, OciDescriptor descriptor, ImageReadSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(session);
        if (OciMediaTypes.IsIndex(descriptor.MediaType))
        {
            var index = await ReadBlobAsync(blobs, descriptor, "index", session, cancellationToken).ConfigureAwait(false);
            descriptor = await SelectAsync(blobs, index, $"index {descriptor.Digest}", tag: null, session, cancellationToken).ConfigureAwait(false);
        }

        return await ReadManifestAsync(blobs, descriptor, session, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<OciDescriptor> SelectAsync(
        IOciBlobStore blobs, byte[] indexJson, string where, string? tag, ImageReadSession session, CancellationToken cancellationToken)
    {
        var images = new List<OciDescriptor>();
        var unknown = new List<OciDescriptor>();
        await CollectAsync(blobs, indexJson, where, null, images, unknown, 0, session, cancellationToken).ConfigureAwait(false);
        if (tag is not null)
        {
            var named = images.Where(d => d.Annotation(OciDescriptor.RefNameAnnotation) is { } name && (name == tag || name.EndsWith(":" + tag, StringComparison.Ordinal))).ToList();
            if (named.Count == 0)
            {
                var known = images.Select(d => d.Annotation(OciDescriptor.RefNameAnnotation)).OfType<string>().Distinct().ToList();
                throw session.Error($"{where} has no image named '{tag}'; names: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
            }

            images = named;
        }

        if (images.Count == 0)
        {
            throw session.Error(unknown.Count == 0
                ? $"{where} lists no image manifest"
                : $"{where} lists no image manifest, only media types this reader does not know: {string.Join(", ", unknown.Select(d => d.MediaType).Distinct())}");
        }

        if (images.Select(d => d.Digest).Distinct().Count() == 1)
        {
            return images[0];
        }

        var wanted = session.Options.Platform;
        var matching = images.Where(d => d.Platform is { } p && wanted.Accepts(p)).DistinctBy(d => d.Digest).ToList();
        if (matching.Count >= 1 && (matching.Count == 1 || tag is not null))
        {
            return matching[0];
        }

        if (matching.Count == 0 && images.Any(d => d.Platform is not null))
        {
            var platforms = string.Join(", ", images.Select(d => d.Platform?.ToString() ?? "(none)").Distinct());
            throw session.Error($"{where} has no image for {wanted}; it has: {platforms}");
        }

        var names = string.Join(", ", images.Select(d => d.Annotation(OciDescriptor.RefNameAnnotation) ?? d.Digest).Distinct());
        throw session.Error($"{where} holds {images.Count} images for {wanted}; name one with PATH:NAME ({names})");
    }

    private static async Task CollectAsync(
        IOciBlobStore blobs,
        byte[] indexJson,
        string where,
        string? inheritedName,
        List<OciDescriptor> images,
        List<OciDescriptor> unknown,
        int depth,
        ImageReadSession session,
        CancellationToken cancellationToken)
    {
        List<OciDescriptor> manifests;
        try
        {
            using var document = JsonDocument.Parse(indexJson);
            manifests = ImageConfigParser.Property(document.RootElement, "manifests") is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().Select(m => OciDescriptor.Parse(m, where, session)).ToList()
                : throw session.Error($"{where} is not an image index: it has no manifests array");
        }
        catch (JsonException e)
        {
            throw session.Error($"{where} is not valid JSON: {e.Message}", e);
        }

        foreach (var descriptor in manifests)
        {
            var named = descriptor.Annotation(OciDescriptor.RefNameAnnotation) is null && inheritedName is not null
                ? descriptor with { Annotations = new Dictionary<string, string>(descriptor.Annotations) { [OciDescriptor.RefNameAnnotation] = inheritedName } }
                : descriptor;
            if (OciMediaTypes.IsIndex(descriptor.MediaType))
            {
                if (depth >= MaxIndexDepth)
                {
                    throw session.Error($"{where} nests indexes more than {MaxIndexDepth} deep");
                }

                var nested = await ReadBlobAsync(blobs, descriptor, "index", session, cancellationToken).ConfigureAwait(false);
                await CollectAsync(
                    blobs, nested, $"index {descriptor.Digest}", named.Annotation(OciDescriptor.RefNameAnnotation), images, unknown, depth + 1, session, cancellationToken)
                    .ConfigureAwait(false);
            }
            else if (OciMediaTypes.IsManifest(descriptor.MediaType))
            {
                if (descriptor.Annotation(ReferenceTypeAnnotation) != "attestation-manifest")
                {
                    images.Add(named);
                }
            }
            else
            {
                unknown.Add(descriptor);
            }
        }
    }

    private static async Task<ImageSnapshot> ReadManifestAsync(IOciBlobStore blobs, OciDescriptor descriptor, ImageReadSession session, CancellationToken cancellationToken)
    {
        if (!OciMediaTypes.IsManifest(descriptor.MediaType))
        {
            throw session.Error($"manifest {descriptor.Digest} has media type '{descriptor.MediaType}', which is not an image manifest this reader knows");
        }

        var where = $"manifest {descriptor.Digest}";
        var json = await ReadBlobAsync(blobs, descriptor, "manifest", session, cancellationToken).ConfigureAwait(false);
        OciDescriptor configDescriptor;
        List<OciDescriptor> layers;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            configDescriptor = OciDescriptor.Parse(ImageConfigParser.Property(root, "config"), where, session);
            layers = ImageConfigParser.Property(root, "layers") is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().Select(l => OciDescriptor.Parse(l, where, session)).ToList()
                : throw session.Error($"{where} has no layers array");
        }
        catch (JsonException e)
        {
            throw session.Error($"{where} is not valid JSON: {e.Message}", e);
        }

        var config = ImageConfigParser.Parse(await ReadBlobAsync(blobs, configDescriptor, "config", session, cancellationToken).ConfigureAwait(false), session);
        if (layers.Count != config.DiffIds.Count)
        {
            throw session.Error($"{where} lists {layers.Count} layers but its config lists {config.DiffIds.Count} diffIDs");
        }

        foreach (var layer in layers.Where(l => !OciMediaTypes.IsKnownLayer(l.MediaType)))
        {
            session.Warn($"layer {layer.Digest} has media type '{layer.MediaType}', which is not a known layer type; reading it as a tar");
        }

        var contents = new LayerContents[layers.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, session.Options.MaxParallelLayers), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, layers.Count), parallel, async (i, token) =>
        {
            var layer = layers[i];
            LayerReadResult result;
            var blob = await blobs.OpenAsync(layer, token).ConfigureAwait(false);
            await using (blob.ConfigureAwait(false))
            {
                result = await session.ReadLayerAsync(blob, i, layer.Digest, token).ConfigureAwait(false);
            }

            session.Verify(result, config.DiffIds[i], layer.Digest, layer.Size >= 0 ? layer.Size : null);
            session.Report($"read layer {i} {layer.Digest}: {result.Contents.Entries.Count} entries");
            contents[i] = result.Contents;
        }).ConfigureAwait(false);

        var infos = layers.Select((l, i) => new LayerInfo(i, config.DiffIds[i], l.Digest, l.MediaType, l.Size >= 0 ? l.Size : null)).ToList();
        var tags = descriptor.Annotation(ContainerdNameAnnotation) is { } name ? new[] { name } : [];
        return new ImageSnapshot(config.Describe(session.Reference, descriptor.Digest, infos, tags), contents);
    }

    private static async Task<byte[]> ReadBlobAsync(IOciBlobStore blobs, OciDescriptor descriptor, string what, ImageReadSession session, CancellationToken cancellationToken)
    {
        byte[] bytes;
        var stream = await blobs.OpenAsync(descriptor, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            bytes = await session.ReadMetadataAsync(stream, $"{what} {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
        }

        var actual = ImageReadSession.Sha256Digest(bytes);
        if (actual != descriptor.Digest)
        {
            throw session.Error($"{what} blob {descriptor.Digest} hashes to {actual}; it is truncated or altered");
        }

        if (descriptor.Size >= 0 && descriptor.Size != bytes.Length)
        {
            throw session.Error($"{what} blob {descriptor.Digest} is {bytes.Length} bytes but its descriptor says {descriptor.Size}");
        }

        return bytes;
    }
}
