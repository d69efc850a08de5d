using System.Security.Cryptography.X509Certificates;

namespace Rampart.Images.Registry;

/// <summary>How <see cref="RegistryImageSource"/> talks to registries.</summary>
public sealed record RegistryOptions
{
    /// <summary>
    /// Registries (<c>host:port</c>, or <c>host</c> for every port) reached over plain HTTP or HTTPS with any
    /// certificate, on purpose. Every other registry is HTTPS with a certificate the system (or
    /// <see cref="TrustedCertificates"/>) trusts.
    /// </summary>
    public IReadOnlyCollection<string> InsecureRegistries { get; init; } = [];

    /// <summary>
    /// Credentials for the registry of every image read with these options (the CLI takes them from its settings,
    /// which include the environment). When absent, the Docker config is asked.
    /// </summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>The Docker config file; by default <c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.</summary>
    public string? DockerConfigPath { get; init; }

    /// <summary>Certificate authorities trusted besides the system's, for registries with a private CA.</summary>
    public X509Certificate2Collection? TrustedCertificates { get; init; }

    /// <summary>Retries of one request after HTTP 429, 5xx or a dropped connection; 0 turns retrying off.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First retry delay, doubled (with jitter) for each further retry unless the registry sends Retry-After.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before a retry, Retry-After included.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time a registry has to answer one request with its headers (a blob body may take longer).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    public static RegistryOptions Default { get; } = new();

    /// <summary>Where <c>DOCKER_CONFIG</c>, <c>HOME</c> and the <c>PATH</c> of credential helpers come from.</summary>
    internal Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Whether <paramref name="registry"/> (<c>host[:port]</c>) is one of <see cref="InsecureRegistries"/>.</summary>
    public bool IsInsecure(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var host = ImageReference.HostOf(registry);
        return InsecureRegistries.Any(entry =>
            string.Equals(entry, registry, StringComparison.OrdinalIgnoreCase)
            || (ImageReference.HostOf(entry) == entry && string.Equals(entry, host, StringComparison.OrdinalIgnoreCase)));
    }
}
