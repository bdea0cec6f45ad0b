using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Mcp;

/// <summary>/mcp carries /api's headers and follows its HTTPS rule.</summary>
public sealed class McpTransportSecurityTests
{
    [Test]
    public async Task McpResponse_CarriesNoSniffAndAPrivateCachePolicy()
    {
        using var factory = new TaskManagerApiFactory();
        using var client = factory.ClientFor(Api.NewUserId());

        using var response = await client.PostMcpAsync(McpRequests.ToolCall("list_tasks", "{}"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.CacheControl?.Private, Is.True);
            Assert.That(response.Headers.Vary, Does.Contain("Authorization"));
        });
    }

    [Test]
    public async Task PlainHttpCall_WhenHttpsIsRequired_GetsAProblemNotARedirect()
    {
        using var factory = new TaskManagerApiFactory(new Dictionary<string, string?> { ["Https:Required"] = "true" });
        using var client = factory.ClientFor(Api.NewUserId());
        client.BaseAddress = new Uri("http://tasks.example.test");

        using var response = await client.PostMcpAsync(McpRequests.ToolCall("list_tasks", "{}"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("HTTPS"));
        Assert.That(response.Headers.Location, Is.Null);
    }
}
