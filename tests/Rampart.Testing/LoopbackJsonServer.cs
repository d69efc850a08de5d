using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rampart.Testing;

/// <summary>An answer to a request: a status, headers and a JSON body.</summary>
public sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// An HTTP server on 127.0.0.1 answering JSON, for the fakes of GitHub and Azure DevOps. A handler that throws is
/// answered with a 500 and reported through <c>failed</c>, so a broken fake shows as a violation, never a hung test.
/// </summary>
public sealed class LoopbackJsonServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, Reply> _handle;
    private readonly Func<HttpListenerRequest, Exception, Reply> _failed;

    public LoopbackJsonServer(Func<HttpListenerRequest, Reply> handle, Func<HttpListenerRequest, Exception, Reply> failed)
    {
        _handle = handle;
        _failed = failed;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public void Dispose() => _listener.Close();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
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

            Reply reply;
            try
            {
                reply = _handle(context.Request);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                reply = _failed(context.Request, e);
            }

            var response = context.Response;
            response.StatusCode = reply.Status;
            response.ContentType = "application/json; charset=utf-8";
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
    }
}
