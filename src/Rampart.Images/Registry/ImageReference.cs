using System.Text.RegularExpressions;
using Rampart.Core.Images;

namespace Rampart.Images.Registry;

/// <summary>
/// A reference to an image in a registry, <c>[host[:port]/]repository[:tag][@sha256:digest]</c>, with Docker Hub's
/// naming rules: <c>nginx</c> is <c>docker.io/library/nginx:latest</c>.
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>Docker Hub's name in references.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The host that serves Docker Hub's registry API.</summary>
    public const string DockerHubApiHost = "registry-1.docker.io";

    /// <summary>The key Docker Hub credentials are stored under in <c>~/.docker/config.json</c>.</summary>
    public const string DockerHubAuthKey = "https://index.docker.io/v1/";

    private const int MaxNameLength = 255;

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary><c>host[:port]</c> as references spell it; <see cref="DockerHub"/> for Docker Hub.</summary>
    public string Registry { get; }

    /// <summary>The repository path, <c>library/nginx</c> for an official Docker Hub image.</summary>
    public string Repository { get; }

    /// <summary>The tag; <c>latest</c> when the reference names neither tag nor digest, <see langword="null"/> when it names only a digest.</summary>
    public string? Tag { get; }

    /// <summary>The manifest digest (<c>sha256:…</c>) the reference pins, or <see langword="null"/>.</summary>
    public string? Digest { get; }

    /// <summary>The host the registry API is asked at: <see cref="DockerHubApiHost"/> for Docker Hub, else <see cref="Registry"/>.</summary>
    public string ApiHost => Registry == DockerHub ? DockerHubApiHost : Registry;

    /// <summary>What credentials are stored under in the Docker config and asked of credential helpers.</summary>
    public string AuthKey => Registry == DockerHub ? DockerHubAuthKey : Registry;

    /// <summary>What the manifest endpoint is asked for: the digest when pinned, else the tag.</summary>
    public string ManifestReference => Digest ?? Tag!;

    /// <summary>Parses a reference; the error names <paramref name="input"/> and what is wrong with it.</summary>
    /// <exception cref="ImageReadException">Not a valid reference.</exception>
    public static ImageReference Parse(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Length == 0 || input.Any(char.IsWhiteSpace))
        {
            throw Invalid(input, "an image reference is [host[:port]/]repository[:tag][@sha256:digest] with no spaces");
        }

        var rest = input;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                throw Invalid(input, digest.StartsWith("sha256:", StringComparison.Ordinal) || !digest.Contains(':', StringComparison.Ordinal)
                    ? $"'{digest}' is not a digest; expected sha256: and 64 lowercase hex digits"
                    : $"digest '{digest}' uses an algorithm this reader cannot verify; only sha256 is supported");
            }
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                throw Invalid(input, $"'{tag}' is not a valid tag (letters, digits, '_', '.', '-'; at most 128; not starting with '.' or '-')");
            }
        }

        var (registry, repository) = SplitRegistry(rest);
        if (registry.Length == 0 || !RegistryPattern().IsMatch(registry))
        {
            throw Invalid(input, $"'{registry}' is not a valid registry host[:port]");
        }

        if (repository.Length == 0)
        {
            throw Invalid(input, "the reference names no repository");
        }

        if (repository.Any(char.IsUpper))
        {
            throw Invalid(input, $"repository '{repository}' has upper-case letters; repository names must be lowercase");
        }

        if (repository.Split('/').FirstOrDefault(c => !ComponentPattern().IsMatch(c)) is { } component)
        {
            throw Invalid(input, $"'{component}' is not a valid repository path component (lowercase letters and digits, separated by '.', '_', '__' or '-')");
        }

        if (registry.Length + 1 + repository.Length > MaxNameLength)
        {
            throw Invalid(input, $"the name is longer than {MaxNameLength} characters");
        }

        return new ImageReference(registry, repository, tag ?? (digest is null ? "latest" : null), digest);
    }

    /// <summary><c>registry/repository[:tag][@digest]</c>, fully qualified.</summary>
    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? string.Empty : ":" + Tag)}{(Digest is null ? string.Empty : "@" + Digest)}";

    /// <summary>The host of <c>host[:port]</c> (brackets kept for IPv6 literals).</summary>
    internal static string HostOf(string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        return colon > 0 && colon > hostAndPort.LastIndexOf(']') ? hostAndPort[..colon] : hostAndPort;
    }

    // As the Docker CLI decides: the first component names a registry only when another follows it and it looks
    // like a host (a dot, a port, localhost, or upper case, which repositories never have).
    private static (string Registry, string Repository) SplitRegistry(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (DockerHub, "library/" + name);
        }

        var first = name[..slash];
        var looksLikeHost = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal)
            || first == "localhost" || first.Any(char.IsUpper);
        if (!looksLikeHost)
        {
            return (DockerHub, name);
        }

        var registry = first.Equals("index.docker.io", StringComparison.OrdinalIgnoreCase) ? DockerHub : first;
        var repository = name[(slash + 1)..];
        return (registry, registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal) ? "library/" + repository : repository);
    }

    private static ImageReadException Invalid(string input, string why) => new($"{input}: not a valid image reference: {why}");

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();
}
