using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Mcp;

/// <summary>/mcp shares /api's rate limits: one window per user across both.</summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
public sealed class McpRateLimitTests(TestDatabase database)
{
    private const int Limit = 4;
    private TaskManagerApiFactory _factory = null!;

    [SetUp]
    public void Start() => _factory = new TaskManagerApiFactory(new Dictionary<string, string?>
    {
        ["RateLimiting:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:WindowSeconds"] = "60",
    }, database: database);

    [TearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task Calls_OverTheUsersLimit_Get429WithRetryAfter_CountingApiRequestsToo()
    {
        var user = Api.NewUserId();
        using var client = _factory.ClientFor(user);
        using (var viaApi = await client.GetAsync(Api.TasksPath(user)))
        {
            Assert.That(viaApi.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        for (var i = 1; i < Limit; i++)
        {
            using var allowed = await client.PostMcpAsync(McpRequests.ToolCall("list_tasks", "{}"));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"call {i}");
        }

        using var refused = await client.PostMcpAsync(McpRequests.ToolCall("list_tasks", "{}"));

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
    }
}
