using Rampart.Testing;

namespace Rampart.IntegrationTests.Registry;

/// <summary>Self-signed certificates made with <c>openssl</c>, as an operator would make them.</summary>
internal static class TestCertificates
{
    /// <summary>An EC P-256 key and a self-signed certificate for <paramref name="subject"/>, valid for 127.0.0.1; returns the PEM paths.</summary>
    public static async Task<(string Certificate, string Key)> MakeAsync(string directory, string name, string subject)
    {
        var certificate = Path.Combine(directory, name + ".crt");
        var key = Path.Combine(directory, name + ".key");
        await Commands.RunAsync("openssl",
        [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=" + subject, "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]);
        return (certificate, key);
    }
}
