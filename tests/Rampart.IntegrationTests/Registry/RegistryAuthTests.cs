using System.Security.Cryptography.X509Certificates;
using Rampart.Core.Images;
using Rampart.Images;
using Rampart.Images.Registry;
using Rampart.Images.Sources;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Registry;

/// <summary>
/// <c>registry:</c> against registries of the tests' own that demand credentials: Basic auth (htpasswd) over TLS with
/// a self-signed certificate the test trusts through <see cref="RegistryOptions.TrustedCertificates"/>, and token auth
/// with a token server in front (JWTs signed by the test's key, verified by the registry).
/// </summary>
public sealed class RegistryAuthTests : IDisposable
{
    private const string User = "rampart";
    private const string Password = "rampart-test-password";

    // `htpasswd -Bbn rampart rampart-test-password` (apache2-utils): a bcrypt line the registry's htpasswd auth reads.
    private const string HtpasswdLine = "rampart:$2y$05$mKKmWO6Tnb2XNUXehc2c4OOQRKA0J29vmNCrtQGH2lRw129SN6Uc6";

    private readonly TempDirectory _temp = new();
    private readonly TestImage _image = new TestImageBuilder()
        .Created(RegistrySourceTests.GoReadableCreated)
        .Layer(l => l.Directory("/etc/").File("/etc/os-release", "ID=test\n").File("/etc/passwd", "root:x:0:0::/root:/bin/sh\n"))
        .Layer(l => l.Whiteout("/etc/passwd").File("/etc/motd", "private"))
        .Build();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task Basic_auth_over_tls_with_a_trusted_self_signed_certificate()
    {
        PrivateRegistry.RequireTools();
        var tls = await TestCertificates.MakeAsync(_temp.Path, "registry", "127.0.0.1");
        var htpasswd = _temp.Combine("htpasswd");
        await File.WriteAllTextAsync(htpasswd, HtpasswdLine + "\n");
        using var registry = await PrivateRegistry.StartAsync(
            Directory.CreateDirectory(_temp.Combine("basic")).FullName, tls, $"  htpasswd:\n    realm: rampart-test\n    path: {htpasswd}\n");
        var archive = await ArchiveAsync();
        var pushed = await registry.PushAsync($"docker-archive:{archive}", "private/app:1", "--dest-tls-verify=false", "--dest-creds", $"{User}:{Password}");
        var trusted = new X509Certificate2Collection();
        trusted.ImportFromPemFile(tls.Certificate);
        var options = new RegistryOptions { TrustedCertificates = trusted, Credentials = RegistryCredentials.Basic(User, Password), DockerConfigPath = NoDockerConfig };

        var snapshot = await new RegistryImageSource($"registry:{pushed}", options, ImageReaderOptions.Default).ReadAsync(RegistrySourceTests.Selection, CancellationToken.None);
        var untrusted = await ReadFailsAsync(pushed, options with { TrustedCertificates = null });
        var wrong = await ReadFailsAsync(pushed, options with { Credentials = RegistryCredentials.Basic(User, "not-the-password") });
        var none = await ReadFailsAsync(pushed, options with { Credentials = null });

        RegistrySourceTests.AssertSameEntries(await ReadArchiveAsync(archive), snapshot);
        Assert.Equal("private", RegistrySourceTests.Text(snapshot, "/etc/motd"));
        Assert.Contains($"TLS with {registry.Authority} failed", untrusted.Message, StringComparison.Ordinal);
        Assert.Contains($"{registry.Authority} refused access to private/app (401 Unauthorized): UNAUTHORIZED: authentication required", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("The credentials from the registry settings (user rampart with a password) were used", wrong.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", wrong.Message, StringComparison.Ordinal);
        Assert.Contains($"No credentials were found for {registry.Authority}", none.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Token_auth_with_a_token_server_in_front_of_the_registry()
    {
        PrivateRegistry.RequireTools();
        var signing = await TestCertificates.MakeAsync(_temp.Path, "token", TokenServer.Issuer);
        using var tokens = TokenServer.Start(signing.Certificate, signing.Key, (User, Password));
        using var registry = await PrivateRegistry.StartAsync(
            Directory.CreateDirectory(_temp.Combine("token")).FullName, tls: null, tokens.RegistryAuthSection(signing.Certificate));
        var archive = await ArchiveAsync();
        var creds = $"{User}:{Password}";
        var privateImage = await registry.PushAsync($"docker-archive:{archive}", "private/app:1", "--dest-tls-verify=false", "--dest-creds", creds);
        var publicImage = await registry.PushAsync($"docker-archive:{archive}", "public/app:1", "--dest-tls-verify=false", "--dest-creds", creds);
        var options = new RegistryOptions { InsecureRegistries = [registry.Authority, tokens.Authority], DockerConfigPath = NoDockerConfig };
        var withCredentials = options with { Credentials = RegistryCredentials.Basic(User, Password) };
        var expected = await ReadArchiveAsync(archive);
        var before = tokens.Requests.Count;

        var authenticated = await new RegistryImageSource($"registry:{privateImage}", withCredentials, ImageReaderOptions.Default).ReadAsync(RegistrySourceTests.Selection, CancellationToken.None);
        var anonymous = await new RegistryImageSource($"registry:{publicImage}", options, ImageReaderOptions.Default).ReadAsync(RegistrySourceTests.Selection, CancellationToken.None);
        var denied = await ReadFailsAsync(privateImage, options);
        var refused = await ReadFailsAsync(privateImage, options with { Credentials = RegistryCredentials.Basic(User, "not-the-password") });

        RegistrySourceTests.AssertSameEntries(expected, authenticated);
        RegistrySourceTests.AssertSameEntries(expected, anonymous);
        var asked = tokens.Requests.Skip(before).ToList();
        Assert.Equal(
            [
                ($"?service={TokenServer.Service}&scope=repository%3Aprivate%2Fapp%3Apull", true),
                ($"?service={TokenServer.Service}&scope=repository%3Apublic%2Fapp%3Apull", false),

                // Anonymous on a private repository: the token grants nothing, the registry answers 401, and the
                // client asks once more (a token may have expired) before it reports the registry's refusal.
                ($"?service={TokenServer.Service}&scope=repository%3Aprivate%2Fapp%3Apull", false),
                ($"?service={TokenServer.Service}&scope=repository%3Aprivate%2Fapp%3Apull", false),
                ($"?service={TokenServer.Service}&scope=repository%3Aprivate%2Fapp%3Apull", false),
            ],
            asked);
        Assert.Contains($"{registry.Authority} refused access to private/app (401 Unauthorized): UNAUTHORIZED: authentication required", denied.Message, StringComparison.Ordinal);
        Assert.Contains(
            $"the token server {tokens.Authority} refused a token for the credentials from the registry settings for repository:private/app:pull: 401 Unauthorized: incorrect username or password",
            refused.Message,
            StringComparison.Ordinal);
    }

    // Credentials come only from the options: no user's Docker config takes part.
    private string NoDockerConfig => _temp.Combine("no-docker-config.json");

    private async Task<string> ArchiveAsync()
    {
        var path = _temp.Combine("image.tar");
        if (!File.Exists(path))
        {
            await File.WriteAllBytesAsync(path, _image.ToDockerArchive());
        }

        return path;
    }

    private static Task<ImageSnapshot> ReadArchiveAsync(string archive) =>
        new DockerArchiveSource(archive, "docker-archive:" + archive, ImageReaderOptions.Default).ReadAsync(RegistrySourceTests.Selection, CancellationToken.None);

    private static Task<ImageReadException> ReadFailsAsync(string reference, RegistryOptions options) =>
        Assert.ThrowsAsync<ImageReadException>(() =>
            new RegistryImageSource($"registry:{reference}", options, ImageReaderOptions.Default).ReadAsync(RegistrySourceTests.Selection, CancellationToken.None));
}
