using System.Globalization;
using System.Net;
using System.Text.Json;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>
/// A mixed workload of many users against the real process for a while (TASKMANAGER_SOAK_SECONDS, 20 by default;
/// scripts/soak.sh runs a long one), with live event streams open throughout for some of them. At the end the server's
/// state must equal what the clients were told, each stream must have received every change of its user (its copy,
/// built from the events alone, equals the server's), nothing may have failed, and resident memory must be within 20%
/// of what it was after the warm-up.
/// </summary>
[Category("Soak")]
[NonParallelizable]
public sealed class SoakTests
{
    private const int Users = 40;
    private const int Workers = 8;
    private const int Watched = 6;

    private static TimeSpan Duration => TimeSpan.FromSeconds(int.Parse(
        Environment.GetEnvironmentVariable("TASKMANAGER_SOAK_SECONDS") ?? "20", CultureInfo.InvariantCulture));

    [Test]
    public async Task MixedWorkload_ForAWhile_KeepsStateExactAndMemoryFlat()
    {
        var name = $"taskmanager_test_{Guid.NewGuid():N}";
        try
        {
            using var api = await ApiProcess.StartAsync(TestDatabases.NewDatabaseSettings(TestDatabase.Sqlite, name));
            var users = Enumerable.Range(0, Users).Select(_ => new SimulatedUser(Api.NewUserId(), api)).ToArray();
            var streams = await Task.WhenAll(users.Take(Watched).Select(u => LiveReplica.StartAsync(() => api.StreamClientFor(u.UserId), u.UserId)));

            await RunAsync(users, TimeSpan.FromSeconds(5));
            var afterWarmUp = api.ResidentBytes();
            await RunAsync(users, Duration);
            var atEnd = api.ResidentBytes();

            foreach (var user in users)
            {
                await user.VerifyAsync();
            }

            for (var i = 0; i < Watched; i++)
            {
                await using var stream = streams[i];
                await users[i].VerifyStreamAsync(stream);
            }

            var operations = users.Sum(u => u.Operations);
            TestContext.Out.WriteLine($"{operations} operations; RSS {afterWarmUp / 1048576.0:0.0} MiB after warm-up, {atEnd / 1048576.0:0.0} MiB at the end");
            Assert.That(users.SelectMany(u => u.Failures), Is.Empty);
            Assert.That(atEnd, Is.LessThanOrEqualTo(afterWarmUp * 1.2), "resident memory grew more than 20% after the warm-up");
        }
        finally
        {
            TestDatabases.Drop(TestDatabase.Sqlite, name);
        }
    }


    private static async Task RunAsync(SimulatedUser[] users, TimeSpan duration)
    {
        var deadline = DateTime.UtcNow + duration;
        var queue = new System.Collections.Concurrent.ConcurrentQueue<SimulatedUser>(users);
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (DateTime.UtcNow < deadline)
            {
                // A user is driven by one worker at a time, so its expected state is exact.
                if (queue.TryDequeue(out var user))
                {
                    await user.StepAsync(random);
                    queue.Enqueue(user);
                }
            }
        }));
        await Task.WhenAll(workers);
    }

    /// <summary>One user's client and what the server told it: the state it must find at the end.</summary>
    private sealed class SimulatedUser(string userId, ApiProcess api)
    {
        private readonly HttpClient _client = api.ClientFor(userId);
        private readonly Dictionary<string, (string Title, bool Completed)> _expected = [];
        private readonly HashSet<string> _deleted = [];
        private readonly HashSet<string> _changed = [];

        public string UserId => userId;

        public List<string> Failures { get; } = [];

        public int Operations { get; private set; }

        public async Task StepAsync(Random random)
        {
            Operations++;
            var ids = _expected.Keys.ToArray();
            var choice = ids.Length < 3 ? 0 : random.Next(6);
            var id = ids.Length > 0 ? ids[random.Next(ids.Length)] : null;
            switch (choice)
            {
                case 0:
                    var title = $"task {Operations}";
                    using (var response = await _client.PostAsync(Api.TasksPath(userId), Api.Json($$"""{"title":"{{title}}"}""")))
                    {
                        if (Expect(response, HttpStatusCode.Created))
                        {
                            var created = (await response.BodyAsync()).GetProperty("id").GetString()!;
                            _expected[created] = (title, false);
                            _changed.Add(created);
                        }
                    }

                    break;
                case 1:
                    var renamed = $"renamed {Operations}";
                    using (var response = await _client.PutAsync(Api.TaskPath(userId, id!), Api.Json($$"""{"title":"{{renamed}}"}""")))
                    {
                        if (Expect(response, HttpStatusCode.OK))
                        {
                            _expected[id!] = (renamed, _expected[id!].Completed);
                            _changed.Add(id!);
                        }
                    }

                    break;
                case 2:
                    using (var response = await _client.PatchAsync(Api.TaskPath(userId, id!) + "/complete", null))
                    {
                        if (Expect(response, HttpStatusCode.OK))
                        {
                            _expected[id!] = (_expected[id!].Title, !_expected[id!].Completed);
                            _changed.Add(id!);
                        }
                    }

                    break;
                case 3 when ids.Length > 20:
                    using (var response = await _client.DeleteAsync(Api.TaskPath(userId, id!)))
                    {
                        if (Expect(response, HttpStatusCode.NoContent))
                        {
                            _expected.Remove(id!);
                            _deleted.Add(id!);
                        }
                    }

                    break;
                default:
                    using (var response = await _client.GetAsync($"{Api.TasksPath(userId)}?status=pending&sort=updated&order=desc&limit=20"))
                    {
                        Expect(response, HttpStatusCode.OK);
                    }

                    break;
            }
        }

        public async Task VerifyAsync()
        {
            using var response = await _client.GetAsync($"{Api.TasksPath(userId)}?limit=500");
            var tasks = (await response.BodyAsync()).EnumerateArray()
                .ToDictionary(t => t.GetProperty("id").GetString()!, t => (t.GetProperty("title").GetString()!, t.GetProperty("completed").GetBoolean()));
            Assert.That(tasks, Is.EquivalentTo(_expected), $"{userId}: the server holds exactly what the client was told");
            Assert.That(tasks.Keys.Intersect(_deleted), Is.Empty, $"{userId}: every 204 is gone");
        }

        /// <summary>The stream's copy equals the server's tasks, and it heard of every task this user changed.</summary>
        public async Task VerifyStreamAsync(LiveReplica stream)
        {
            var server = await _client.ServerTasksAsync(userId);
            var copy = await stream.SettleAsync(server, TimeSpan.FromSeconds(10));
            Assert.That(copy, Is.EquivalentTo(server), $"{userId}: the live events alone rebuild the server's tasks");
            Assert.That(_changed.Except(stream.Seen), Is.Empty, $"{userId}: an event for every task changed");
        }

        private bool Expect(HttpResponseMessage response, HttpStatusCode expected)
        {
            if (response.StatusCode == expected)
            {
                return true;
            }

            Failures.Add($"{userId}: {response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {(int)response.StatusCode}");
            return false;
        }
    }
}
