using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TaskManager.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for a Better Auth server's JWKS endpoint on a real loopback socket, which a test can take down, bring up,
/// rotate, slow down or make answer garbage. The API reaches it through its own HttpClient, as it would reach Better Auth.
/// </summary>
public sealed class JwksServer : IAsyncDisposable
{
    public const string Path = "/api/auth/jwks";

    private readonly Lock _lock = new();
    private List<TestKey> _keys = [];
    private string? _body;
    private WebApplication? _app;
    private int _requests;

    private JwksServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The server's base URL: what BETTER_AUTH_URL names, and what Better Auth puts in iss and aud.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>How many times the JWKS was asked for.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>When set, every answer waits this long first.</summary>
    public TimeSpan Delay { get; set; }

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    public static async Task<JwksServer> StartAsync(params TestKey[] keys)
    {
        var server = NotStarted(keys);
        await server.StartAsync();
        return server;
    }

    /// <summary>A server whose port is chosen but nothing listens on yet: the endpoint is down.</summary>
    public static JwksServer NotStarted(params TestKey[] keys)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var server = new JwksServer(((IPEndPoint)probe.LocalEndpoint).Port);
        server.Publish(keys);
        return server;
    }

    /// <summary>Publishes exactly these keys from now on.</summary>
    public void Publish(params TestKey[] keys)
    {
        lock (_lock)
        {
            _keys = [.. keys];
            _body = null;
        }
    }

    /// <summary>Answers this text instead of a JWKS from now on.</summary>
    public void Serve(string body)
    {
        lock (_lock)
        {
            _body = body;
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Url);
        _app = builder.Build();
        _app.MapGet(Path, AnswerAsync);
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        string body;
        lock (_lock)
        {
            body = _body ?? JsonSerializer.Serialize(new { keys = _keys.Select(k => k.Jwk()) });
        }

        context.Response.StatusCode = StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}
