using System.Text.Json;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Rampart.Core.Files;
using Rampart.Core.Images;

namespace Rampart.Images.Engine;

/// <summary>
/// An image built from a Dockerfile through the engine (<c>--dockerfile</c>, <c>--context</c>, <c>--build-arg</c>,
/// <c>--target</c>, <c>--platform</c>), then read as <c>docker:IMAGE-ID</c>. Build output goes to the options'
/// progress line by line; a failed step becomes an <see cref="ImageReadException"/> carrying the builder's error.
/// </summary>
public sealed partial class DockerBuildImageSource : IImageSource
{
    /// <summary>The scheme prefix of <see cref="Reference"/>.</summary>
    public const string Scheme = "dockerfile:";

    private readonly DockerEngine _engine;
    private readonly DockerBuildRequest _request;
    private readonly ImageReaderOptions _options;

    /// <param name="request">What to build.</param>
    /// <param name="engine">The engine to build with; not disposed by this source.</param>
    /// <param name="options">Limits, parallelism and progress (build output is reported there too).</param>
    public DockerBuildImageSource(DockerBuildRequest request, DockerEngine engine, ImageReaderOptions options)
    {
        _request = request ?? throw new ArgumentNullException(nameof(request));
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Reference = Scheme + request.Dockerfile;
    }

    /// <summary><c>dockerfile:PATH</c>, the Dockerfile as the user gave it.</summary>
    public string Reference { get; }

    /// <summary>The id (<c>sha256:…</c>) of the image the last build made, once <see cref="BuildAsync"/> has run.</summary>
    public string? ImageId { get; private set; }

    /// <summary>Builds the image (once; later calls return the same id) and returns its id.</summary>
    /// <exception cref="ImageReadException">The engine does not answer, the inputs are missing, or the build fails.</exception>
    public async Task<string> BuildAsync(CancellationToken cancellationToken)
    {
        if (ImageId is not null)
        {
            return ImageId;
        }

        var context = _request.Context ?? Path.GetDirectoryName(Path.GetFullPath(_request.Dockerfile)) ?? ".";
        BuildContext.Validate(context, _request.Dockerfile);
        await _engine.EnsureAnswersAsync(cancellationToken).ConfigureAwait(false);
        var (tar, dockerfileName, entries) = await BuildContext.CreateAsync(context, _request.Dockerfile, cancellationToken).ConfigureAwait(false);
        await using (tar.ConfigureAwait(false))
        {
            _options.Progress?.Report($"build {_request.Dockerfile}: sending a context of {entries} entries ({tar.Length / 1024} KiB) to the engine at {_engine.Endpoint}");
            var parameters = new ImageBuildParameters
            {
                Dockerfile = dockerfileName,
                BuildArgs = _request.BuildArgs.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
                Target = _request.Target,
                Platform = _request.Platform?.ToString(),
                Tags = _request.Tag is null ? null : [_request.Tag],
                NoCache = _request.NoCache,
                NetworkMode = _request.NetworkMode,
                Remove = true,
                ForceRemove = true,
            };

            var output = new BuildOutput(_options.Progress, _request.Dockerfile);
            try
            {
                await _engine.Client.Images.BuildImageFromDockerfileAsync(
                    parameters, tar, authConfigs: null, headers: null, new DockerEngine.SynchronousProgress<JSONMessage>(output.Add), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is Docker.DotNet.DockerApiException or HttpRequestException or IOException)
            {
                throw _engine.Fault($"{Reference}: the build failed", e);
            }

            if (output.Error is not null)
            {
                var step = output.LastStep is null ? string.Empty : $" at {output.LastStep}";
                throw new ImageReadException($"{Reference}: the build failed{step}: {output.Error}");
            }

            var id = output.ImageId ?? throw new ImageReadException($"{Reference}: the engine at {_engine.Endpoint} ended the build without naming the image it made.");
            if (!id.StartsWith("sha256:", StringComparison.Ordinal))
            {
                // The legacy builder prints a short id; the full one comes from inspecting it.
                var inspect = await _engine.TryInspectAsync(id, cancellationToken).ConfigureAwait(false)
                    ?? throw new ImageReadException($"{Reference}: the engine reported building {id} but does not have it.");
                id = inspect.ID;
            }

            ImageId = id;
            _options.Progress?.Report($"build {_request.Dockerfile}: built {id}");
            return id;
        }
    }

    /// <summary>Builds the image, then reads it from the engine like <c>docker:IMAGE-ID</c>.</summary>
    public async Task<ImageSnapshot> ReadAsync(FileSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var id = await BuildAsync(cancellationToken).ConfigureAwait(false);
        var source = new DockerEngineImageSource(_request.Tag ?? id, _engine, _options, pullIfMissing: false);
        return await source.ReadAsync(selection, cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^Successfully built ([0-9a-f]{12,64})\s*$")]
    private static partial Regex SuccessfullyBuilt();

    /// <summary>Collects what the engine streams back while it builds.</summary>
    private sealed class BuildOutput(IProgress<string>? progress, string dockerfile)
    {
        public string? Error { get; private set; }

        public string? ImageId { get; private set; }

        /// <summary>The last <c>Step N/M : INSTRUCTION</c> line (legacy builder), to say where a build failed.</summary>
        public string? LastStep { get; private set; }

        public void Add(JSONMessage message)
        {
            if (message.Error is { Message: { Length: > 0 } error })
            {
                Error = error.Trim();
                progress?.Report($"build {dockerfile}: error: {Error}");
                return;
            }

            if (message.Aux is { } aux && ReadAuxId(aux) is { } auxId)
            {
                ImageId = auxId;
            }

            if (string.IsNullOrEmpty(message.Stream))
            {
                return;
            }

            foreach (var raw in message.Stream.Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                if (line.StartsWith("Step ", StringComparison.Ordinal))
                {
                    LastStep = line.Trim();
                }

                if (ImageId is null && SuccessfullyBuilt().Match(line) is { Success: true } built)
                {
                    ImageId = built.Groups[1].Value;
                }

                progress?.Report($"build {dockerfile}: {line}");
            }
        }

        // The engine sends {"aux":{"ID":"sha256:…"}} after a successful build (API 1.30+).
        private static string? ReadAuxId(ObjectExtensionData aux) =>
            aux.ExtensionData is { } data && data.TryGetValue("ID", out var id)
                ? id switch
                {
                    string text => text,
                    JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                    _ => null,
                }
                : null;
    }
}
