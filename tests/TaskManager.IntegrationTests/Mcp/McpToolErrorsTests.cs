using System.Net;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Mcp;

/// <summary>
/// Every broken rule, missing or foreign task and wrong argument type is a tool result with isError and the HTTP
/// API's message: never a protocol error, a stack trace or a 500.
/// </summary>
public sealed class McpToolErrorsTests(TestDatabase database) : ApiFixture(database)
{
    private const string Missing = "00000000-0000-0000-0000-000000000001";
    private McpClient _mcp = null!;

    [SetUp]
    public async Task Connect() => _mcp = await Factory.ConnectAsync(Tokens.Valid(UserId));

    [TearDown]
    public async Task Disconnect() => await _mcp.DisposeAsync();

    // The tool's arguments, and the same input sent to the HTTP API: (method, path under the user's tasks, body).
    [TestCase("add_task", """{"title":"   "}""", "POST", "", """{"title":"   "}""")]
    [TestCase("add_task", """{"title":"a\u0007b"}""", "POST", "", """{"title":"a\u0007b"}""")]
    [TestCase("add_task", """{"title":"ok","description":"\u0000"}""", "POST", "", """{"title":"ok","description":"\u0000"}""")]
    [TestCase("update_task", """{"task_id":"{id}","title":null}""", "PUT", "/{id}", """{"title":null}""")]
    [TestCase("update_task", """{"task_id":"{id}","title":""}""", "PUT", "/{id}", """{"title":""}""")]
    [TestCase("add_task", """{"title":"ok","priority":"High"}""", "POST", "", """{"title":"ok","priority":"High"}""")]
    [TestCase("add_task", """{"title":"ok","priority":null}""", "POST", "", """{"title":"ok","priority":null}""")]
    [TestCase("add_task", """{"title":"ok","due_at":"2030-01-31"}""", "POST", "", """{"title":"ok","due_at":"2030-01-31"}""")]
    [TestCase("add_task", """{"title":"ok","tags":["ok","  "]}""", "POST", "", """{"title":"ok","tags":["ok","  "]}""")]
    [TestCase("update_task", """{"task_id":"{id}","tags":null}""", "PUT", "/{id}", """{"tags":null}""")]
    [TestCase("update_task", """{"task_id":"{id}","due_at":"2030-01-31T17:00:00"}""", "PUT", "/{id}", """{"due_at":"2030-01-31T17:00:00"}""")]
    [TestCase("list_tasks", """{"priority":"urgent"}""", "GET", "?priority=urgent", null)]
    [TestCase("list_tasks", """{"due_before":"2030-01-31"}""", "GET", "?due_before=2030-01-31", null)]
    [TestCase("list_tasks", """{"limit":0}""", "GET", "?limit=0", null)]
    [TestCase("list_tasks", """{"limit":501}""", "GET", "?limit=501", null)]
    [TestCase("list_tasks", """{"q":"\u0000"}""", "GET", "?q=%00", null)]
    public async Task BrokenRule_IsAToolError_WithTheHttpApisMessages(string tool, string arguments, string method, string path, string? body)
    {
        var task = await Client.CreateTaskAsync(UserId);
        using var http = await Client.SendAsync(new HttpMethod(method), Api.TasksPath(UserId) + path.Replace("{id}", task.Id(), StringComparison.Ordinal), body);
        var problem = await http.BodyAsync();
        var messages = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()!).ToArray();

        var result = await _mcp.CallAsync(tool, arguments.Replace("{id}", task.Id(), StringComparison.Ordinal));

        Assert.That(messages, Is.Not.Empty);
        AssertToolError(result, Does.EndWith(string.Join(' ', messages)));
    }

    [TestCase("update_task", """{"task_id":"{id}","title":"x"}""")]
    [TestCase("complete_task", """{"task_id":"{id}"}""")]
    [TestCase("delete_task", """{"task_id":"{id}"}""")]
    public async Task MissingTask_IsAToolError_WithTheHttpApis404Message(string tool, string arguments)
    {
        using var http = await Client.GetAsync(Api.TaskPath(UserId, Missing));
        var detail = (await http.BodyAsync()).GetProperty("detail").GetString();

        var result = await _mcp.CallAsync(tool, arguments.Replace("{id}", Missing, StringComparison.Ordinal));

        AssertToolError(result, Is.EqualTo(detail));
    }

    [TestCase("update_task", """{"task_id":"{id}","title":"Mine now"}""")]
    [TestCase("complete_task", """{"task_id":"{id}"}""")]
    [TestCase("delete_task", """{"task_id":"{id}"}""")]
    public async Task SomeoneElsesTask_IsIndistinguishableFromAMissingOne_AndStaysUntouched(string tool, string arguments)
    {
        var ownerId = Api.NewUserId();
        using var owner = Factory.ClientFor(ownerId);
        var theirs = await owner.CreateTaskAsync(ownerId, """{"title":"Theirs"}""");
        var (before, _) = await owner.GetTaskAsync(ownerId, theirs.Id());

        var result = await _mcp.CallAsync(tool, arguments.Replace("{id}", theirs.Id(), StringComparison.Ordinal));

        var (after, _) = await owner.GetTaskAsync(ownerId, theirs.Id());
        AssertToolError(result, Is.EqualTo($"No task '{theirs.Id()}' exists."));
        Assert.That(after.ToString(), Is.EqualTo(before.ToString()));
        var listed = (await _mcp.CallAsync("list_tasks")).Json();
        Assert.That(listed.GetArrayLength(), Is.Zero, "the caller sees none of another user's tasks");
    }

    [TestCase("add_task", """{"title":5}""", "title must be a string.")]
    [TestCase("add_task", """{"title":["a"]}""", "title must be a string.")]
    [TestCase("add_task", """{"title":"ok","description":false}""", "description must be a string or null.")]
    [TestCase("add_task", """{}""", "title is required.")]
    [TestCase("update_task", """{"task_id":7}""", "task_id must be a string.")]
    [TestCase("update_task", """{"task_id":"x","completed":"yes"}""", "completed must be true or false or null.")]
    [TestCase("complete_task", """{"task_id":null}""", "task_id must be a string.")]
    [TestCase("complete_task", """{"task_id":"x","completed":1}""", "completed must be true or false or null.")]
    [TestCase("delete_task", """{"task_id":{}}""", "task_id must be a string.")]
    [TestCase("list_tasks", """{"limit":"10"}""", "limit must be a whole number or null.")]
    [TestCase("list_tasks", """{"limit":1.5}""", "limit must be a whole number or null.")]
    [TestCase("list_tasks", """{"limit":99999999999}""", "limit must be a whole number or null.")]
    [TestCase("list_tasks", """{"status":"done"}""", "status must be all, pending or completed.")]
    [TestCase("list_tasks", """{"sort":1}""", "sort must be created, updated, title, due or priority.")]
    [TestCase("list_tasks", """{"order":"up"}""", "order must be asc or desc.")]
    public async Task WrongArgumentType_IsAToolError_NamingTheArgument(string tool, string arguments, string message)
    {
        var result = await _mcp.CallAsync(tool, arguments);

        AssertToolError(result, Is.EqualTo($"One or more fields are invalid. {message}"));
    }

    [Test]
    public async Task ListStatusSortAndOrder_AreCaseInsensitive_AsInTheQueryString()
    {
        await Client.CreateTaskAsync(UserId);

        var result = await _mcp.CallAsync("list_tasks", """{"status":"PENDING","sort":"Title","order":"DESC"}""");

        Assert.That(result.Json().GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task UnknownTool_IsTheProtocolsInvalidParamsError()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await _mcp.CallAsync("drop_tables"));

        Assert.That(error!.ErrorCode, Is.EqualTo(McpErrorCode.InvalidParams));
    }

    private static void AssertToolError(ModelContextProtocol.Protocol.CallToolResult result, NUnit.Framework.Constraints.IResolveConstraint text)
    {
        Assert.That(result.IsError, Is.True, result.Text());
        Assert.That(result.Text(), text);
        Assert.That(result.Text(), Does.Not.Contain("Exception").And.Not.Contain("   at ").And.Not.Contain("SELECT"));
    }
}
