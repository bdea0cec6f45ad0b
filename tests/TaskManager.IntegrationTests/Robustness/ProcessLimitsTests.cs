using System.Net;
using System.Net.Sockets;
using System.Text;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>Limits only a real server enforces (Kestrel's), and the real process's answers to them: never a 5xx.</summary>
[NonParallelizable]
public sealed class ProcessLimitsTests
{
    private ApiProcess _api = null!;
    private string _database = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = $"taskmanager_test_{Guid.NewGuid():N}";
        _api = await ApiProcess.StartAsync(TestDatabases.NewDatabaseSettings(TestDatabase.Sqlite, _database));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _api.Dispose();
        TestDatabases.Drop(TestDatabase.Sqlite, _database);
    }

    [Test]
    public async Task Response_FromKestrel_HasNoServerHeaderAndNoSniff()
    {
        var user = Api.NewUserId();
        using var client = _api.ClientFor(user);

        using var response = await client.GetAsync(Api.TasksPath(user));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains("Server"), Is.False);
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
    }

    [Test]
    public async Task Request_WithHugeHeaders_IsRefusedWithoutA5xx()
    {
        var user = Api.NewUserId();
        using var client = _api.ClientFor(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, Api.TasksPath(user));
        request.Headers.Add("X-Padding", new string('p', 64 * 1024));

        using var response = await client.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(431));
    }

    [Test]
    public async Task Request_WithOversizedToken_Returns401()
    {
        using var client = new HttpClient { BaseAddress = _api.BaseAddress };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + new string('A', 12 * 1024));

        using var response = await client.GetAsync(Api.TasksPath("someone"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Request_WithLongQueryString_Returns414Problem()
    {
        var user = Api.NewUserId();
        using var client = _api.ClientFor(user);

        using var response = await client.GetAsync($"{Api.TasksPath(user)}?q={new string('q', 5000)}");

        await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong);
    }

    [TestCase("GET /api/a%00b/tasks HTTP/1.1")]
    [TestCase("GET /api/%C3%28/tasks/%FF HTTP/1.1")]
    [TestCase("GET /api/../../etc/passwd HTTP/1.1")]
    [TestCase("POST /api/u/tasks HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6")]
    [TestCase("PATCH /api/u/tasks/x/complete HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3")]
    public async Task RawRequest_ThatNoHttpClientWouldSend_IsAnsweredBelow500(string requestHead)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_api.BaseAddress.Host, _api.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var raw = $"{requestHead}\r\nHost: {_api.BaseAddress.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? string.Empty;

        Assert.That(statusLine, Does.Match(@"^HTTP/1\.1 [1-4]\d\d "), statusLine);
        Assert.That(_api.HasExited, Is.False);
    }
}
