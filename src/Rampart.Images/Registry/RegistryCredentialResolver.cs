using System.Text;
using System.Text.Json;

namespace Rampart.Images.Registry;

/// <summary>Credentials found for a registry, and where they came from (for messages; never the secret itself).</summary>
internal sealed record FoundCredentials(RegistryCredentials Credentials, string Source);

/// <summary>
/// Finds credentials for a registry: the ones given in the options, else the Docker config as the Docker CLI reads it:
/// its <c>credHelpers</c> entry for the host, its <c>credsStore</c>, and its <c>auths</c> entry (<c>auth</c> is
/// base64 <c>user:password</c>; <c>identitytoken</c> an OAuth2 refresh token). A helper that cannot be run is a
/// warning, not an error: a public image needs no credentials.
/// </summary>
internal sealed class RegistryCredentialResolver(RegistryOptions options, Action<string> warn)
{
    private static readonly string[] DockerHubKeys = ["index.docker.io", "docker.io", "registry-1.docker.io"];

    public async Task<FoundCredentials?> FindAsync(ImageReference image, CancellationToken cancellationToken)
    {
        if (options.Credentials is { } given)
        {
            return new FoundCredentials(given, "the registry settings");
        }

        return await FromDockerConfigAsync(image, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The Docker config file these options read.</summary>
    public string DockerConfigPath =>
        options.DockerConfigPath
        ?? (options.Environment("DOCKER_CONFIG") is { Length: > 0 } directory
            ? Path.Combine(directory, "config.json")
            : Path.Combine(options.Environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "config.json"));

    private async Task<FoundCredentials?> FromDockerConfigAsync(ImageReference image, CancellationToken cancellationToken)
    {
        var path = DockerConfigPath;
        if (!File.Exists(path))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            warn($"{path} cannot be read ({e.Message}); its credentials are not used");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                warn($"{path} is not a JSON object; its credentials are not used");
                return null;
            }

            var helper = Lookup(root, "credHelpers", image) is { ValueKind: JsonValueKind.String } named ? named.GetString() : null;
            var helperKind = "credHelpers";
            if (string.IsNullOrEmpty(helper) && Property(root, "credsStore") is { ValueKind: JsonValueKind.String } store)
            {
                helper = store.GetString();
                helperKind = "credsStore";
            }

            if (!string.IsNullOrEmpty(helper))
            {
                var (credentials, problem) = await CredentialHelper.GetAsync(helper, image.AuthKey, options.Environment, cancellationToken).ConfigureAwait(false);
                if (credentials is not null)
                {
                    return new FoundCredentials(credentials, $"credential helper docker-credential-{helper} ({helperKind} in {path})");
                }

                if (problem is not null)
                {
                    warn($"{problem} ({helperKind} in {path}); trying {image.Registry} without its credentials");
                }
            }

            return Lookup(root, "auths", image) is { ValueKind: JsonValueKind.Object } entry ? FromAuthEntry(entry, path) : null;
        }
    }

    private FoundCredentials? FromAuthEntry(JsonElement entry, string path)
    {
        string? username = null;
        string? password = null;
        if (Property(entry, "auth") is { ValueKind: JsonValueKind.String } auth && auth.GetString() is { Length: > 0 } encoded)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                warn($"an 'auth' entry in {path} is not base64; it is not used");
                return null;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                warn($"an 'auth' entry in {path} is not user:password in base64; it is not used");
                return null;
            }

            (username, password) = (decoded[..colon], decoded[(colon + 1)..]);
        }
        else
        {
            username = Property(entry, "username") is { ValueKind: JsonValueKind.String } u ? u.GetString() : null;
            password = Property(entry, "password") is { ValueKind: JsonValueKind.String } p ? p.GetString() : null;
        }

        var source = $"auths in {path}";
        if (Property(entry, "identitytoken") is { ValueKind: JsonValueKind.String } identity && identity.GetString() is { Length: > 0 } token)
        {
            return new FoundCredentials(RegistryCredentials.Identity(token, username), source);
        }

        return !string.IsNullOrEmpty(username) && password is not null
            ? new FoundCredentials(RegistryCredentials.Basic(username, password), source)
            : null;
    }

    // Keys are spelled as the client that wrote them pleased: host, host:port, https://host, https://host/v1/.
    private static JsonElement? Lookup(JsonElement root, string section, ImageReference image)
    {
        if (Property(root, section) is not { ValueKind: JsonValueKind.Object } entries)
        {
            return null;
        }

        foreach (var entry in entries.EnumerateObject())
        {
            var key = NormalizeKey(entry.Name);
            var matches = image.Registry == ImageReference.DockerHub
                ? DockerHubKeys.Contains(key, StringComparer.OrdinalIgnoreCase)
                : string.Equals(key, image.Registry, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return entry.Value;
            }
        }

        return null;
    }

    private static string NormalizeKey(string key)
    {
        var scheme = key.IndexOf("://", StringComparison.Ordinal);
        var rest = scheme >= 0 ? key[(scheme + 3)..] : key;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? rest[..slash] : rest;
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;
}
