using System.Text;
using System.Text.Json.Nodes;
using Rampart.Core.Images;

namespace Rampart.Testing;

/// <summary>The layout of a <c>docker save</c> archive.</summary>
public enum DockerArchiveLayout
{
    /// <summary><c>&lt;id&gt;/layer.tar</c>, <c>&lt;config&gt;.json</c>, <c>manifest.json</c>; identical layers linked.</summary>
    Legacy,

    /// <summary>Docker 25+: an OCI layout (<c>blobs/sha256/…</c>, <c>index.json</c>) plus <c>manifest.json</c>, written last.</summary>
    Oci,
}

/// <summary>An image built by <see cref="TestImageBuilder"/>, with real digests, that writes itself in each format.</summary>
public sealed class TestImage
{
    internal TestImage(
        IReadOnlyList<TestImageLayer> layers, byte[] configJson, byte[] manifestJson, string manifestMediaType, Platform platform, IReadOnlyList<string> repoTags)
    {
        Layers = layers;
        ConfigJson = configJson;
        ManifestJson = manifestJson;
        ManifestMediaType = manifestMediaType;
        Platform = platform;
        RepoTags = repoTags;
    }

    public IReadOnlyList<TestImageLayer> Layers { get; }

    public byte[] ConfigJson { get; }

    /// <summary>sha256 of <see cref="ConfigJson"/>: the image id.</summary>
    public string ConfigDigest => TestImageBuilder.Sha256(ConfigJson);

    /// <summary>The OCI image manifest.</summary>
    public byte[] ManifestJson { get; }

    public string ManifestDigest => TestImageBuilder.Sha256(ManifestJson);

    public string ManifestMediaType { get; }

    public Platform Platform { get; }

    public IReadOnlyList<string> RepoTags { get; }

    /// <summary>Writes a <c>docker save</c> tar; <paramref name="include"/> can leave entries out (by name) to make broken archives.</summary>
    public void WriteDockerArchive(Stream output, DockerArchiveLayout layout = DockerArchiveLayout.Legacy, Func<string, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var sink = LayoutSink.ToTar(output, include);
        if (layout == DockerArchiveLayout.Legacy)
        {
            WriteLegacy(sink);
        }
        else
        {
            WriteBlobs(sink);
            sink.File("oci-layout", OciLayoutFile);
            sink.File("index.json", Index([ManifestDescriptor()]));
            sink.File("manifest.json", DockerManifest($"blobs/sha256/{Hex(ConfigDigest)}", Layers.Select(l => $"blobs/sha256/{Hex(l.Digest)}")));
        }
    }

    /// <summary>The docker-archive as bytes.</summary>
    public byte[] ToDockerArchive(DockerArchiveLayout layout = DockerArchiveLayout.Legacy)
    {
        using var output = new MemoryStream();
        WriteDockerArchive(output, layout);
        return output.ToArray();
    }

    /// <summary>Writes an OCI image layout directory holding this image alone.</summary>
    public void WriteOciLayout(string directory) => new TestImageIndex().Add(this).WriteOciLayout(directory);

    /// <summary>Writes a tar of an OCI image layout holding this image alone.</summary>
    public void WriteOciArchive(Stream output) => new TestImageIndex().Add(this).WriteOciArchive(output);

    internal static byte[] OciLayoutFile => """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray();

    internal JsonObject ManifestDescriptor() => TestImageBuilder.Descriptor(ManifestMediaType, ManifestJson);

    internal void WriteBlobs(LayoutSink sink)
    {
        sink.Directory("blobs/sha256");
        foreach (var layer in Layers.DistinctBy(l => l.Digest))
        {
            sink.File($"blobs/sha256/{Hex(layer.Digest)}", layer.Blob);
        }

        sink.File($"blobs/sha256/{Hex(ConfigDigest)}", ConfigJson);
        sink.File($"blobs/sha256/{Hex(ManifestDigest)}", ManifestJson);
    }

    internal static byte[] Index(IEnumerable<JsonObject> manifests) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["schemaVersion"] = 2,
        ["mediaType"] = TestImageIndex.OciIndexMediaType,
        ["manifests"] = new JsonArray(manifests.Select(m => (JsonNode)m).ToArray()),
    }.ToJsonString());

    internal static string Hex(string digest) => digest["sha256:".Length..];

    private void WriteLegacy(LayoutSink sink)
    {
        var names = new List<string>();
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        var parent = string.Empty;
        foreach (var layer in Layers)
        {
            var id = Hex(TestImageBuilder.Sha256(Encoding.UTF8.GetBytes(parent + layer.DiffId)));
            parent = id;
            var name = $"{id}/layer.tar";
            sink.Directory(id);
            sink.File($"{id}/VERSION", "1.0"u8.ToArray());
            sink.File($"{id}/json", Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id }.ToJsonString()));
            if (written.TryGetValue(layer.Digest, out var first))
            {
                sink.Symlink(name, $"../{first}");
            }
            else
            {
                sink.File(name, layer.Blob);
                written[layer.Digest] = name;
            }

            names.Add(name);
        }

        var config = $"{Hex(ConfigDigest)}.json";
        sink.File(config, ConfigJson);
        sink.File("manifest.json", DockerManifest(config, names));
        sink.File("repositories", "{}"u8.ToArray());
    }

    private byte[] DockerManifest(string config, IEnumerable<string> layers) => Encoding.UTF8.GetBytes(new JsonArray(new JsonObject
    {
        ["Config"] = config,
        [nameof(RepoTags)] = new JsonArray(RepoTags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray()),
        [nameof(Layers)] = new JsonArray(layers.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
    }).ToJsonString());
}
