using System.Text.Json;
using Rampart.Images.Config;

namespace Rampart.Images.Archives;

/// <summary>One image of a docker-archive's <c>manifest.json</c>: where its config and layers are in the archive.</summary>
internal sealed record DockerArchiveManifest(string Config, IReadOnlyList<string> RepoTags, IReadOnlyList<string> Layers)
{
    /// <summary>
    /// The image <paramref name="manifestJson"/> describes; with several images, the one whose tag ends the reference
    /// (<c>docker:nginx:1.27</c> picks <c>nginx:1.27</c>).
    /// </summary>
    public static DockerArchiveManifest Pick(byte[] manifestJson, ImageReadSession session)
    {
        List<DockerArchiveManifest> images;
        try
        {
            using var document = JsonDocument.Parse(manifestJson);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw session.Error("manifest.json is not a JSON array of images");
            }

            images = document.RootElement.EnumerateArray().Select(image => Parse(image, session)).ToList();
        }
        catch (JsonException e)
        {
            throw session.Error($"manifest.json is not valid JSON: {e.Message}", e);
        }

        switch (images.Count)
        {
            case 0:
                throw session.Error("manifest.json lists no image");
            case 1:
                return images[0];
        }

        var tagged = images.Where(i => i.RepoTags.Any(t => session.Reference == t || session.Reference.EndsWith(":" + t, StringComparison.Ordinal))).ToList();
        if (tagged.Count == 1)
        {
            return tagged[0];
        }

        var tags = string.Join(", ", images.SelectMany(i => i.RepoTags.DefaultIfEmpty("(untagged)")));
        throw session.Error($"the archive holds {images.Count} images and the reference names none of them; tags: {tags}");
    }

    private static DockerArchiveManifest Parse(JsonElement image, ImageReadSession session)
    {
        var config = ImageConfigParser.Property(image, "Config") is { ValueKind: JsonValueKind.String } c
            ? c.GetString()!
            : throw session.Error("manifest.json lists an image without Config");
        var layers = ImageConfigParser.Property(image, "Layers") is { ValueKind: JsonValueKind.Array } l
            ? l.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw session.Error("manifest.json lists a layer that is not a string")).ToList()
            : throw session.Error("manifest.json lists an image without Layers");
        var tags = ImageConfigParser.Property(image, "RepoTags") is { ValueKind: JsonValueKind.Array } t
            ? t.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        return new DockerArchiveManifest(Normalize(config, session), tags, layers.Select(layer => Normalize(layer, session)).ToList());
    }

    private static string Normalize(string name, ImageReadSession session) =>
        ArchiveNames.Normalize(name) ?? throw session.Error($"manifest.json names '{name}', above the archive root; refusing a hostile archive");
}
