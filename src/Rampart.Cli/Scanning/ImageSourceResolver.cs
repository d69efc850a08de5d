using Rampart.Core.Images;
using Rampart.Images;
using Rampart.Images.Engine;
using Rampart.Images.Sources;

namespace Rampart.Cli.Scanning;

/// <summary>
/// Turns what the user typed into image sources, as DESIGN.md spells it: an explicit scheme wins; without one, an
/// existing path is recognised by its content, and anything else is a reference for the engine.
/// </summary>
internal sealed class ImageSourceResolver(ImageReaderOptions options) : IDisposable
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

    private async Task<IImageSource> ResolveAsync(string image, CancellationToken cancellationToken)
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
                throw new UsageException($"'{image}': reading straight from a registry is not available in this version; use docker:{value} with a Docker engine, or an archive.");
        }

        if (File.Exists(value) || Directory.Exists(value))
        {
            return ImageSourceDetector.Open(ImageSourceDetector.Detect(value), value, image, options);
        }

        if (await _engine.Value.IsAvailableAsync(cancellationToken).ConfigureAwait(false))
        {
            return new DockerEngineImageSource(image, _engine.Value, options);
        }

        throw new ImageReadException(
            $"'{image}' is not a file or directory here, and no Docker engine answers at {_engine.Value.Endpoint} to look it up " +
            "(reading from a registry without an engine is not available in this version).");
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
