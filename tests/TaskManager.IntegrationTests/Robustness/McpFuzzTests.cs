using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>
/// The MCP section of the fuzzer: seeded hostile JSON-RPC messages and tool arguments to /mcp. Never a 5xx, never
/// internals in a body, and a bystander's tasks exactly as they were. A failure names the seed and the request.
/// </summary>
public sealed class McpFuzzTests(TestDatabase database) : ApiFixture(database)
{
    private const int Requests = 1500;

    [TestCase(20261202)]
    [TestCase(15)]
    public async Task HostileMessages_NeverBreakTheServiceOrTouchABystander(int seed)
    {
        var bystander = Api.NewUserId();
        using var bystanderClient = Factory.ClientFor(bystander);
        var taskIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            taskIds.Add((await Client.CreateTaskAsync(UserId)).Id());
            taskIds.Add((await bystanderClient.CreateTaskAsync(bystander, $$"""{"title":"keep {{i}}","description":"mine"}""")).Id());
        }

        var before = await FuzzTests.SnapshotAsync(bystanderClient, bystander);
        using var client = Factory.ClientWithToken(null);
        var generator = new HostileMcpMessages(seed, UserId, taskIds, Tokens.Valid);
        var statuses = new Dictionary<int, int>();
        var toolResults = new Dictionary<bool, int>();
        for (var i = 0; i < Requests; i++)
        {
            using var request = generator.Next();
            var sent = request.Content is null ? "" : System.Text.Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync());
            var described = $"seed {seed}, request {i}: {request.Method} {request.RequestUri} {sent[..Math.Min(sent.Length, 300)]}";
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            if (McpRequests.Message(body) is { ValueKind: JsonValueKind.Object } message && message.TryGetProperty("result", out var result)
                && result.TryGetProperty("content", out _))
            {
                var isError = result.TryGetProperty("isError", out var flag) && flag.ValueKind == JsonValueKind.True;
                toolResults[isError] = toolResults.GetValueOrDefault(isError) + 1;
            }

            Assert.That((int)response.StatusCode, Is.LessThan(500),
                () => $"{described}\n{body}\n{Factory.Logs.Entries.LastOrDefault(e => e.StartsWith("Error", StringComparison.Ordinal))}");
            Assert.That(body, Does.Not.Contain("Exception").And.Not.Contain("   at ").And.Not.Contain("SELECT ")
                .And.Not.Contain("Npgsql").And.Not.Contain("SQLite Error").And.Not.Contain("Microsoft.").And.Not.Contain("System.").And.Not.Contain("ModelContextProtocol.")
                .And.Not.Contain("could not be converted"), described);
        }

        var after = await FuzzTests.SnapshotAsync(bystanderClient, bystander);
        var reached = string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")) + $"; tool results ok×{toolResults.GetValueOrDefault(false)}, isError×{toolResults.GetValueOrDefault(true)}";
        Assert.That(after, Is.EqualTo(before), "the bystander's tasks are untouched");
        Assert.That(statuses.Keys, Has.Member(200).And.Member(400).And.Member(401), "the generator reaches every kind of answer: " + reached);
        Assert.That(toolResults.Keys, Has.Member(true).And.Member(false), "tools both succeed and fail: " + reached);
        TestContext.Out.WriteLine(reached);
    }
}
