using System.Net;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Sync;

/// <summary>
/// Seeded random creates, updates, completes and deletes by several clients, interleaved with replicas that sync from
/// wherever they stand (some from scratch, in random page sizes): a replica that applies what it read holds exactly
/// the server's tasks, every time.
/// </summary>
public sealed class ChangesFeedPropertyTests(TestDatabase database) : ApiFixture(database)
{
    private const int Writers = 3;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public async Task Replicas_InterleavedWithRandomWrites_EndEqualToTheServer(int seed)
    {
        var random = new Random(seed);
        var writers = Enumerable.Range(0, Writers).Select(_ => Factory.ClientFor(UserId)).ToList();
        var replicas = Enumerable.Range(0, 3).Select(_ => new Replica()).ToList();
        var live = new List<string>();
        try
        {
            for (var step = 0; step < 120; step++)
            {
                if (random.Next(4) == 0)
                {
                    var replica = replicas[random.Next(replicas.Count)];
                    if (random.Next(6) == 0)
                    {
                        replica.Forget();
                    }

                    await replica.SyncAsync(Client, UserId, limit: random.Next(1, 6));
                    Assert.That(replica.Raw(), Is.EqualTo(await Client.ServerTasksAsync(UserId)), $"seed {seed}, step {step}");
                }
                else
                {
                    await WriteAsync(writers[random.Next(Writers)], random, live);
                }
            }

            foreach (var replica in replicas)
            {
                await replica.SyncAsync(Client, UserId, limit: random.Next(1, 6));
                Assert.That(replica.Raw(), Is.EqualTo(await Client.ServerTasksAsync(UserId)), $"seed {seed}, at the end");
            }
        }
        finally
        {
            writers.ForEach(w => w.Dispose());
        }
    }

    [TestCase(11)]
    [TestCase(12)]
    public async Task Replicas_SyncingWhileClientsWriteConcurrently_EndEqualToTheServer(int seed)
    {
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            using var client = Factory.ClientFor(UserId);
            var random = new Random(seed * 100 + w);
            var live = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                await WriteAsync(client, random, live);
            }
        })).ToList();
        var replicas = Enumerable.Range(0, 2).Select(r => Task.Run(async () =>
        {
            var replica = new Replica();
            var random = new Random(seed * 1000 + r);
            while (!stop.IsCancellationRequested)
            {
                await replica.SyncAsync(Client, UserId, limit: random.Next(1, 8));
            }

            return replica;
        })).ToList();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        foreach (var replica in await Task.WhenAll(replicas))
        {
            await replica.SyncAsync(Client, UserId, limit: 7);
            Assert.That(replica.Raw(), Is.EqualTo(await Client.ServerTasksAsync(UserId)), $"seed {seed}");
        }
    }

    // Each writer works on the tasks it made: a task another writer deleted would only answer 404.
    private async Task WriteAsync(HttpClient client, Random random, List<string> live)
    {
        var choice = live.Count == 0 ? 0 : random.Next(4);
        if (choice == 0)
        {
            live.Add((await client.CreateTaskAsync(UserId, $$"""{"title":"t{{random.Next(1000)}}"}""")).Id());
            return;
        }

        var id = live[random.Next(live.Count)];
        using var response = choice switch
        {
            1 => await client.SendAsync(HttpMethod.Put, Api.TaskPath(UserId, id), $$"""{"title":"u{{random.Next(1000)}}","description":"d{{random.Next(3)}}"}"""),
            2 => await client.SendAsync(HttpMethod.Patch, Api.TaskPath(UserId, id) + "/complete"),
            _ => await client.DeleteAsync(Api.TaskPath(UserId, id)),
        };
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        if (choice == 3)
        {
            live.Remove(id);
        }
    }

    /// <summary>A client's copy of the tasks and where it stands in the feed.</summary>
    private sealed class Replica
    {
        private readonly Dictionary<string, JsonElement> _tasks = [];
        private string? _since;

        public void Forget()
        {
            _tasks.Clear();
            _since = null;
        }

        public async Task SyncAsync(HttpClient client, string userId, int limit) =>
            _since = await client.SyncAsync(userId, _tasks, _since, limit);

        public Dictionary<string, string> Raw() => ChangesFeed.Raw(_tasks);
    }
}
