using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>
/// Thousands of seeded hostile requests across every route: never a 5xx, never internals in a body, and a bystander's
/// tasks exactly as they were. A failure names the seed and the request, so it can be replayed.
/// </summary>
public sealed class FuzzTests(TestDatabase database) : ApiFixture(database)
{
    private const int Requests = 2500;

    [TestCase(20261124)]
    [TestCase(7)]
    public async Task HostileRequests_NeverBreakTheServiceOrTouchABystander(int seed)
    {
        var bystander = Api.NewUserId();
        using var bystanderClient = Factory.ClientFor(bystander);
        for (var i = 0; i < 5; i++)
        {
            await bystanderClient.CreateTaskAsync(bystander, $$"""{"title":"keep {{i}}","description":"mine"}""");
        }

        var before = await SnapshotAsync(bystanderClient, bystander);
        var ownTasks = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ownTasks.Add((await Client.CreateTaskAsync(UserId)).GetProperty("id").GetString()!);
        }

        ownTasks.Add((await bystanderClient.CreateTaskAsync(bystander, """{"title":"bait"}""")).GetProperty("id").GetString()!);
        before = await SnapshotAsync(bystanderClient, bystander);

        using var client = Factory.ClientWithToken(null);
        var generator = new HostileRequests(seed, UserId, bystander, ownTasks, Tokens.Valid);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Requests; i++)
        {
            using var request = generator.Next();
            var described = $"seed {seed}, request {i}: {request.Method} {request.RequestUri}";
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;

            Assert.That((int)response.StatusCode, Is.LessThan(500),
                () => $"{described}\n{body}\n{Factory.Logs.Entries.LastOrDefault(e => e.StartsWith("Error", StringComparison.Ordinal))}");
            Assert.That(body, Does.Not.Contain("Exception").And.Not.Contain("   at ").And.Not.Contain("SELECT ")
                .And.Not.Contain("Npgsql").And.Not.Contain("SQLite Error").And.Not.Contain("Microsoft."), described);
        }

        var after = await SnapshotAsync(bystanderClient, bystander);
        Assert.That(after, Is.EqualTo(before), "the bystander's tasks are untouched");
        Assert.That(statuses.Keys, Has.Member(200).And.Member(400).And.Member(401).And.Member(404).And.Member(422),
            "the generator reaches every kind of answer: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
    }

    /// <summary>The user's whole list, as the API writes it: equal snapshots mean untouched tasks.</summary>
    internal static async Task<string> SnapshotAsync(HttpClient client, string user)
    {
        using var response = await client.GetAsync($"{Api.TasksPath(user)}?limit=500");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }
}
