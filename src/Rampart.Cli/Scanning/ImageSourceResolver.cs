using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Rampart.Cli.Configuration;
using Rampart.Core.Images;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.Images.Registry;
using Rampart.Images.Sources;

namespace Rampart.Cli.Scanning;

/// <summary>
/// Turns what the user typed into image sources, as DESIGN.md spells it: an explicit scheme wins; without one, an
/// existing path is recognised by its content, and anything else is a reference for the engine when one answers,
/// else for the registry.
/// </summary>
internal sealed class ImageSourceResolver(ImageReaderOptions options, RegistrySettings registry) : IDisposable
{
    private readonly Lazy<DockerEngine> _engine = new(DockerEngine.FromEnvironment);

    public async Task<IReadOnlyList<IImageSource>> ResolveAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sources = new List<IImageSource>();
        if (request.Build is { } build)
        {
            await _engine.Value.EnsureAnswersAsync(cancellationToken).ConfigureAwait(false);
            sources.Add(new DockerBuildImageSource(
                new DockerBuildRequest(build.Dockerfile.FullName, build.Context.FullName)
                {
                    BuildArgs = build.BuildArgs,
                    Target = build.Target,
                    Platform = options.Platform,
                },
                _engine.Value,
                options));
        }

        foreach (var image in request.Images)
        {
            sources.Add(await ResolveAsync(image, cancellationToken).ConfigureAwait(false));
        }

        return sources;
    }

    /// <summary>The source of one image as the user wrote it.</summary>
    public async Task<IImageSource> ResolveAsync(string image, CancellationToken cancellationToken)
    {
        var (scheme, value) = ParseScheme(image);
        if (scheme is not null && ImageSourceDetector.KindOf(scheme) is { } kind)
        {
            return ImageSourceDetector.Open(kind, value, image, options);
        }

        switch (scheme)
        {
            case ImageSourceDetector.Docker:
                return new DockerEngineImageSource(image, _engine.Value, options);
            case ImageSourceDetector.Registry:
                return new RegistryImageSource(image, RegistryOptions(), options);
        }

        if (File.Exists(value) || Directory.Exists(value))
        {
            return ImageSourceDetector.Open(ImageSourceDetector.Detect(value), value, image, options);
        }

        return await _engine.Value.IsAvailableAsync(cancellationToken).ConfigureAwait(false)
            ? new DockerEngineImageSource(image, _engine.Value, options)
            : new RegistryImageSource(image, RegistryOptions(), options);
    }

    private RegistryOptions RegistryOptions()
    {
        X509Certificate2Collection? authorities = null;
        if (registry.CaFile is { } caFile)
        {
            authorities = [];
            try
            {
                authorities.ImportFromPemFile(caFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new UsageException($"Setting 'registry:caFile': '{caFile}' cannot be read as PEM certificates: {e.Message}");
            }
        }

        if ((registry.Username is null) != (registry.Password is null))
        {
            throw new UsageException("Settings 'registry:username' and 'registry:password' go together; one of them is missing.");
        }

        return new RegistryOptions
        {
            InsecureRegistries = registry.Insecure,
            TrustedCertificates = authorities,
            Credentials = registry.Username is { } username ? RegistryCredentials.Basic(username, registry.Password!) : null,
        };
    }

    private static (string? Scheme, string Value) ParseScheme(string image)
    {
        try
        {
            return ImageSourceDetector.ParseScheme(image);
        }
        catch (ImageReadException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }
    }
}
