namespace Rampart.Images.Registry;

/// <summary>
/// Credentials for a registry: a user name and password (or access token used as one), or an identity token (the
/// OAuth2 refresh token <c>docker login</c> stores for some registries). Never printed: <see cref="ToString"/> says only
/// which kind it is.
/// </summary>
public sealed class RegistryCredentials
{
    private RegistryCredentials(string? username, string? password, string? identityToken)
    {
        Username = username;
        Password = password;
        IdentityToken = identityToken;
    }

    public string? Username { get; }

    public string? Password { get; }

    /// <summary>An OAuth2 refresh token, exchanged at the token server for a registry token.</summary>
    public string? IdentityToken { get; }

    /// <summary>User name and password, sent as Basic authentication to the registry or to its token server.</summary>
    public static RegistryCredentials Basic(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        return new RegistryCredentials(username, password, null);
    }

    /// <summary>An identity (refresh) token, as <c>docker login</c> stores it in <c>identitytoken</c>.</summary>
    public static RegistryCredentials Identity(string identityToken, string? username = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityToken);
        return new RegistryCredentials(username, null, identityToken);
    }

    public override string ToString() => IdentityToken is null ? $"user {Username} with a password" : "an identity token";
}
