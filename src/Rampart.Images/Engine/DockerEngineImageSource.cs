using Docker.DotNet.Models;
using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Archives;
using Platform = Rampart.Core.Images.Platform;

namespace Rampart.Images.Engine;

/// <summary>
/// <c>docker:REF</c>: an image in a Docker engine. Inspects it, pulls it when the engine does not have it, then reads
/// the engine's <c>docker save</c> stream directly (no temporary file) with <see cref="DockerArchiveReader"/>.
/// </summary>
public sealed class DockerEngineImageSource : IImageSource
{
    /// <summary>The scheme prefix of engine references.</summary>
    public const string Scheme = "docker:";

    private readonly DockerEngine _engine;
    private readonly ImageReaderOptions _options;
    private readonly bool _pullIfMissing;

    /// <param name="reference"><c>docker:name[:tag][@digest]</c>, <c>docker:IMAGE-ID</c>, or the same without the scheme.</param>
    /// <param name="engine">The engine to ask; not disposed by this source.</param>
    /// <param name="options">Platform (for pulls), limits, parallelism and progress.</param>
    /// <param name="pullIfMissing">Pull the image when the engine does not have it (the default, as <c>docker run</c> does).</param>
    public DockerEngineImageSource(string reference, DockerEngine engine, ImageReaderOptions options, bool pullIfMissing = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _pullIfMissing = pullIfMissing;
        ImageName = reference.StartsWith(Scheme, StringComparison.Ordinal) ? reference[Scheme.Length..] : reference;
        if (string.IsNullOrWhiteSpace(ImageName))
        {
            throw new ImageReadException($"'{reference}' names no image; expected docker:NAME[:TAG] or docker:IMAGE-ID.");
        }

        Reference = Scheme + ImageName;
    }

    public string Reference { get; }

    /// <summary>The reference without its scheme, as the engine takes it.</summary>
    public string ImageName { get; }

    public async Task<ImageSnapshot> ReadAsync(FileSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var inspect = await _engine.InspectOrPullAsync(ImageName, _pullIfMissing, _options.Platform, _options.Progress, cancellationToken)
            .ConfigureAwait(false);
        WarnOnPlatform(inspect);

        // Save by the id just inspected, not by the name: a tag moved meanwhile cannot swap the image under us. The
        // archive is then untagged; the tags come from the inspection.
        _options.Progress?.Report($"read {Reference}: streaming {ShortId(inspect.ID)} from the engine at {_engine.Endpoint}");
        Stream archive;
        try
        {
            archive = new EngineResponseStream(await _engine.Client.Images.SaveImageAsync(inspect.ID, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is Docker.DotNet.DockerApiException or HttpRequestException or IOException)
        {
            throw _engine.Fault($"{Reference}: the Docker engine at {_engine.Endpoint} could not save the image", e);
        }

        ImageSnapshot snapshot;
        await using (archive.ConfigureAwait(false))
        {
            snapshot = await DockerArchiveReader.ReadAsync(archive, Reference, selection, _options, cancellationToken).ConfigureAwait(false);
        }

        // The engine knows the manifest digest of a pulled image (RepoDigests); the saved archive does not carry it.
        var image = snapshot.Image with
        {
            ManifestDigest = snapshot.Image.ManifestDigest ?? ManifestDigest(inspect),
            RepoTags = [.. (inspect.RepoTags ?? []).Union(snapshot.Image.RepoTags, StringComparer.Ordinal)],
        };
        return new ImageSnapshot(image, snapshot.Layers);
    }

    private string? ManifestDigest(ImageInspectResponse inspect)
    {
        var digests = inspect.RepoDigests ?? [];
        var at = ImageName.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return ImageName[(at + 1)..];
        }

        if (ImageReferences.IsImageId(ImageName))
        {
            return digests.Count == 1 ? DigestOf(digests[0]) : null;
        }

        var repository = ImageReferences.Repository(ImageName);
        foreach (var repoDigest in digests)
        {
            var separator = repoDigest.IndexOf('@', StringComparison.Ordinal);
            if (separator > 0 && RepositoryMatches(repoDigest[..separator], repository))
            {
                return repoDigest[(separator + 1)..];
            }
        }

        return null;
    }

    // Docker Hub names come back fully qualified or not depending on the engine: nginx, library/nginx, docker.io/library/nginx.
    private static bool RepositoryMatches(string listed, string asked) =>
        string.Equals(Unqualify(listed), Unqualify(asked), StringComparison.Ordinal);

    private static string Unqualify(string repository)
    {
        foreach (var prefix in new[] { "docker.io/", "index.docker.io/", "library/" })
        {
            if (repository.StartsWith(prefix, StringComparison.Ordinal))
            {
                repository = repository[prefix.Length..];
            }
        }

        return repository;
    }

    private static string? DigestOf(string repoDigest)
    {
        var separator = repoDigest.IndexOf('@', StringComparison.Ordinal);
        return separator > 0 ? repoDigest[(separator + 1)..] : null;
    }

    private void WarnOnPlatform(ImageInspectResponse inspect)
    {
        if (string.IsNullOrEmpty(inspect.Os) || string.IsNullOrEmpty(inspect.Architecture))
        {
            return;
        }

        var actual = new Platform(inspect.Os, inspect.Architecture, string.IsNullOrEmpty(inspect.Variant) ? null : inspect.Variant);
        if (!_options.Platform.Accepts(actual))
        {
            _options.Progress?.Report($"warning: {Reference} is a {actual} image; reading it as it is, not as {_options.Platform}");
        }
    }

    private static string ShortId(string id) =>
        id.StartsWith("sha256:", StringComparison.Ordinal) && id.Length >= 19 ? id[..19] : id;
}
