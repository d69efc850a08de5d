using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Rampart.Images.Tests.Registry;

/// <summary>What a <see cref="LoopbackServer"/> was asked.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string? Accept, string Body);

/// <summary>A real HTTP server on 127.0.0.1 (HttpListener), answering with a handler and recording every request.</summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackServer(HttpListener listener, int port, Func<HttpListenerContext, Task> handler)
    {
        _listener = listener;
        _handler = handler;
        Port = port;
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, as a registry is named in references.</summary>
    public string Authority => $"127.0.0.1:{Port}";

    public Uri BaseUri => new($"http://{Authority}/");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static LoopbackServer Start(Func<HttpListenerContext, Task> handler)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackServer(listener, port, handler);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and binding.
                listener.Close();
            }
        }
    }

    /// <summary>A port nothing listens on (just released), for connection-refused cases.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static async Task WriteAsync(HttpListenerResponse response, int status, string? body = null, string contentType = "application/json")
    {
        response.StatusCode = status;
        if (body is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            response.ContentType = contentType;
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }

        response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream))
        {
            body = await reader.ReadToEndAsync();
        }

        _requests.Enqueue(new RecordedRequest(request.HttpMethod, request.Url!.PathAndQuery, request.Headers["Authorization"], request.Headers["Accept"], body));
        try
        {
            await _handler(context);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away; nothing to answer.
        }
    }
}
