using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Rampart.IntegrationTests.Registry;

/// <summary>
/// A token server as the distribution token spec describes it, on loopback: <c>GET /token?service=&amp;scope=</c>,
/// Basic credentials optional, answering <c>{"token": JWT}</c>. The JWT is ES256-signed with a key whose certificate
/// is in the registry's <c>rootcertbundle</c> (sent in the <c>x5c</c> header). A known user gets every action it
/// asks for; an anonymous client gets <c>pull</c> on repositories under <c>public/</c> and nothing else.
/// </summary>
internal sealed class TokenServer : IDisposable
{
    public const string Service = "rampart-test-registry";
    public const string Issuer = "rampart-test-token-issuer";

    private readonly HttpListener _listener;
    private readonly ECDsa _key;
    private readonly string _certificate;
    private readonly (string User, string Password) _user;
    private readonly ConcurrentQueue<(string Query, bool Authenticated)> _requests = new();

    private TokenServer(HttpListener listener, int port, ECDsa key, string certificate, (string, string) user)
    {
        _listener = listener;
        _key = key;
        _certificate = certificate;
        _user = user;
        Port = port;
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Authority => $"127.0.0.1:{Port}";

    public string Realm => $"http://{Authority}/token";

    /// <summary>Each token request: its query, and whether it came with the right credentials.</summary>
    public IReadOnlyList<(string Query, bool Authenticated)> Requests => [.. _requests];

    public static TokenServer Start(string certificatePem, string keyPem, (string User, string Password) user)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPem));
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePem));
        var der = Convert.ToBase64String(certificate.RawData);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        return new TokenServer(listener, port, key, der, user);
    }

    /// <summary>The registry's <c>auth:</c> section for this server, indented for <see cref="PrivateRegistry.StartAsync"/>.</summary>
    public string RegistryAuthSection(string rootCertificateBundle) =>
        $"  token:\n    realm: {Realm}\n    service: {Service}\n    issuer: {Issuer}\n    rootcertbundle: {rootCertificateBundle}\n";

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _key.Dispose();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var authorization = request.Headers["Authorization"];
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user.User}:{_user.Password}"));
        var authenticated = authorization == expected;
        _requests.Enqueue((request.Url!.Query, authenticated));
        if (authorization is not null && !authenticated)
        {
            Write(context.Response, 401, """{"details":"incorrect username or password"}""");
            return;
        }

        var access = (request.QueryString.GetValues("scope") ?? [])
            .SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(scope => Grant(scope, authenticated))
            .Where(a => a is not null)
            .ToList();
        Write(context.Response, 200, JsonSerializer.Serialize(new { token = Sign(access!, authenticated ? _user.User : string.Empty), expires_in = 300 }));
    }

    private static object? Grant(string scope, bool authenticated)
    {
        var first = scope.IndexOf(':', StringComparison.Ordinal);
        var last = scope.LastIndexOf(':');
        if (first < 0 || last <= first)
        {
            return null;
        }

        var name = scope[(first + 1)..last];
        var asked = scope[(last + 1)..].Split(',');
        var actions = authenticated ? asked : asked.Where(a => a == "pull" && name.StartsWith("public/", StringComparison.Ordinal)).ToArray();
        return new { type = scope[..first], name, actions };
    }

    private string Sign(IReadOnlyList<object> access, string subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new { typ = "JWT", alg = "ES256", x5c = new[] { _certificate } });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = Issuer,
            sub = subject,
            aud = Service,
            exp = now + 300,
            nbf = now - 10,
            iat = now,
            jti = Guid.NewGuid().ToString("N"),
            access,
        });
        var signingInput = $"{Base64Url(header)}.{Base64Url(claims)}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void Write(HttpListenerResponse response, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }
}
