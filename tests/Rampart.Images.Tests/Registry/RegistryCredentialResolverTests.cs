using System.Runtime.Versioning;
using System.Text;
using Rampart.Images.Registry;
using Rampart.Testing;

namespace Rampart.Images.Tests.Registry;

// The credential helper is a shell script.
[SupportedOSPlatform("linux")]
public sealed class RegistryCredentialResolverTests : IDisposable
{
    // A credential helper as the Docker CLI runs one: `docker-credential-NAME get`, the server URL on stdin.
    private const string HelperScript = """
        #!/bin/sh
        [ "$1" = get ] || { echo "unexpected verb $1" >&2; exit 3; }
        read -r server
        printf '%s\n' "$server" >> "$(dirname "$0")/asked"
        case "$server" in
          registry.example:5000) printf '{"ServerURL":"%s","Username":"helper-user","Secret":"helper-secret"}' "$server" ;;
          https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"<token>","Secret":"identity-from-helper"}' "$server" ;;
          broken.example) echo "keychain is locked" >&2; exit 2 ;;
          *) echo "credentials not found in native keychain"; exit 1 ;;
        esac
        """;

    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    public RegistryCredentialResolverTests()
    {
        Directory.CreateDirectory(_temp.Combine("bin"));
        Directory.CreateDirectory(_temp.Combine("home", ".docker"));
        _environment["HOME"] = _temp.Combine("home");
        _environment["PATH"] = $"{_temp.Combine("bin")}:/usr/bin:/bin";
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Auths_Base64UserPassword_UnderAnySpellingOfTheHost()
    {
        WriteConfig("""{"auths":{"https://registry.example:5000/v2/":{"auth":"AUTH1"}}}""".Replace("AUTH1", Base64("alice:pa:ss"), StringComparison.Ordinal));

        var found = await FindAsync("registry.example:5000/app");

        Assert.NotNull(found);
        Assert.Equal("alice", found.Credentials.Username);
        Assert.Equal("pa:ss", found.Credentials.Password);
        Assert.Equal($"auths in {_temp.Combine("home", ".docker", "config.json")}", found.Source);
    }

    [Fact]
    public async Task Auths_DockerHub_IsStoredUnderTheIndexUrl()
    {
        WriteConfig("""{"auths":{"https://index.docker.io/v1/":{"auth":"AUTH1"},"other.example":{"auth":"AUTH2"}}}""".Replace("AUTH1", Base64("hubuser:hubpass"), StringComparison.Ordinal).Replace("AUTH2", Base64("x:y"), StringComparison.Ordinal));

        var found = await FindAsync("nginx");

        Assert.Equal("hubuser", found?.Credentials.Username);
        Assert.Null(await FindAsync("unrelated.example/app"));
    }

    [Fact]
    public async Task Auths_IdentityToken_IsKeptAsAnIdentityToken()
    {
        WriteConfig("""{"auths":{"myregistry.azurecr.io":{"auth":"AUTH1","identitytoken":"refresh-me"}}}""".Replace("AUTH1", Base64("00000000-0000-0000-0000-000000000000:"), StringComparison.Ordinal));

        var found = await FindAsync("myregistry.azurecr.io/app:1");

        Assert.Equal("refresh-me", found?.Credentials.IdentityToken);
        Assert.Null(found?.Credentials.Password);
        Assert.Equal("an identity token", found?.Credentials.ToString());
    }

    [Fact]
    public async Task CredHelpers_RunTheHelperNamedForTheHost_WithTheServerOnStdin()
    {
        InstallHelper("test");
        WriteConfig("""{"credHelpers":{"registry.example:5000":"test"},"auths":{"registry.example:5000":{"auth":"bm90OnVzZWQ="}}}""");

        var found = await FindAsync("registry.example:5000/team/app");

        Assert.Equal("helper-user", found?.Credentials.Username);
        Assert.Equal("helper-secret", found?.Credentials.Password);
        Assert.StartsWith("credential helper docker-credential-test (credHelpers in ", found?.Source, StringComparison.Ordinal);
        Assert.Equal(["registry.example:5000"], await File.ReadAllLinesAsync(_temp.Combine("bin", "asked")));
    }

    [Fact]
    public async Task CredsStore_TokenUsername_MeansAnIdentityToken()
    {
        InstallHelper("store");
        WriteConfig("""{"credsStore":"store"}""");

        var found = await FindAsync("library/busybox:1");

        Assert.Equal("identity-from-helper", found?.Credentials.IdentityToken);
        Assert.Null(found?.Credentials.Username);
        Assert.StartsWith("credential helper docker-credential-store (credsStore in ", found?.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helper_WithNothingStored_FallsBackToAuthsWithoutAWarning()
    {
        InstallHelper("store");
        WriteConfig("""{"credsStore":"store","auths":{"plain.example":{"auth":"AUTH1"}}}""".Replace("AUTH1", Base64("bob:secret"), StringComparison.Ordinal));

        var found = await FindAsync("plain.example/app");

        Assert.Equal("bob", found?.Credentials.Username);
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task Helper_NotOnPath_IsAWarning_AndTheImageIsTriedWithoutIt()
    {
        WriteConfig("""{"credsStore":"desktop"}""");

        var found = await FindAsync("nginx");

        Assert.Null(found);
        var warning = Assert.Single(_warnings);
        Assert.Contains("credential helper docker-credential-desktop is not on PATH (credsStore in ", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helper_Failing_IsAWarningWithItsOwnWords()
    {
        InstallHelper("test");
        WriteConfig("""{"credHelpers":{"broken.example":"test"}}""");

        var found = await FindAsync("broken.example/app");

        Assert.Null(found);
        Assert.Contains("docker-credential-test exited with 2: keychain is locked", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenCredentials_WinOverTheDockerConfig()
    {
        WriteConfig("""{"auths":{"docker.io":{"auth":"AUTH1"}}}""".Replace("AUTH1", Base64("config:user"), StringComparison.Ordinal));

        var fromConfig = await FindAsync("nginx");
        var given = await new RegistryCredentialResolver(
            Options() with { Credentials = RegistryCredentials.Basic("given", "pw") }, _warnings.Add).FindAsync(ImageReference.Parse("nginx"), CancellationToken.None);

        Assert.Equal("config", fromConfig?.Credentials.Username);
        Assert.Equal("given", given?.Credentials.Username);
        Assert.Equal("the registry settings", given?.Source);
    }

    [Fact]
    public async Task DockerConfigVariable_NamesTheDirectoryOfTheConfig()
    {
        var elsewhere = Directory.CreateDirectory(_temp.Combine("elsewhere")).FullName;
        await File.WriteAllTextAsync(Path.Combine(elsewhere, "config.json"), """{"auths":{"quay.io":{"username":"u","password":"p"}}}""");
        _environment["DOCKER_CONFIG"] = elsewhere;

        var found = await FindAsync("quay.io/org/app");

        Assert.Equal("u", found?.Credentials.Username);
        Assert.Equal("p", found?.Credentials.Password);
    }

    [Fact]
    public async Task NoConfig_NoCredentials_AndABrokenConfigIsAWarning()
    {
        Assert.Null(await FindAsync("nginx"));
        Assert.Empty(_warnings);

        WriteConfig("{ not json");
        Assert.Null(await FindAsync("nginx"));
        Assert.Contains("cannot be read", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_NeverPrintTheirSecret()
    {
        var basic = RegistryCredentials.Basic("alice", "hunter2");
        var identity = RegistryCredentials.Identity("refresh-secret", "alice");

        Assert.Equal("user alice with a password", basic.ToString());
        Assert.DoesNotContain("refresh-secret", identity.ToString(), StringComparison.Ordinal);
    }

    private RegistryOptions Options() => new() { Environment = name => _environment.TryGetValue(name, out var value) ? value : null };

    private Task<FoundCredentials?> FindAsync(string reference) =>
        new RegistryCredentialResolver(Options(), _warnings.Add).FindAsync(ImageReference.Parse(reference), CancellationToken.None);

    private void WriteConfig(string json) => File.WriteAllText(_temp.Combine("home", ".docker", "config.json"), json);

    private void InstallHelper(string name)
    {
        var path = _temp.Combine("bin", "docker-credential-" + name);
        File.WriteAllText(path, HelperScript.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
