using System.Text.Json;
using ModelContextProtocol.Client;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Mcp;

/// <summary>Due dates, priorities and tags through the tools: the same fields, filters and sorts as the HTTP API.</summary>
public sealed class McpOrganizingToolsTests(TestDatabase database) : ApiFixture(database)
{
    private McpClient _mcp = null!;

    [SetUp]
    public async Task Connect() => _mcp = await Factory.ConnectAsync(Tokens.Valid(UserId));

    [TearDown]
    public async Task Disconnect() => await _mcp.DisposeAsync();

    [Test]
    public async Task AddTask_WithDueAtPriorityAndTags_StoresThemAsTheHttpApiShowsThem()
    {
        var created = (await _mcp.CallAsync(
            "add_task", """{"title":"Report","due_at":"2030-01-31T18:00:00+01:00","priority":"high","tags":["Work"," work ","q1"]}""")).Json();

        var (viaHttp, _) = await Client.GetTaskAsync(UserId, created.Id());
        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("due_at").GetString(), Is.EqualTo("2030-01-31T17:00:00.000Z"));
            Assert.That(created.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(Tags(created), Is.EqualTo(new[] { "Work", "q1" }));
            Assert.That(viaHttp.ToString(), Is.EqualTo(created.ToString()));
        });
    }

    [Test]
    public async Task UpdateTask_ReplacesTags_ClearsDueAt_AndLeavesAbsentFieldsAlone()
    {
        var task = await Client.CreateTaskAsync(UserId, """{"title":"T","due_at":"2030-01-31T17:00:00Z","priority":"low","tags":["a","b"]}""");

        var updated = (await _mcp.CallAsync("update_task", $$"""{"task_id":"{{task.Id()}}","tags":["c"],"due_at":null}""")).Json();

        Assert.Multiple(() =>
        {
            Assert.That(Tags(updated), Is.EqualTo(new[] { "c" }));
            Assert.That(updated.GetProperty("due_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(updated.GetProperty("priority").GetString(), Is.EqualTo("low"));
        });
    }

    [Test]
    public async Task ListTasks_FiltersByTagPriorityAndDueTime_AndSortsByDue()
    {
        await Client.CreateTaskAsync(UserId, """{"title":"late","due_at":"2030-03-01T00:00:00Z","priority":"high","tags":["Work","home"]}""");
        await Client.CreateTaskAsync(UserId, """{"title":"early","due_at":"2030-01-01T00:00:00Z","priority":"medium","tags":["work"]}""");
        await Client.CreateTaskAsync(UserId, """{"title":"undated","priority":"high","tags":["WORK","home"]}""");

        var byDue = (await _mcp.CallAsync("list_tasks", """{"sort":"due","order":"desc"}""")).Json();
        var workAndHome = (await _mcp.CallAsync("list_tasks", """{"tag":["work","HOME"],"sort":"title"}""")).Json();
        var high = (await _mcp.CallAsync("list_tasks", """{"priority":"high","sort":"title"}""")).Json();
        var dueSoon = (await _mcp.CallAsync("list_tasks", """{"due_before":"2030-02-01T00:00:00Z"}""")).Json();
        var dueLater = (await _mcp.CallAsync("list_tasks", """{"due_after":"2030-02-01T00:00:00+00:00"}""")).Json();

        Assert.Multiple(() =>
        {
            Assert.That(Titles(byDue), Is.EqualTo(new[] { "late", "early", "undated" }), "no due date last in both orders");
            Assert.That(Titles(workAndHome), Is.EqualTo(new[] { "late", "undated" }));
            Assert.That(Titles(high), Is.EqualTo(new[] { "late", "undated" }));
            Assert.That(Titles(dueSoon), Is.EqualTo(new[] { "early" }));
            Assert.That(Titles(dueLater), Is.EqualTo(new[] { "late" }));
        });
    }

    [Test]
    public async Task ToolChanges_AppearInTheChangesFeed()
    {
        var created = (await _mcp.CallAsync("add_task", """{"title":"via tool"}""")).Json();
        await _mcp.CallAsync("delete_task", $$"""{"task_id":"{{created.Id()}}"}""");
        var kept = (await _mcp.CallAsync("add_task", """{"title":"kept","tags":["x"]}""")).Json();

        using var response = await Client.GetAsync(Api.TasksPath(UserId) + "/changes");
        var changes = (await response.BodyAsync()).GetProperty("changes").EnumerateArray().ToArray();

        Assert.That(changes.Select(c => c.GetProperty("task").GetProperty("id").GetString()), Is.EqualTo(new[] { kept.Id() }));
        Assert.That(changes[0].GetProperty("task").ToString(), Is.EqualTo(kept.ToString()));
    }

    private static string[] Tags(JsonElement task) => [.. task.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];

    private static string[] Titles(JsonElement tasks) => [.. tasks.EnumerateArray().Select(t => t.GetProperty("title").GetString()!)];
}
