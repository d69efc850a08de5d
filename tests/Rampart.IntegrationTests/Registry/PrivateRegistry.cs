using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Rampart.IntegrationTests.Fixtures;
using Rampart.Testing;

namespace Rampart.IntegrationTests.Registry;

/// <summary>
/// A <c>docker-registry</c> (the CNCF distribution registry Debian packages) of a test's own, on a free loopback
/// port, with the <c>http.tls</c> and <c>auth</c> sections the test gives; stopped and deleted on dispose. Tests that
/// need one fail under CI when it cannot start (<see cref="TestEnvironment.Require"/>).
/// </summary>
internal sealed class PrivateRegistry : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PrivateRegistry(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Authority => $"127.0.0.1:{Port}";

    /// <summary>Fails or skips the test unless <c>docker-registry</c>, <c>skopeo</c> and <c>openssl</c> are installed.</summary>
    public static void RequireTools()
    {
        foreach (var tool in new[] { "docker-registry", "skopeo", "openssl" })
        {
            TestEnvironment.Require(Commands.Exists(tool) ? null : $"{tool} is not installed");
        }
    }

    /// <param name="directory">Where its config, storage and log go (the test's temporary directory).</param>
    /// <param name="tls">The <c>http.tls</c> section's (certificate, key) paths, or <see langword="null"/> for plain HTTP.</param>
    /// <param name="auth">The <c>auth:</c> section, indented by two spaces, or <see langword="null"/> for none.</param>
    public static async Task<PrivateRegistry> StartAsync(string directory, (string Certificate, string Key)? tls, string? auth)
    {
        RequireTools();
        var port = FreePort();
        var storage = Directory.CreateDirectory(Path.Combine(directory, "storage")).FullName;
        var config = Path.Combine(directory, "config.yml");
        var tlsSection = tls is { } t ? $"  tls:\n    certificate: {t.Certificate}\n    key: {t.Key}\n" : string.Empty;
        await File.WriteAllTextAsync(config,
            $"version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {storage}\nhttp:\n  addr: 127.0.0.1:{port}\n{tlsSection}" +
            (auth is null ? string.Empty : $"auth:\n{auth}"));
        var start = new ProcessStartInfo("docker-registry")
        {
            ArgumentList = { "serve", config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => log.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new PrivateRegistry(process, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await registry.ListensAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                registry.Dispose();
                TestEnvironment.Require($"docker-registry did not listen on {registry.Authority} within 30 s: {string.Join(" | ", log.TakeLast(10))}");
            }

            await Task.Delay(200);
        }

        return registry;
    }

    /// <summary>Pushes <paramref name="source"/> (a skopeo transport reference) to <c>repository:tag</c> here, with the reference tool.</summary>
    public async Task<string> PushAsync(string source, string repositoryAndTag, params string[] options)
    {
        var reference = $"{Authority}/{repositoryAndTag}";
        await EngineFixture.SkopeoAsync(["copy", "--quiet", .. options, source, $"docker://{reference}"]);
        return reference;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        if (Directory.Exists(Path.Combine(_directory, "storage")))
        {
            Directory.Delete(Path.Combine(_directory, "storage"), recursive: true);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task<bool> ListensAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
