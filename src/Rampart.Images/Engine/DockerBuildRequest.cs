using Rampart.Core.Images;

namespace Rampart.Images.Engine;

/// <summary>What to build: <c>--dockerfile PATH [--context DIR] [--build-arg K=V]... [--target NAME] [--platform P]</c>.</summary>
public sealed record DockerBuildRequest
{
    /// <param name="dockerfile">Path of the Dockerfile on this machine.</param>
    /// <param name="context">Build context directory; <see langword="null"/> for the Dockerfile's directory.</param>
    public DockerBuildRequest(string dockerfile, string? context = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerfile);
        Dockerfile = dockerfile;
        Context = context;
    }

    /// <summary>Path of the Dockerfile as the user gave it.</summary>
    public string Dockerfile { get; }

    /// <summary>The build context as the user gave it, or <see langword="null"/> for the Dockerfile's directory.</summary>
    public string? Context { get; }

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The stage to build (<c>--target</c>); the last stage when <see langword="null"/>.</summary>
    public string? Target { get; init; }

    /// <summary>The platform to build for; the engine's own when <see langword="null"/>.</summary>
    public Platform? Platform { get; init; }

    /// <summary>A tag to give the built image (<c>name:tag</c>); untagged when <see langword="null"/>.</summary>
    public string? Tag { get; init; }

    /// <summary>Build every step anew instead of reusing the engine's cache.</summary>
    public bool NoCache { get; init; }

    /// <summary>
    /// Network of the RUN steps. <c>host</c> works on engines without a bridge network (rootless, <c>--bridge=none</c>)
    /// and everywhere else; <c>default</c> is the engine's bridge.
    /// </summary>
    public string NetworkMode { get; init; } = "host";

    /// <summary>
    /// Parses <c>K=V</c> build arguments as the command line takes them; <c>K</c> alone takes the value of the
    /// environment variable <c>K</c>, as <c>docker build</c> does, and is dropped when it is not set.
    /// </summary>
    /// <exception cref="ArgumentException">An argument has no name.</exception>
    public static IReadOnlyDictionary<string, string> ParseBuildArgs(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? argument : argument[..equals];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"--build-arg '{argument}' has no name; expected NAME=VALUE.", nameof(arguments));
            }

            if (equals >= 0)
            {
                parsed[name] = argument[(equals + 1)..];
            }
            else if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                parsed[name] = value;
            }
        }

        return parsed;
    }
}
