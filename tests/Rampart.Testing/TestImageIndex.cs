using System.Text;
using System.Text.Json.Nodes;

namespace Rampart.Testing;

/// <summary>
/// An OCI image layout holding several images: a multi-platform index, with BuildKit-style attestation
/// manifests and an optional nested index, as <c>docker buildx</c> and registries write them.
/// </summary>
public sealed class TestImageIndex
{
    public const string OciIndexMediaType = "application/vnd.oci.image.index.v1+json";

    private readonly List<(TestImage Image, string? RefName)> _images = [];
    private readonly List<TestImage> _attested = [];
    private bool _nested;

    /// <summary>Adds an image; <paramref name="refName"/> becomes its <c>org.opencontainers.image.ref.name</c> annotation.</summary>
    public TestImageIndex Add(TestImage image, string? refName = null)
    {
        _images.Add((image, refName));
        return this;
    }

    /// <summary>Adds an attestation manifest (platform unknown/unknown) for <paramref name="image"/>, listed before it.</summary>
    public TestImageIndex AddAttestation(TestImage image)
    {
        _attested.Add(image);
        return this;
    }

    /// <summary>Lists the images in an index that <c>index.json</c> points at, rather than in <c>index.json</c> itself.</summary>
    public TestImageIndex Nested()
    {
        _nested = true;
        return this;
    }

    public void WriteOciLayout(string directory)
    {
        using var sink = LayoutSink.ToDirectory(directory, include: null);
        Write(sink);
    }

    /// <summary>Writes the layout as a tar; <paramref name="include"/> can leave entries out by name.</summary>
    public void WriteOciArchive(Stream output, Func<string, bool>? include = null)
    {
        using var sink = LayoutSink.ToTar(output, include);
        Write(sink);
    }

    private void Write(LayoutSink sink)
    {
        sink.File("oci-layout", TestImage.OciLayoutFile);
        var manifests = new List<JsonObject>();
        foreach (var image in _attested)
        {
            manifests.Add(WriteAttestation(sink, image));
        }

        foreach (var (image, refName) in _images)
        {
            image.WriteBlobs(sink);
            var descriptor = image.ManifestDescriptor();
            descriptor["platform"] = Platform(image.Platform.Os, image.Platform.Architecture, image.Platform.Variant);
            if (refName is not null)
            {
                descriptor["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = refName };
            }

            manifests.Add(descriptor);
        }

        if (_nested)
        {
            var nested = TestImage.Index(manifests);
            sink.File($"blobs/sha256/{TestImage.Hex(TestImageBuilder.Sha256(nested))}", nested);
            manifests = [TestImageBuilder.Descriptor(OciIndexMediaType, nested)];
        }

        sink.File("index.json", TestImage.Index(manifests));
    }

    private static JsonObject WriteAttestation(LayoutSink sink, TestImage image)
    {
        var statement = Encoding.UTF8.GetBytes("""{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://spdx.dev/Document"}""");
        var config = "{}"u8.ToArray();
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = TestImageBuilder.OciManifestMediaType,
            ["config"] = TestImageBuilder.Descriptor(TestImageBuilder.OciConfigMediaType, config),
            ["layers"] = new JsonArray(TestImageBuilder.Descriptor("application/vnd.in-toto+json", statement)),
        }.ToJsonString());
        foreach (var blob in new[] { statement, config, manifest })
        {
            sink.File($"blobs/sha256/{TestImage.Hex(TestImageBuilder.Sha256(blob))}", blob);
        }

        var descriptor = TestImageBuilder.Descriptor(TestImageBuilder.OciManifestMediaType, manifest);
        descriptor["platform"] = Platform("unknown", "unknown", null);
        descriptor["annotations"] = new JsonObject
        {
            ["vnd.docker.reference.type"] = "attestation-manifest",
            ["vnd.docker.reference.digest"] = image.ManifestDigest,
        };
        return descriptor;
    }

    private static JsonObject Platform(string os, string architecture, string? variant)
    {
        var platform = new JsonObject { ["architecture"] = architecture, ["os"] = os };
        if (variant is not null)
        {
            platform["variant"] = variant;
        }

        return platform;
    }
}
