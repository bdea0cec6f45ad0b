using System.Collections.Concurrent;
using System.Net;
using TaskManager.IntegrationTests.Infrastructure;

namespace TaskManager.IntegrationTests.Robustness;

/// <summary>SIGTERM under load: in-flight requests finish, nothing accepted gets a 5xx, and the process exits 0.</summary>
[NonParallelizable]
public sealed class ShutdownTests
{
    [Test]
    public async Task Sigterm_UnderLoad_FinishesAcceptedRequestsAndExitsZero()
    {
        var name = $"taskmanager_test_{Guid.NewGuid():N}";
        var settings = TestDatabases.NewDatabaseSettings(TestDatabase.Sqlite, name);
        settings["Shutdown:TimeoutSeconds"] = "10";
        var user = Api.NewUserId();
        var answers = new ConcurrentBag<HttpStatusCode>();
        var created = new ConcurrentBag<string>();
        try
        {
            using var api = await ApiProcess.StartAsync(settings);
            using var client = api.ClientFor(user);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        using var response = await client.PostAsync(Api.TasksPath(user), Api.Json($$"""{"title":"w{{worker}}-{{i}}"}"""));
                        answers.Add(response.StatusCode);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            created.Add((await response.BodyAsync()).GetProperty("id").GetString()!);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // Refused after the listener closed: the request was never accepted.
                        return;
                    }
                }
            })).ToArray();

            while (answers.Count < 50 && load.Any(worker => !worker.IsCompleted))
            {
                await Task.Delay(10);
            }

            var exitCode = await api.TerminateAsync(TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await Task.WhenAll(load);

            Assert.That(answers, Has.Count.GreaterThanOrEqualTo(50), "the service was under load when it was stopped");
            Assert.That(exitCode, Is.Zero, api.Output);
            Assert.That(answers.Where(s => (int)s >= 500), Is.Empty, string.Join(", ", answers.Distinct()));
            Assert.That(api.Output, Does.Contain("Application is shutting down"));
        }
        finally
        {
            TestDatabases.Drop(TestDatabase.Sqlite, name);
        }
    }
}
