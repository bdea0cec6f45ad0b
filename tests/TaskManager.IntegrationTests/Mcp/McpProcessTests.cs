using System.Net;
using System.Text;
using ModelContextProtocol.Client;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Mcp;

/// <summary>/mcp of the real published process, through the SDK's client over a real socket, on each test database.</summary>
[NonParallelizable]
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public sealed class McpProcessTests(TestDatabase database)
{
    private ApiProcess _api = null!;
    private string _name = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _name = $"taskmanager_test_{Guid.NewGuid():N}";
        _api = await ApiProcess.StartAsync(TestDatabases.NewDatabaseSettings(database, _name));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _api?.Dispose();
        TestDatabases.Drop(database, _name);
    }

    [Test]
    public async Task Tools_OnTheRealProcess_ListFiveAndActForTheTokensUserOnly()
    {
        var user = Api.NewUserId();
        await using var mcp = await _api.ConnectAsync(Tokens.Valid(user));

        var tools = await mcp.ListToolsAsync();
        var created = (await mcp.CallAsync("add_task", """{"title":"From a real socket","priority":"medium","tags":["mcp"]}""")).Json();
        var foreign = await mcp.CallAsync("delete_task", """{"task_id":"00000000-0000-0000-0000-000000000001"}""");

        using var http = _api.ClientFor(user);
        using var response = await http.GetAsync(Api.TaskPath(user, created.Id()));
        Assert.Multiple(() =>
        {
            Assert.That(tools.Select(t => t.Name), Is.EquivalentTo(new[] { "list_tasks", "add_task", "update_task", "complete_task", "delete_task" }));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(created.GetProperty("user_id").GetString(), Is.EqualTo(user));
            Assert.That(foreign.IsError, Is.True);
        });
    }

    [Test]
    public async Task Post_WithoutAToken_IsA401WithWwwAuthenticate()
    {
        using var http = new HttpClient { BaseAddress = _api.BaseAddress };
        using var body = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json");
        body.Headers.ContentType!.CharSet = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = body };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");

        using var response = await http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }
}
