using System.Net;
using System.Text.Json;
using ModelContextProtocol.Client;
using TaskManager.Domain.Tasks;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Mcp;

/// <summary>/mcp through the SDK's own client: the handshake, the tool list, and each tool's success path.</summary>
public sealed class McpToolsTests(TestDatabase database) : ApiFixture(database)
{
    private McpClient _mcp = null!;

    [SetUp]
    public async Task Connect() => _mcp = await Factory.ConnectAsync(Tokens.Valid(UserId));

    [TearDown]
    public async Task Disconnect() => await _mcp.DisposeAsync();

    [TestCase("2025-06-18")]
    [TestCase("2025-11-25")]
    [TestCase("2026-07-28")]
    public async Task Connect_AtEachProtocolRevision_NamesTheServerAndOffersTools(string protocolVersion)
    {
        await using var client = await Factory.ConnectAsync(Tokens.Valid(UserId), protocolVersion);

        Assert.Multiple(() =>
        {
            Assert.That(client.NegotiatedProtocolVersion, Is.EqualTo(protocolVersion));
            Assert.That(client.ServerInfo?.Name, Is.EqualTo("TaskManager"));
            Assert.That(client.ServerCapabilities?.Tools, Is.Not.Null);
            Assert.That(client.SessionId, Is.Null, "stateless: any instance answers any call");
        });
    }

    [Test]
    public async Task ToolsList_HasTheFiveTools_EachWithADescribedArgumentSchema()
    {
        var tools = (await _mcp.ListToolsAsync()).ToDictionary(t => t.Name);

        Assert.That(tools.Keys, Is.EquivalentTo(new[] { "list_tasks", "add_task", "update_task", "complete_task", "delete_task" }));
        var expected = new Dictionary<string, (string[] Properties, string[] Required)>
        {
            ["list_tasks"] = (["status", "q", "sort", "order", "limit", "priority", "tag", "due_before", "due_after"], []),
            ["add_task"] = (["title", "description", "due_at", "priority", "tags"], ["title"]),
            ["update_task"] = (["task_id", "title", "description", "completed", "due_at", "priority", "tags"], ["task_id"]),
            ["complete_task"] = (["task_id", "completed"], ["task_id"]),
            ["delete_task"] = (["task_id"], ["task_id"]),
        };
        Assert.Multiple(() =>
        {
            foreach (var (name, (properties, required)) in expected)
            {
                var schema = tools[name].JsonSchema;
                Assert.That(tools[name].Description, Is.Not.Empty, name);
                Assert.That(schema.GetProperty("properties").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(properties), name);
                Assert.That(Required(schema), Is.EquivalentTo(required), name);
                foreach (var property in schema.GetProperty("properties").EnumerateObject())
                {
                    Assert.That(property.Value.GetProperty("description").GetString(), Is.Not.Empty, $"{name}.{property.Name}");
                }
            }

            var status = tools["list_tasks"].JsonSchema.GetProperty("properties").GetProperty("status");
            Assert.That(status.GetProperty("enum").EnumerateArray().Select(v => v.ToString()), Is.SupersetOf(new[] { "all", "pending", "completed" }));

            // The descriptions state the limits a model must respect: the domain's, whatever they become.
            Assert.That(Described(tools["add_task"], "title"), Does.Contain($"1 to {TaskLimits.TitleMaxLength} characters"));
            Assert.That(Described(tools["add_task"], "description"), Does.Contain($"{TaskLimits.DescriptionMaxLength} characters"));
            Assert.That(Described(tools["list_tasks"], "q"), Does.Contain($"{TaskLimits.SearchMaxLength} characters"));
            Assert.That(Described(tools["list_tasks"], "limit"), Does.Contain($"1 to {TaskLimits.PageSizeMax}; {TaskLimits.PageSizeDefault} when absent"));
        });
    }

    [Test]
    public async Task AddTask_CreatesATaskOfTheTokensUser_ThatTheHttpApiShows()
    {
        var created = (await _mcp.CallAsync("add_task", """{"title":"  Buy milk  ","description":"2 litres"}""")).Json();

        var (viaHttp, _) = await Client.GetTaskAsync(UserId, created.Id());
        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("user_id").GetString(), Is.EqualTo(UserId));
            Assert.That(created.GetProperty("title").GetString(), Is.EqualTo("Buy milk"));
            Assert.That(created.GetProperty("completed").GetBoolean(), Is.False);
            Assert.That(viaHttp.ToString(), Is.EqualTo(created.ToString()), "the same snake_case task object");
        });
    }

    [Test]
    public async Task ListTasks_ReturnsOnlyTheCallersTasks_FilteredSortedAndLimited()
    {
        var strangerId = Api.NewUserId();
        using var stranger = Factory.ClientFor(strangerId);
        await stranger.CreateTaskAsync(strangerId, """{"title":"Not yours"}""");
        // A second apart, so that creation order is the default order (tasks made in one millisecond tie, broken by id).
        var t0 = DateTimeOffset.UtcNow;
        Factory.Clock.Set(t0);
        await Client.CreateTaskAsync(UserId, """{"title":"b pending"}""");
        Factory.Clock.Set(t0.AddSeconds(1));
        await Client.CreateTaskAsync(UserId, """{"title":"a done","completed":true}""");
        Factory.Clock.Set(t0.AddSeconds(2));
        await Client.CreateTaskAsync(UserId, """{"title":"c pending"}""");

        var all = (await _mcp.CallAsync("list_tasks")).Json();
        var pending = (await _mcp.CallAsync("list_tasks", """{"status":"pending","sort":"title","order":"desc"}""")).Json();
        var first = (await _mcp.CallAsync("list_tasks", """{"sort":"title","limit":1}""")).Json();
        var found = (await _mcp.CallAsync("list_tasks", """{"q":"DONE"}""")).Json();

        Assert.Multiple(() =>
        {
            Assert.That(Titles(all), Is.EqualTo(new[] { "b pending", "a done", "c pending" }));
            Assert.That(Titles(pending), Is.EqualTo(new[] { "c pending", "b pending" }));
            Assert.That(Titles(first), Is.EqualTo(new[] { "a done" }));
            Assert.That(Titles(found), Is.EqualTo(new[] { "a done" }));
        });
    }

    [Test]
    public async Task UpdateTask_ChangesOnlyTheGivenFields_AndANullDescriptionClearsIt()
    {
        var task = await Client.CreateTaskAsync(UserId, """{"title":"Old","description":"keep me"}""");

        var renamed = (await _mcp.CallAsync("update_task", $$"""{"task_id":"{{task.Id()}}","title":"New"}""")).Json();
        var done = (await _mcp.CallAsync("update_task", $$"""{"task_id":"{{task.Id()}}","completed":true,"description":null}""")).Json();

        var (viaHttp, _) = await Client.GetTaskAsync(UserId, task.Id());
        Assert.Multiple(() =>
        {
            Assert.That(renamed.GetProperty("title").GetString(), Is.EqualTo("New"));
            Assert.That(renamed.GetProperty("description").GetString(), Is.EqualTo("keep me"));
            Assert.That(renamed.GetProperty("completed").GetBoolean(), Is.False);
            Assert.That(done.GetProperty("title").GetString(), Is.EqualTo("New"));
            Assert.That(done.GetProperty("description").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(done.GetProperty("completed").GetBoolean(), Is.True);
            Assert.That(viaHttp.ToString(), Is.EqualTo(done.ToString()));
        });
    }

    [Test]
    public async Task CompleteTask_TogglesWithoutCompleted_AndSetsItWhenGiven()
    {
        var task = await Client.CreateTaskAsync(UserId);

        var toggledOn = (await _mcp.CallAsync("complete_task", $$"""{"task_id":"{{task.Id()}}"}""")).Json();
        var toggledOff = (await _mcp.CallAsync("complete_task", $$"""{"task_id":"{{task.Id()}}"}""")).Json();
        var setTwice = (await _mcp.CallAsync("complete_task", $$"""{"task_id":"{{task.Id()}}","completed":true}""")).Json();
        setTwice = (await _mcp.CallAsync("complete_task", $$"""{"task_id":"{{task.Id()}}","completed":true}""")).Json();

        var (viaHttp, _) = await Client.GetTaskAsync(UserId, task.Id());
        Assert.Multiple(() =>
        {
            Assert.That(toggledOn.GetProperty("completed").GetBoolean(), Is.True);
            Assert.That(toggledOff.GetProperty("completed").GetBoolean(), Is.False);
            Assert.That(setTwice.GetProperty("completed").GetBoolean(), Is.True);
            Assert.That(viaHttp.GetProperty("completed").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task DeleteTask_RemovesTheTask_AndAnswersItsId()
    {
        var task = await Client.CreateTaskAsync(UserId);

        var deleted = (await _mcp.CallAsync("delete_task", $$"""{"task_id":"{{task.Id()}}"}""")).Json();

        using var response = await Client.GetAsync(Api.TaskPath(UserId, task.Id()));
        Assert.Multiple(() =>
        {
            Assert.That(deleted.ToString(), Is.EqualTo($$"""{"deleted":"{{task.Id()}}"}"""));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    private static string Described(McpClientTool tool, string argument) =>
        tool.JsonSchema.GetProperty("properties").GetProperty(argument).GetProperty("description").GetString()!;

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];

    private static string[] Titles(JsonElement tasks) => [.. tasks.EnumerateArray().Select(t => t.GetProperty("title").GetString()!)];
}
