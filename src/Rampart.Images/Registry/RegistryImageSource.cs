using Rampart.Core.Files;
using Rampart.Core.Images;
using Rampart.Images.Oci;

namespace Rampart.Images.Registry;

/// <summary>
/// <c>registry:REF</c>: an image read straight from an OCI distribution registry, no engine needed. The tag resolves
/// to a manifest or index (its digest checked), the platform is picked from an index, and the config and layers are
/// streamed into the layer reader, layers in parallel, each verified against its digest.
/// </summary>
public sealed class RegistryImageSource : IImageSource
{
    /// <summary>The scheme prefix of registry references.</summary>
    public const string Scheme = "registry:";

    private readonly RegistryOptions _options;
    private readonly ImageReaderOptions _readerOptions;

    /// <param name="reference"><c>registry:[host[:port]/]repository[:tag][@sha256:…]</c>, or the same without the scheme.</param>
    /// <param name="options">Insecure registries, credentials, trusted CAs, retries.</param>
    /// <param name="readerOptions">Platform, limits, parallelism and progress.</param>
    /// <exception cref="ImageReadException">The reference is not a valid image reference.</exception>
    public RegistryImageSource(string reference, RegistryOptions options, ImageReaderOptions readerOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _readerOptions = readerOptions ?? throw new ArgumentNullException(nameof(readerOptions));
        var value = reference.StartsWith(Scheme, StringComparison.Ordinal) ? reference[Scheme.Length..] : reference;
        Reference = Scheme + value;
        Image = ImageReference.Parse(value);
    }

    public string Reference { get; }

    /// <summary>The parsed reference: registry, repository, tag, digest.</summary>
    public ImageReference Image { get; }

    public async Task<ImageSnapshot> ReadAsync(FileSelection selection, CancellationToken cancellationToken)
    {
        var session = new ImageReadSession(Reference, selection, _readerOptions);
        using var transport = new RegistryTransport(_options, session);
        using var client = new RegistryClient(Image, _options, session, transport);
        try
        {
            var resolved = await client.GetManifestAsync(Image.ManifestReference, cancellationToken).ConfigureAwait(false);
            session.Report($"{Image} is {resolved.Digest} ({resolved.MediaType})");
            var descriptor = new OciDescriptor(resolved.MediaType, resolved.Digest, resolved.Bytes.Length, null, new Dictionary<string, string>());
            var snapshot = await OciImageReader.ReadAsync(new RegistryBlobStore(client, resolved), descriptor, session, cancellationToken).ConfigureAwait(false);
            if (Image.Tag is null || snapshot.Image.RepoTags.Count > 0)
            {
                return snapshot;
            }

            return new ImageSnapshot(snapshot.Image with { RepoTags = [$"{Image.Registry}/{Image.Repository}:{Image.Tag}"] }, snapshot.Layers);
        }
        catch (Exception e) when (ImageReadSession.IsReadFault(e))
        {
            throw session.Error($"reading from {Image.Registry} failed: {e.Message}", e);
        }
    }
}
