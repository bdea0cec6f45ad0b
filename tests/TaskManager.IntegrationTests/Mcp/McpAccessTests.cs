using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Mcp;

/// <summary>/mcp is behind the same bearer token as /api, and reads its arguments as strictly.</summary>
public sealed class McpAccessTests(TestDatabase database) : ApiFixture(database)
{
    private static readonly string ListCall = McpRequests.ToolCall("list_tasks", "{}");

    [Test]
    public async Task Call_WithoutAToken_Is401WithWwwAuthenticate_AsOnApi()
    {
        using var anonymous = Factory.ClientWithToken(null);

        using var response = await anonymous.PostMcpAsync(ListCall);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task Call_WithAnExpiredToken_Is401_SayingSo()
    {
        var expired = Tokens.Sign(new Dictionary<string, object> { ["sub"] = UserId, ["exp"] = Tokens.Expiry(TimeSpan.FromMinutes(-10)) });
        using var client = Factory.ClientWithToken(expired);

        using var response = await client.PostMcpAsync(ListCall);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("The token has expired."));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer error=\"invalid_token\""));
    }

    [Test]
    public async Task SdkClient_WithoutAToken_CannotConnect()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(async () => await Factory.ConnectAsync(token: null));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Call_WithoutTheHandshake_IsAnsweredStatelessly()
    {
        await Client.CreateTaskAsync(UserId);

        using var response = await Client.PostMcpAsync(ListCall);

        var message = McpRequests.Message(await response.Content.ReadAsStringAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(message?.GetProperty("result").TryGetProperty("isError", out _), Is.False);
        Assert.That(message?.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString(), Does.Contain(UserId));
    }

    [Test]
    public async Task Argument_WithALoneSurrogate_IsAToolError_AsTheHttpApiWordsIt()
    {
        using var response = await Client.PostMcpAsync(McpRequests.ToolCall("add_task", """{"title":"\ud800"}"""));

        var result = McpRequests.Message(await response.Content.ReadAsStringAsync())?.GetProperty("result");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(result?.GetProperty("isError").GetBoolean(), Is.True);
        Assert.That(result?.GetProperty("content")[0].GetProperty("text").GetString(),
            Is.EqualTo("One or more fields are invalid. title must be valid Unicode text."));
    }

    [TestCase(null)]
    [TestCase("text/plain")]
    [TestCase("application/json; charset=utf-16")]
    [TestCase("application/json; charset=bogus")]
    public async Task Body_NotSentAsUtf8Json_Is415Problem(string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, McpRequests.Path) { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");

        using var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [TestCase("""{"jsonrpc":"2.0","id":1,"method":""", "The request body is not valid JSON.")]
    [TestCase("""[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]""", "The request body is not a JSON-RPC 2.0 message")]
    [TestCase("""{"jsonrpc":2,"id":1,"method":"tools/list"}""", "The request body is not a JSON-RPC 2.0 message")]
    [TestCase("""{"jsonrpc":"2.0","id":1.5,"method":"tools/list"}""", "The request body is not a JSON-RPC 2.0 message")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":"\ud800"}""", "The request body")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"\udc00"}""", "The request body holds a string that is not valid Unicode text.")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":"x","clientInfo":{"name":"a","version":"1"}}}""",
        "The request body is not a valid MCP message.")]
    public async Task Body_ThatIsNoMcpMessage_Is400Problem_NamingNoInternals(string body, string detail)
    {
        using var response = await Client.PostMcpAsync(body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.StartWith(detail));
        Assert.That(problem.ToString(), Does.Not.Contain("ModelContextProtocol.").And.Not.Contain("System."));
    }

    [Test]
    public async Task Body_OverTheRequestLimit_Is413_AsOnApi()
    {
        var huge = McpRequests.ToolCall("add_task", $$"""{"title":"{{new string('a', 70_000)}}"}""");

        using var response = await Client.PostMcpAsync(huge);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
