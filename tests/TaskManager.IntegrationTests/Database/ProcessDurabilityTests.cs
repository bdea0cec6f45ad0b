using System.Collections.Concurrent;
using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Database;

/// <summary>What a client was told stays true across a crash: every 201 survives a SIGKILL under write load.</summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.All))]
[NonParallelizable]
public sealed class ProcessDurabilityTests(TestDatabase database)
{
    [Test]
    public async Task Kill_UnderWriteLoad_LosesNoTaskThatWasAnswered201()
    {
        var name = $"taskmanager_test_{Guid.NewGuid():N}";
        var settings = TestDatabases.NewDatabaseSettings(database, name);
        var user = Api.NewUserId();
        var acknowledged = new ConcurrentBag<string>();
        try
        {
            using (var api = await ApiProcess.StartAsync(settings))
            {
                using var client = api.ClientFor(user);
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested && i < 1000; i++)
                    {
                        try
                        {
                            using var response = await client.PostAsync(Api.TasksPath(user), Api.Json($$"""{"title":"w{{writer}}-{{i}}"}"""));
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                acknowledged.Add((await response.BodyAsync()).GetProperty("id").GetString()!);
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return;
                        }
                    }
                })).ToArray();

                while (acknowledged.Count < 40 && writers.Any(w => !w.IsCompleted))
                {
                    await Task.Delay(20);
                }

                api.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
                Assert.That(acknowledged, Has.Count.GreaterThanOrEqualTo(40), api.Output);
            }

            using var restarted = await ApiProcess.StartAsync(settings);
            using var reader = restarted.ClientFor(user);
            using var list = await reader.GetAsync($"{Api.TasksPath(user)}?limit=500");
            var stored = (await list.BodyAsync()).EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToHashSet();
            var total = int.Parse(list.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);

            Assert.That(total, Is.LessThanOrEqualTo(500), "the check reads every task in one page");
            Assert.That(acknowledged, Is.SubsetOf(stored), $"{acknowledged.Count} acknowledged, {stored.Count} stored");
        }
        finally
        {
            TestDatabases.Drop(database, name);
        }
    }
}
